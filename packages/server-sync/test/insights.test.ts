/**
 * The console's insight counters on both engines: what ingest and the link feed add, that they
 * equal a recount over the stored receipts after random traffic, and that the migration counts
 * what was stored before the counters existed.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Method, Receipt } from '@assent/sdk/schema';
import { backfillInsights, utcDay, type DecisionDayRow, type InsightsRows } from '../src/storage/insights.js';
import { migrate, MIGRATIONS } from '../src/storage/migrations.js';
import type { Storage } from '../src/storage/types.js';
import { storageEngines, storagePerTest } from './engines.js';
import { newSubjectId, prepared, receipt } from './fixtures.js';

const engines = storageEngines({ file: 'insights.db', poolSize: 4 });

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-10T12:00:00.000Z');
const ctx = (now = NOW) => ({ now: new Date(now), policyVersion: 'p1' });
const JOIN = 'e'.repeat(64);

const METHODS: Method[] = ['accept-all', 'reject-all', 'custom', 'gpc', 'regime-default', 'privacy-choices'];
const REGIONS: (string | null)[] = ['FR', 'CA-QC', 'US-CA', 'US', 'US-TX', 'BR', null];

/** A receipt with a random decision, region, method and GPC signal, decided `daysAgo` before NOW. */
function randomReceipt(subjectId: string, daysAgo: number): Receipt {
  const r = receipt({ subjectId, clientTime: new Date(NOW - daysAgo * DAY - randomInt(3_600_000)) });
  r.jurisdiction.region = REGIONS[randomInt(REGIONS.length)] ?? null;
  r.event.method = METHODS[randomInt(METHODS.length)] as Method;
  for (const c of ['functional', 'analytics', 'advertising'] as const) r.purposes[c].granted = randomInt(2) === 1;
  const gpc = randomInt(4) === 0;
  r.signals.gpc = { value: gpc, honoured: gpc };
  return r;
}

/** The counters, recomputed from the stored receipts: what a query over the receipts table says. */
async function recount(storage: Storage, subjects: readonly string[], from: string, to: string): Promise<DecisionDayRow[]> {
  const rows = new Map<string, DecisionDayRow>();
  for (const id of subjects) {
    for (const sealed of (await storage.subject(id))?.receipts ?? []) {
      const r = sealed.receipt;
      const day = utcDay(Math.min(Date.parse(r.event.clientTime), Date.parse(sealed.serverTime)));
      if (day < from || day > to) continue;
      const region = r.jurisdiction.region ?? '';
      const us = region === 'US' || region.startsWith('US-') ? 1 : 0;
      const key = `${day}|${r.event.method}|${us}`;
      const row = rows.get(key) ?? { day, method: r.event.method, us, receipts: 0, functional: 0, analytics: 0, advertising: 0, gpc: 0 };
      row.receipts++;
      row.functional += r.purposes.functional.granted ? 1 : 0;
      row.analytics += r.purposes.analytics.granted ? 1 : 0;
      row.advertising += r.purposes.advertising.granted ? 1 : 0;
      row.gpc += r.signals.gpc.value ? 1 : 0;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.day + a.method + a.us < b.day + b.method + b.us ? -1 : 1));
}

const sorted = (rows: DecisionDayRow[]) => [...rows].sort((a, b) => (a.day + a.method + a.us < b.day + b.method + b.us ? -1 : 1));

describe.each(engines)('insight counters: %s', (_name, open) => {
  const { start, stop, reopen, engine } = storagePerTest(open);

  it('counts each stored receipt once, on the day of its decision, never later than the server clock', async () => {
    const s = await start();
    const yesterday = receipt({ clientTime: new Date(NOW - DAY) });
    const future = receipt({ clientTime: new Date(NOW + 3 * DAY), analytics: false });
    future.jurisdiction.region = 'US-CA';
    future.signals.gpc = { value: true, honoured: true };
    future.event.method = 'gpc';
    expect(await s.ingest(prepared(yesterday, future, yesterday), ctx())).toEqual(['accepted', 'accepted', 'duplicate']);
    expect(await s.ingest(prepared(future), ctx(NOW + 1000))).toEqual(['duplicate']);

    const all: InsightsRows = await s.insights({ from: '2026-06-01', to: '2026-06-30', region: null });
    expect(all.decisions).toEqual([
      { day: '2026-06-09', method: 'accept-all', us: 0, receipts: 1, functional: 1, analytics: 1, advertising: 0, gpc: 0 },
      { day: '2026-06-10', method: 'gpc', us: 1, receipts: 1, functional: 0, analytics: 0, advertising: 0, gpc: 1 },
    ]);
    expect(all.regions).toEqual(['FR', 'US-CA']);
    // A country selects its subdivisions; a subdivision only itself.
    expect((await s.insights({ from: '2026-06-01', to: '2026-06-30', region: 'US' })).decisions.map((d) => d.method)).toEqual(['gpc']);
    expect((await s.insights({ from: '2026-06-01', to: '2026-06-30', region: 'US-TX' })).decisions).toEqual([]);
    expect((await s.insights({ from: '2026-06-10', to: '2026-06-30', region: 'FR' })).decisions).toEqual([]);
  });

  it('counts link events per day, type and reason: made, refused, revoked by a withdrawal and by an erase', async () => {
    const s = await start();
    const a = receipt({ clientTime: new Date(NOW - 1000) });
    const b = receipt({ clientTime: new Date(NOW - 1000) });
    await s.ingest(prepared(a, b), ctx());
    expect((await s.createLink(a.subjectId, JOIN, ctx())).ok).toBe(true);
    expect((await s.createLink(b.subjectId, JOIN, ctx())).ok).toBe(true);
    expect((await s.createLink(newSubjectId(), JOIN, ctx())).ok).toBe(false);
    await s.ingest(prepared(receipt({ subjectId: a.subjectId, analytics: false, clientTime: new Date(NOW + DAY) })), ctx(NOW + DAY));
    await s.erase(b.subjectId, new Date(NOW + DAY));
    const { links } = await s.insights({ from: '2026-06-10', to: '2026-06-11', region: 'FR' });
    expect(links).toEqual([
      { day: '2026-06-10', type: 'linked', reason: '', events: 2 },
      { day: '2026-06-10', type: 'refused', reason: 'subject_unknown', events: 1 },
      { day: '2026-06-11', type: 'revoked', reason: 'erased', events: 1 },
      { day: '2026-06-11', type: 'revoked', reason: 'withdrawn', events: 1 },
    ]);
  });

  it('equal a recount over the stored receipts after random traffic in concurrent batches', async () => {
    const s = await start();
    const subjects = Array.from({ length: 40 }, newSubjectId);
    const batches = Array.from({ length: 12 }, () =>
      Array.from({ length: 1 + randomInt(30) }, () => randomReceipt(subjects[randomInt(subjects.length)] as string, randomInt(20))));
    // Some receipts twice, across batches: a retry counts once.
    batches.push(batches.slice(0, 3).flat().slice(0, 20));
    await Promise.all(batches.map((b) => s.ingest(prepared(...b), ctx())));
    const from = utcDay(NOW - 14 * DAY);
    const to = utcDay(NOW);
    const counted = await s.insights({ from, to, region: null });
    expect(sorted(counted.decisions)).toEqual(await recount(s, subjects, from, to));
    expect(counted.decisions.length).toBeGreaterThan(10);
  });

  it('the migration counts what was stored before the counters existed', async () => {
    const s = await start();
    const subjects = Array.from({ length: 20 }, newSubjectId);
    for (let i = 0; i < 2; i++)
      await s.ingest(prepared(...Array.from({ length: 75 }, () => randomReceipt(subjects[randomInt(subjects.length)] as string, randomInt(10)))), ctx());
    // Link events too: made or refused, whatever the random receipt allows, and one refused for sure.
    await s.createLink(subjects[0] as string, JOIN, ctx());
    await s.createLink(newSubjectId(), JOIN, ctx());
    const query = { from: utcDay(NOW - 30 * DAY), to: utcDay(NOW), region: null };
    const kept = await s.insights(query);
    await stop();

    // Back to schema version 3: the counters and their migration gone, the receipts still there.
    // Then migration 4 again, reading the receipts 7 at a time (pages that end inside a subject).
    const driver = engine().driver();
    await driver.transaction(async (tx) => {
      await tx.run('DROP TABLE insight_decisions');
      await tx.run('DROP TABLE insight_links');
      await tx.run('DELETE FROM schema_migrations WHERE version = 4');
    });
    const m4 = MIGRATIONS.find((m) => m.version === 4)!;
    expect(await migrate(driver, [{ ...m4, statements: [...m4.statements.slice(0, -1), { run: (d, tx) => backfillInsights(d, tx, 7) }] }])).toEqual([4]);
    await driver.close();

    const backfilled = await (await reopen()).insights(query);
    expect(sorted(backfilled.decisions)).toEqual(sorted(kept.decisions));
    expect(backfilled.links).toEqual(kept.links);
    expect(backfilled.decisions.reduce((n, d) => n + d.receipts, 0)).toBe(150);
  });

  it('folds the copies of past days\' counter rows into one without changing a count', async () => {
    const s = await start();
    const subjects = Array.from({ length: 30 }, newSubjectId);
    // Separate transactions: on PostgreSQL each adds to the next copy of its rows.
    for (let i = 0; i < 10; i++) await s.ingest(prepared(...Array.from({ length: 20 }, () => randomReceipt(subjects[randomInt(subjects.length)] as string, randomInt(6)))), ctx());
    const query = { from: utcDay(NOW - 10 * DAY), to: utcDay(NOW), region: null };
    const before = await s.insights(query);
    const driver = engine().driver();
    const rows = async () => Number((await driver.read.all<{ n: number }>('SELECT COUNT(*) AS n FROM insight_decisions'))[0]?.n);
    const groups = async () => Number((await driver.read.all<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT DISTINCT day, region, method FROM insight_decisions) AS g'))[0]?.n);
    try {
      const removed = await s.compactInsights(utcDay(NOW - 10 * DAY), utcDay(NOW + DAY));
      expect(sorted((await s.insights(query)).decisions)).toEqual(sorted(before.decisions));
      expect(await rows()).toBe(await groups());
      if (driver.dialect === 'postgres') expect(removed).toBeGreaterThan(0);
      else expect(removed).toBe(0);
    } finally {
      await driver.close();
    }
  });
});
