/**
 * Existing data keeps working: a database written by schema version 1 (hex hashes, JSON bodies,
 * receipt ids unique across subjects) is migrated on start, and its receipts still verify, still
 * count as duplicates on retry, and the chain goes on from them. Links made before the subjects'
 * rows said which subjects have one (version 10), or by an instance of the previous version during
 * a rolling restart, still follow their subject's decisions.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyCanonicalJson } from '../src/canonical.js';
import { seal, verifyChain } from '../src/seal.js';
import { openStorage } from '../src/storage/index.js';
import { migrate, MIGRATIONS } from '../src/storage/migrations.js';
import type { SqlExecutor } from '../src/storage/sql.js';
import { storageEngines, type Engine } from './engines.js';
import { NOTICE_TEXT, newSubjectId, prepared, receipt, testKeys } from './fixtures.js';

const engines = storageEngines({ file: 'v1.db' });

describe.each(engines)('migration from schema version 1: %s', (_name, open) => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.cleanup();
    engine = undefined;
  });

  it('keeps every stored receipt verifiable, detects its retry, and chains new receipts after it', async () => {
    engine = await open();
    const keys = testKeys();
    const subjectId = newSubjectId();
    const T = Date.parse('2026-03-01T10:00:00.000Z');
    // Two receipts as version 1 stored them (hashed over `js-sorted-keys` JSON, as then): one naming
    // its notice by hash, one by text (hash kept).
    const [first, second] = prepared(receipt({ subjectId, clientTime: new Date(T) }), receipt({ subjectId, clientTime: new Date(T + 1000) }))
      .map((p) => p.receipt);
    const v1 = engine.driver();
    await migrate(v1, MIGRATIONS.filter((m) => m.version === 1));
    let prev = '0'.repeat(64);
    const sealed = [first, second].map((r, i) => {
      const s = { ...seal(keys, r!, i + 1, new Date(T + i * 1000).toISOString(), prev, legacyCanonicalJson(r)), canonicalization: 'js-sorted-keys' as const };
      prev = s.hash;
      return s;
    });
    await v1.transaction(async (tx) => {
      for (const s of sealed) {
        await tx.run(
          `INSERT INTO receipts (receipt_id, subject_id, seq, server_ms, body, notice_hash, prev_hash, hash, key_id, signature)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [s.receipt.receiptId, subjectId, s.seq, Date.parse(s.serverTime), legacyCanonicalJson(s.receipt), s.receipt.notice.hash ?? '', s.prevHash, s.hash, s.keyId, s.signature],
        );
      }
      await tx.run(
        `INSERT INTO subjects (subject_id, seq, head_hash, created_ms, latest_receipt_id, latest_client_ms, latest_permits, latest_expires_ms, latest_policy)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [subjectId, 2, prev, T, second!.receiptId, T + 1000, 1, Date.parse(second!.validity.expiresAt), 'p1'],
      );
      await tx.run('INSERT INTO notices (hash, language, text, created_ms) VALUES (?, ?, ?, ?)', [first!.notice.hash ?? '', 'en', NOTICE_TEXT, T]);
    });
    await v1.close();

    const storage = await openStorage(engine.target, keys);
    try {
      const before = await storage.subject(subjectId);
      expect(before?.receipts.map((r) => r.receipt)).toEqual([first, second]);
      expect(before?.receipts.map((r) => [r.seq, r.hash, r.signature])).toEqual(sealed.map((s) => [s.seq, s.hash, s.signature]));
      expect(before?.receipts.map((r) => r.canonicalization)).toEqual(['js-sorted-keys', 'js-sorted-keys']);
      expect(verifyChain(keys, before?.receipts ?? [])).toEqual({ valid: true, receipts: 2, problems: [] });
      expect(before?.notices).toEqual([{ hash: first!.notice.hash, language: 'en', text: NOTICE_TEXT }]);

      const ctx = { now: new Date(T + 5000), policyVersion: 'p1' };
      expect(await storage.ingest(prepared(second!), ctx)).toEqual(['duplicate']);
      const third = receipt({ subjectId, clientTime: new Date(T + 4000) });
      expect(await storage.ingest(prepared(third), ctx)).toEqual(['accepted']);
      const after = await storage.subject(subjectId);
      expect(after?.receipts.map((r) => [r.seq, r.canonicalization])).toEqual([[1, 'js-sorted-keys'], [2, 'js-sorted-keys'], [3, 'rfc8785']]);
      expect(after?.receipts[2]?.prevHash).toBe(sealed[1]?.hash);
      expect(verifyChain(keys, after?.receipts ?? [])).toEqual({ valid: true, receipts: 3, problems: [] });
      // The migrated subject row still summarizes the latest decision: a link is granted.
      expect((await storage.createLink(subjectId, 'f'.repeat(64), ctx)).ok).toBe(true);
    } finally {
      await storage.close();
    }
    // The receipts' key survived every rebuild of their table: a second row for a stored receipt
    // (same subject, same receipt id) is refused by the database itself, not only by ingest's check.
    const driver = engine.driver();
    try {
      await expect(driver.transaction((tx) => tx.run(
        `INSERT INTO receipts (seq, server_ms, subject_id, receipt_id, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization)
         SELECT seq + 100, server_ms, subject_id, receipt_id, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization
         FROM receipts WHERE receipt_id = ?`,
        [first!.receiptId],
      ))).rejects.toThrow(/unique|duplicate/i);
    } finally {
      await driver.close();
    }
  });

  it('keeps links following their subject: made before version 10, or by an instance still on version 9', async () => {
    engine = await open();
    const T = Date.parse('2026-03-01T10:00:00.000Z');
    const DAY = 86_400_000;
    const account = 'e'.repeat(64);
    const [renewing, withdrawing, linkedByOldInstance] = [newSubjectId(), newSubjectId(), newSubjectId()];
    const linkAsVersion9 = (tx: SqlExecutor, subjectId: string) => tx.run(
      'INSERT INTO links (link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version) VALUES (?, ?, ?, ?, ?, ?)',
      [randomUUID(), subjectId, account, T, T + 100 * DAY, 'p1'],
    );
    const v9 = engine.driver();
    await migrate(v9, MIGRATIONS.filter((m) => m.version <= 9));
    // Three subjects with a granted decision, as version 9 stored them; two with an active link.
    await v9.transaction(async (tx) => {
      for (const id of [renewing, withdrawing, linkedByOldInstance]) {
        await tx.run(
          `INSERT INTO subjects (subject_id, seq, head_hash, created_ms, latest_client_ms, latest_permits, latest_expires_ms, latest_policy)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, 0, Buffer.alloc(32), T, T, 1, T + 100 * DAY, 'p1'],
        );
      }
      await linkAsVersion9(tx, renewing);
      await linkAsVersion9(tx, withdrawing);
    });
    await v9.close();

    const storage = await openStorage(engine.target, testKeys());
    // An instance of version 9 sharing the migrated database links the third subject its own way.
    const oldInstance = engine.driver();
    try {
      await oldInstance.transaction((tx) => linkAsVersion9(tx, linkedByOldInstance));
      const ctx = (ms: number) => ({ now: new Date(T + ms), policyVersion: 'p1' });
      await storage.ingest(prepared(receipt({ subjectId: renewing, clientTime: new Date(T + 1000), expiresAt: new Date(T + 200 * DAY) })), ctx(2000));
      await storage.ingest(prepared(receipt({ subjectId: withdrawing, clientTime: new Date(T + 1000), analytics: false })), ctx(2000));
      await storage.ingest(prepared(receipt({ subjectId: linkedByOldInstance, clientTime: new Date(T + 1000), analytics: false })), ctx(2000));
      expect((await storage.activeLinks(account, ctx(3000))).map((l) => l.subjectId)).toEqual([renewing]);
      // Past the link's first expiry: it was carried to the renewed decision's.
      expect((await storage.activeLinks(account, ctx(150 * DAY))).map((l) => l.subjectId)).toEqual([renewing]);
    } finally {
      await oldInstance.close();
      await storage.close();
    }
  });

  it('keeps a subject marked linked when the sweep revokes one of its links and another stays active', async () => {
    engine = await open();
    const T = Date.parse('2026-03-01T10:00:00.000Z');
    const DAY = 86_400_000;
    const [expiring, lasting] = ['a'.repeat(64), 'b'.repeat(64)];
    const subjectId = newSubjectId();
    const ctx = (ms: number) => ({ now: new Date(T + ms), policyVersion: 'p1' });
    const storage = await openStorage(engine.target, testKeys());
    const oldInstance = engine.driver();
    try {
      await storage.ingest(prepared(receipt({ subjectId, clientTime: new Date(T), expiresAt: new Date(T + 10 * DAY) })), ctx(1000));
      expect((await storage.createLink(subjectId, expiring, ctx(2000))).ok).toBe(true);
      // A second link whose expiry this instance did not set (an instance of version 9 inserting it).
      await oldInstance.transaction((tx) => tx.run(
        'INSERT INTO links (link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version) VALUES (?, ?, ?, ?, ?, ?)',
        [randomUUID(), subjectId, lasting, T + 3000, T + 100 * DAY, 'p1'],
      ));
      expect(await storage.reconcileLinks(ctx(20 * DAY))).toEqual({ expired: 1, policyOutdated: 0 });
      expect((await storage.activeLinks(lasting, ctx(20 * DAY))).map((l) => l.subjectId)).toEqual([subjectId]);
      // The withdrawal still finds the link that stayed.
      await storage.ingest(prepared(receipt({ subjectId, clientTime: new Date(T + 21 * DAY), analytics: false })), ctx(21 * DAY));
      expect(await storage.activeLinks(lasting, ctx(22 * DAY))).toEqual([]);
    } finally {
      await oldInstance.close();
      await storage.close();
    }
  });
});
