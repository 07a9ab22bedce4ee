/**
 * The adapter test suite: the same behaviour asserted on SQLite and on PostgreSQL.
 * `open` returns a fresh, migrated storage on an empty database each time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/seal.js';
import { sha256Hex } from '../src/seal.js';
import type { PolicyContext, Storage } from '../src/storage/types.js';
import { NOTICE_TEXT, newSubjectId, prepared, receipt, testKeys } from './fixtures.js';

export interface OpenedStorage {
  storage: Storage;
  /** Opens a second storage on the same database (another instance, or a restart). */
  reopen(): Promise<Storage>;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;
const T0 = new Date('2026-06-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const ctx = (now = T0, policyVersion = 'p1'): PolicyContext => ({ now, policyVersion });
const JOIN = 'f'.repeat(64);

export function storageSuite(open: () => Promise<OpenedStorage>): void {
  let opened: OpenedStorage | undefined;
  const fresh = async (): Promise<Storage> => {
    opened = await open();
    return opened.storage;
  };
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  describe('receipts', () => {
    it('stores receipts in a verifiable chain and skips ids already stored', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      const a = receipt({ subjectId, clientTime: T0 });
      const b = receipt({ subjectId, clientTime: at(1000), analytics: false });
      expect(await s.ingest(prepared(a, b, a), ctx())).toEqual(['accepted', 'accepted', 'duplicate']);
      expect(await s.ingest(prepared(b), ctx(at(5000)))).toEqual(['duplicate']);
      // A batch mixing a retry for this subject with a new visitor's receipt: each judged on its own.
      const c = receipt({ subjectId, clientTime: at(6000) });
      expect(await s.ingest(prepared(a, receipt({ clientTime: at(6000) }), c), ctx(at(7000)))).toEqual(['duplicate', 'accepted', 'accepted']);
      const data = await s.subject(subjectId);
      expect(data?.receipts.map((r) => [r.seq, r.receipt.receiptId])).toEqual([[1, a.receiptId], [2, b.receiptId], [3, c.receiptId]]);
      expect(data?.receipts[1]?.prevHash).toBe(data?.receipts[0]?.hash);
      expect(verifyChain(testKeys(), data?.receipts ?? [])).toEqual({ valid: true, receipts: 3, problems: [] });
    });

    it('stores the notice text once, by hash, and keeps only the hash in the receipt', async () => {
      const s = await fresh();
      const one = receipt();
      const two = receipt();
      await s.ingest(prepared(one), ctx());
      await s.ingest(prepared(two), ctx());
      const hash = sha256Hex(NOTICE_TEXT);
      expect(await s.notice(hash)).toEqual({ hash, language: 'en', text: NOTICE_TEXT });
      const data = await s.subject(one.subjectId);
      expect(data?.receipts[0]?.receipt.notice).toEqual({ language: 'en', hash });
      expect(data?.notices).toEqual([{ hash, language: 'en', text: NOTICE_TEXT }]);
    });

    it('stores each receipt and notice byte for byte, whatever characters they carry', async () => {
      const s = await fresh();
      const awkward = 'quote " backslash \\ brace {} comma , tab \t newline \n nul-ish \u0001 emoji 😀 sep \u2028 ü';
      const odd = receipt();
      odd.client.path = `/${awkward}`;
      const odd2 = { ...receipt({ subjectId: odd.subjectId, clientTime: new Date(Date.now() + 1000) }), notice: { language: 'en', text: `Notice: ${awkward}` } };
      const plain = receipt({ subjectId: odd.subjectId, clientTime: new Date(Date.now() + 2000) });
      expect(await s.ingest(prepared(odd, odd2, plain), ctx())).toEqual(['accepted', 'accepted', 'accepted']);
      const data = await s.subject(odd.subjectId);
      expect(data?.receipts.map((r) => r.receipt.client.path)).toEqual([`/${awkward}`, '/', '/']);
      expect(verifyChain(testKeys(), data?.receipts ?? [])).toEqual({ valid: true, receipts: 3, problems: [] });
      const hash = sha256Hex(`Notice: ${awkward}`);
      expect(await s.notice(hash)).toEqual({ hash, language: 'en', text: `Notice: ${awkward}` });
    });

    it('survives a reopen: migrations run once and data stays', async () => {
      const s = await fresh();
      const r = receipt();
      await s.ingest(prepared(r), ctx());
      const again = await (opened as OpenedStorage).reopen();
      expect(await again.ingest(prepared(r), ctx())).toEqual(['duplicate']);
      expect((await again.subject(r.subjectId))?.receipts).toHaveLength(1);
      await again.close();
    });

    it('keeps one chain per subject when two instances ingest the same receipts at once', async () => {
      const s = await fresh();
      const other = await (opened as OpenedStorage).reopen();
      const subjectId = newSubjectId();
      const rs = Array.from({ length: 20 }, (_, i) => receipt({ subjectId, clientTime: at(i) }));
      const results = await Promise.all(rs.flatMap((r) => [s.ingest(prepared(r), ctx()), other.ingest(prepared(r), ctx())]));
      expect(results.flat().filter((x) => x === 'accepted')).toHaveLength(20);
      const data = await s.subject(subjectId);
      expect(data?.receipts.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(verifyChain(testKeys(), data?.receipts ?? []).valid).toBe(true);
      await other.close();
    });
  });

  describe('links', () => {
    it('refuses an unknown subject and stores only the refusal event', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      expect(await s.createLink(subjectId, JOIN, ctx())).toEqual({ ok: false, reason: 'subject_unknown' });
      const data = await s.subject(subjectId);
      expect(data?.links).toEqual([]);
      expect(data?.linkEvents.map((e) => [e.type, e.reason])).toEqual([['refused', 'subject_unknown']]);
    });

    it.each([
      ['analytics refused', { analytics: false }, 'consent_required'],
      ['analytics granted by regime default', { basis: 'default' as const }, 'consent_required'],
      ['GPC honoured with a sale/share analytics service', { gpcHonoured: true, saleOrShareService: { granted: false, basis: 'signal' as const } }, 'consent_required'],
      ['sale/share analytics service opted out', { saleOrShareService: { granted: false, basis: 'consent' as const } }, 'consent_required'],
      ['consent expired', { expiresAt: at(-1) , clientTime: at(-DAY) }, 'consent_expired'],
      ['older policy version', { policyVersion: 'p0' }, 'policy_outdated'],
    ])('refuses when %s', async (_name, spec, reason) => {
      const s = await fresh();
      const r = receipt({ clientTime: T0, ...spec });
      await s.ingest(prepared(r), ctx());
      expect(await s.createLink(r.subjectId, JOIN, ctx())).toEqual({ ok: false, reason });
      expect(await s.activeLinks(JOIN, ctx())).toEqual([]);
    });

    it('links a consenting subject once, and a repeated request returns the same link', async () => {
      const s = await fresh();
      const r = receipt({ clientTime: T0, saleOrShareService: { granted: true, basis: 'consent' } });
      await s.ingest(prepared(r), ctx());
      const first = await s.createLink(r.subjectId, JOIN, ctx());
      expect(first).toMatchObject({ ok: true, created: true, link: { subjectId: r.subjectId, joinKey: JOIN, revokedAt: null } });
      const second = await s.createLink(r.subjectId, JOIN, ctx(at(1000)));
      expect(second).toMatchObject({ ok: true, created: false });
      expect(second.ok && first.ok && second.link.linkId).toBe(first.ok && first.link.linkId);
      expect((await s.activeLinks(JOIN, ctx())).map((l) => l.subjectId)).toEqual([r.subjectId]);
    });

    it('revokes in the same commit as the withdrawing receipt, with exactly one event', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      await s.ingest(prepared(receipt({ subjectId, clientTime: T0 })), ctx());
      const link = await s.createLink(subjectId, JOIN, ctx());
      expect(link.ok).toBe(true);
      const before = await s.linkEvents(0, 100);
      await s.ingest(prepared(receipt({ subjectId, clientTime: at(1000), analytics: false })), ctx(at(2000)));
      expect(await s.activeLinks(JOIN, ctx(at(2000)))).toEqual([]);
      const after = await s.linkEvents(before.at(-1)?.id ?? 0, 100);
      expect(after.map((e) => [e.type, e.reason, e.linkId])).toEqual([['revoked', 'withdrawn', link.ok ? link.link.linkId : '']]);
      // A second withdrawal finds nothing left to revoke.
      await s.ingest(prepared(receipt({ subjectId, clientTime: at(3000), analytics: false })), ctx(at(4000)));
      expect(await s.linkEvents(after.at(-1)?.id ?? 0, 100)).toEqual([]);
    });

    it('judges by the latest decision: a late-arriving older grant does not undo a withdrawal', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      const grant = receipt({ subjectId, clientTime: T0 });
      const withdraw = receipt({ subjectId, clientTime: at(60_000), analytics: false });
      await s.ingest(prepared(withdraw), ctx(at(70_000)));
      await s.ingest(prepared(grant), ctx(at(80_000)));
      expect(await s.createLink(subjectId, JOIN, ctx(at(90_000)))).toEqual({ ok: false, reason: 'consent_required' });
    });

    it('a browser clock set in the future cannot pin a grant against a later withdrawal', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      await s.ingest(prepared(receipt({ subjectId, clientTime: at(365 * DAY), expiresAt: at(400 * DAY) })), ctx());
      expect((await s.createLink(subjectId, JOIN, ctx(at(1000)))).ok).toBe(true);
      await s.ingest(prepared(receipt({ subjectId, clientTime: at(2000), analytics: false })), ctx(at(3000)));
      expect(await s.activeLinks(JOIN, ctx(at(4000)))).toEqual([]);
    });

    it('revokes on expiry and on a policy change; a renewed consent carries the link forward', async () => {
      const s = await fresh();
      const renewed = newSubjectId();
      const expiring = newSubjectId();
      await s.ingest(prepared(receipt({ subjectId: renewed, clientTime: T0, expiresAt: at(DAY) })), ctx());
      await s.ingest(prepared(receipt({ subjectId: expiring, clientTime: T0, expiresAt: at(DAY) })), ctx());
      expect((await s.createLink(renewed, JOIN, ctx())).ok).toBe(true);
      expect((await s.createLink(expiring, JOIN, ctx())).ok).toBe(true);
      await s.ingest(prepared(receipt({ subjectId: renewed, clientTime: at(1000), expiresAt: at(10 * DAY) })), ctx(at(1000)));

      // Past the first expiry: the expired link is no longer listed even before the sweep runs.
      expect((await s.activeLinks(JOIN, ctx(at(2 * DAY)))).map((l) => l.subjectId)).toEqual([renewed]);
      expect(await s.reconcileLinks(ctx(at(2 * DAY)))).toEqual({ expired: 1, policyOutdated: 0 });
      expect(await s.reconcileLinks(ctx(at(2 * DAY)))).toEqual({ expired: 0, policyOutdated: 0 });
      expect(await s.reconcileLinks(ctx(at(3 * DAY), 'p2'))).toEqual({ expired: 0, policyOutdated: 1 });
      const events = await s.linkEvents(0, 100);
      expect(events.filter((e) => e.type === 'revoked').map((e) => [e.subjectId, e.reason])).toEqual([
        [expiring, 'expired'],
        [renewed, 'policy_outdated'],
      ]);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    });
  });

  describe('erase, retention, rate counters', () => {
    it('erases receipts and links, keeps anonymous revocation events and a tombstone', async () => {
      const s = await fresh();
      const subjectId = newSubjectId();
      await s.ingest(prepared(receipt({ subjectId, clientTime: T0 }), receipt({ subjectId, clientTime: at(1) })), ctx());
      const link = await s.createLink(subjectId, JOIN, ctx());
      const outcome = await s.erase(subjectId, at(5000));
      expect(outcome).toMatchObject({ receipts: 2, links: 1 });
      expect(outcome?.tombstoneId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await s.subject(subjectId)).toBeNull();
      expect(await s.erase(subjectId, at(6000))).toBeNull();
      const events = await s.linkEvents(0, 100);
      expect(events.map((e) => [e.type, e.subjectId, e.reason])).toEqual([
        ['linked', null, null],
        ['revoked', null, 'erased'],
      ]);
      expect(events[1]?.linkId).toBe(link.ok ? link.link.linkId : '');
      expect(events[1]?.joinKey).toBe(JOIN);
      expect(await s.createLink(subjectId, JOIN, ctx(at(7000)))).toEqual({ ok: false, reason: 'subject_unknown' });
    });

    it('purges receipts, revoked links and events past retention, and reports counts', async () => {
      const s = await fresh();
      const old = newSubjectId();
      const recent = newSubjectId();
      await s.ingest(prepared(receipt({ subjectId: old, clientTime: T0 })), ctx());
      await s.createLink(old, JOIN, ctx());
      await s.ingest(prepared(receipt({ subjectId: old, clientTime: at(1), analytics: false })), ctx(at(1)));
      await s.ingest(prepared(receipt({ subjectId: recent, clientTime: at(400 * DAY) })), ctx(at(400 * DAY)));
      const counts = await s.purge({ receiptsBefore: at(100 * DAY), linksBefore: at(100 * DAY) });
      expect(counts).toEqual({ receipts: 2, links: 1, linkEvents: 2, subjects: 1 });
      expect(await s.subject(old)).toBeNull();
      expect((await s.subject(recent))?.receipts).toHaveLength(1);
    });

    it('purges in slices: thousands of old receipts go, recent ones and their chains stay', async () => {
      const s = await fresh();
      const oldSubjects = Array.from({ length: 50 }, newSubjectId);
      const kept = newSubjectId();
      // 2,500 receipts (more than one slice) stored over 5 commits 200 days ago, one subject also later.
      for (let b = 0; b < 5; b++) {
        const batch = Array.from({ length: 500 }, (_, i) => receipt({ subjectId: oldSubjects[(b * 500 + i) % 50], clientTime: at(b * 1000 + i), withText: false }));
        const ready = Array.from({ length: 5 }, (_, k) => prepared(...batch.slice(k * 100, k * 100 + 100))).flat();
        await s.ingest(ready, ctx(at(b * 1000)));
      }
      await s.ingest(prepared(receipt({ subjectId: oldSubjects[0], clientTime: at(300 * DAY) })), ctx(at(300 * DAY)));
      await s.ingest(prepared(receipt({ subjectId: kept, clientTime: at(300 * DAY) })), ctx(at(300 * DAY)));
      const counts = await s.purge({ receiptsBefore: at(100 * DAY), linksBefore: at(100 * DAY) });
      expect(counts).toEqual({ receipts: 2500, links: 0, linkEvents: 0, subjects: 49 });
      const survivor = await s.subject(oldSubjects[0] as string);
      expect(survivor?.receipts.map((r) => r.seq)).toEqual([51]);
      // The first receipt left follows purged ones: its chain still verifies.
      expect(verifyChain(testKeys(), survivor?.receipts ?? [])).toEqual({ valid: true, receipts: 1, problems: [] });
      expect(await s.subject(oldSubjects[1] as string)).toBeNull();
      expect((await s.subject(kept))?.receipts).toHaveLength(1);
    });

    it('treats a receipt id as unique within its subject (what a retry repeats)', async () => {
      const s = await fresh();
      const a = receipt();
      const sameIdOtherSubject = { ...receipt(), receiptId: a.receiptId };
      expect(await s.ingest(prepared(a, sameIdOtherSubject), ctx())).toEqual(['accepted', 'accepted']);
      expect(await s.ingest(prepared(sameIdOtherSubject, a), ctx())).toEqual(['duplicate', 'duplicate']);
      expect((await s.subject(sameIdOtherSubject.subjectId))?.receipts.map((r) => r.receipt.receiptId)).toEqual([a.receiptId]);
    });

    it('adds hits per bucket and window, shared between instances', async () => {
      const s = await fresh();
      const other = await (opened as OpenedStorage).reopen();
      expect(await s.addHits(1000, new Map([['a', 2], ['b', 1]]))).toEqual(new Map([['a', 2], ['b', 1]]));
      expect(await other.addHits(1000, new Map([['a', 3]]))).toEqual(new Map([['a', 5]]));
      expect(await s.addHits(2000, new Map([['a', 1]]))).toEqual(new Map([['a', 1]]));
      await s.dropRateWindows(2000);
      expect(await s.addHits(1000, new Map([['a', 1]]))).toEqual(new Map([['a', 1]]));
      await other.close();
    });
  });
}
