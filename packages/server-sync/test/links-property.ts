/**
 * The linking invariant as a property over random histories, run against each engine:
 * after every step, a link is active if and only if it was requested while permitted and the
 * subject's latest receipt still permits it; every revocation produced exactly one event.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Receipt } from '@assent/sdk/schema';
import type { Storage } from '../src/storage/types.js';
import { prepared, receipt } from './fixtures.js';

const HOUR = 3_600_000;

type Choice =
  | { kind: 'grant' }
  | { kind: 'deny' }
  | { kind: 'default' }
  | { kind: 'saleOrShare'; granted: boolean; gpc: boolean };

type Command =
  | { op: 'receipt'; subject: number; choice: Choice; ageHours: number; validHours: number; oldPolicy: boolean }
  | { op: 'link'; subject: number; account: number }
  | { op: 'advance'; hours: number }
  | { op: 'bump' }
  | { op: 'erase'; subject: number };

const SUBJECTS = 3;
const ACCOUNTS = 2;

const choiceArb: fc.Arbitrary<Choice> = fc.oneof(
  fc.constant<Choice>({ kind: 'grant' }),
  fc.constant<Choice>({ kind: 'deny' }),
  fc.constant<Choice>({ kind: 'default' }),
  fc.record({ kind: fc.constant('saleOrShare' as const), granted: fc.boolean(), gpc: fc.boolean() }),
);

export const commandsArb: fc.Arbitrary<Command[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({
      op: fc.constant('receipt' as const), subject: fc.nat(SUBJECTS - 1), choice: choiceArb,
      ageHours: fc.nat(30), validHours: fc.integer({ min: -2, max: 72 }), oldPolicy: fc.nat(9).map((n) => n < 3),
    }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('link' as const), subject: fc.nat(SUBJECTS - 1), account: fc.nat(ACCOUNTS - 1) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 48 }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'bump' as const }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('erase' as const), subject: fc.nat(SUBJECTS - 1) }) },
  ),
  { minLength: 1, maxLength: 25 },
);

interface Latest {
  clientMs: number;
  permitsChoices: boolean;
  expiresMs: number;
  policy: string;
}

function build(c: Extract<Command, { op: 'receipt' }>, subjectId: string, now: number, policy: string): { r: Receipt; permits: boolean } {
  const clientTime = new Date(now - c.ageHours * HOUR);
  const base = { subjectId, clientTime, expiresAt: new Date(now + c.validHours * HOUR), policyVersion: policy };
  switch (c.choice.kind) {
    case 'grant':
      return { r: receipt(base), permits: true };
    case 'deny':
      return { r: receipt({ ...base, analytics: false }), permits: false };
    case 'default':
      return { r: receipt({ ...base, basis: 'default' }), permits: false };
    case 'saleOrShare': {
      const { granted, gpc } = c.choice;
      const r = receipt({ ...base, gpcHonoured: gpc, saleOrShareService: { granted: granted && !gpc, basis: gpc ? 'signal' : 'consent' } });
      return { r, permits: granted && !gpc };
    }
  }
}

/**
 * Runs one random history and checks the invariant after every step. With several storages (server
 * instances on one database) the steps go to them in turn.
 */
export async function runHistory(storages: Storage | readonly Storage[], commands: Command[]): Promise<void> {
  const all = Array.isArray(storages) ? storages : [storages as Storage];
  let turn = 0;
  const next = (): Storage => all[turn++ % all.length] as Storage;
  const storage = all[0] as Storage;
  const run = randomBytes(4).toString('hex');
  const subjectIds = Array.from({ length: SUBJECTS }, () => randomBytes(16).toString('hex'));
  const joinKeys = Array.from({ length: ACCOUNTS }, () => randomBytes(32).toString('hex'));
  let now = Date.parse('2026-03-01T00:00:00.000Z') + Math.floor(Math.random() * 1000) * HOUR;
  let policyN = 1;
  const policy = () => `${run}-p${policyN}`;
  const latest: (Latest | null)[] = subjectIds.map(() => null);
  const model = new Set<string>(); // "subject|account" pairs with an active link
  let revocations = 0;
  const ctx = () => ({ now: new Date(now), policyVersion: policy() });
  const permitted = (i: number): boolean => {
    const l = latest[i];
    return !!l && l.permitsChoices && l.expiresMs > now && l.policy === policy();
  };
  const dropUnpermitted = () => {
    for (const key of [...model]) {
      if (!permitted(Number(key.split('|')[0]))) {
        model.delete(key);
        revocations++;
      }
    }
  };
  const feedStart = (await storage.linkEvents(0, 1_000_000)).at(-1)?.id ?? 0;

  for (const c of commands) {
    if (c.op === 'receipt') {
      const subjectId = subjectIds[c.subject] as string;
      const { r, permits } = build(c, subjectId, now, c.oldPolicy ? `${run}-p${policyN - 1}` : policy());
      await next().ingest(prepared(r), ctx());
      const clientMs = Date.parse(r.event.clientTime);
      const prev = latest[c.subject];
      if (!prev || clientMs >= prev.clientMs) {
        latest[c.subject] = { clientMs, permitsChoices: permits, expiresMs: Date.parse(r.validity.expiresAt), policy: r.policyVersion };
        dropUnpermitted();
      }
    } else if (c.op === 'link') {
      const outcome = await next().createLink(subjectIds[c.subject] as string, joinKeys[c.account] as string, ctx());
      const l = latest[c.subject];
      const expected = !l ? 'subject_unknown'
        : !l.permitsChoices ? 'consent_required'
        : l.expiresMs <= now ? 'consent_expired'
        : l.policy !== policy() ? 'policy_outdated'
        : null;
      expect(outcome.ok ? null : outcome.reason).toBe(expected);
      if (outcome.ok) model.add(`${c.subject}|${c.account}`);
    } else if (c.op === 'advance' || c.op === 'bump') {
      if (c.op === 'advance') now += c.hours * HOUR;
      else policyN++;
      await next().reconcileLinks(ctx());
      dropUnpermitted();
    } else {
      await next().erase(subjectIds[c.subject] as string, new Date(now));
      latest[c.subject] = null;
      dropUnpermitted();
    }

    // Invariant 1: the active links are exactly the model's.
    const active = new Set<string>();
    for (let a = 0; a < ACCOUNTS; a++) {
      for (const link of await storage.activeLinks(joinKeys[a] as string, ctx())) active.add(`${subjectIds.indexOf(link.subjectId)}|${a}`);
    }
    expect([...active].sort()).toEqual([...model].sort());
    // Invariant 2: one revocation event per revoked link, and only for links that existed.
    const events = (await storage.linkEvents(feedStart, 1_000_000)).filter((e) => e.joinKey !== null && joinKeys.includes(e.joinKey));
    const linked = new Set(events.filter((e) => e.type === 'linked').map((e) => e.linkId));
    const revoked = events.filter((e) => e.type === 'revoked').map((e) => e.linkId);
    expect(revoked.length).toBe(revocations);
    expect(new Set(revoked).size).toBe(revoked.length);
    for (const id of revoked) expect(linked.has(id)).toBe(true);
  }
}
