/**
 * PostgreSQL faults, on real processes: the database restarted under load, and a statement held
 * past the configured timeout. The server answers 503 with Retry-After while the database cannot
 * serve (never a hang, never a 500), says so on /healthz, reconnects by itself, and every receipt
 * it acknowledged is stored exactly once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '@assent/sdk/schema';
import { startServer } from '../src/server.js';
import { kill, startChild, type Child } from './child-server.js';
import { newSubjectId, receipt } from './fixtures.js';
import { call } from './http-client.js';
import { freshDatabase, PG_URL } from './pg.js';
import { canRunOwnCluster, ownCluster, type OwnCluster } from './pg-cluster.js';

const KEY = 'faults-test-api-key-01';
const env = {
  ASSENT_API_KEY: KEY,
  ASSENT_SIGNING_KEYS: `k1:${'11'.repeat(32)}`,
  ASSENT_JOIN_KEY: '33'.repeat(32),
  ASSENT_POLICY_VERSION: 'p1',
  ASSENT_RATE_LIMIT: '1000000000',
  ASSENT_DB_STATEMENT_TIMEOUT_MS: '2000',
};

/** Receipts stored per subject, by export: id → times stored. */
async function storedCounts(url: string, subjects: readonly string[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  for (const subjectId of subjects) {
    const res = await call(url, 'GET', `/v1/subjects/${subjectId}`, { key: KEY });
    if (res.status === 404) continue;
    expect(res.status).toBe(200);
    expect(res.body.chain.valid).toBe(true);
    for (const r of res.body.receipts as { receipt: Receipt }[]) stored.set(r.receipt.receiptId, (stored.get(r.receipt.receiptId) ?? 0) + 1);
  }
  return stored;
}

describe.skipIf(!PG_URL || !canRunOwnCluster)('PostgreSQL restarted under load (fast shutdown)', () => {
  let cluster: OwnCluster;
  let server: Child;
  beforeAll(async () => {
    cluster = await ownCluster();
    server = await startChild({ ...env, DATABASE_URL: cluster.url });
  }, 30_000);
  afterAll(async () => {
    if (server) await kill(server);
    await cluster?.remove();
  });

  it('answers 503 + Retry-After during the outage, reports it on /healthz, reconnects, and stores every 202 exactly once', async () => {
    const subjects = Array.from({ length: 24 }, newSubjectId);
    const sent: Receipt[] = [];
    const acked = new Set<string>();
    const statuses = new Map<number, number>();
    let retryAfterSeen = '';
    let slowest = 0;
    let phase: 'before' | 'outage' | 'after' = 'before';
    const afterOutage = { ok: 0 };
    let stop = false;
    const senders = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const batch = Array.from({ length: 1 + ((w + i) % 3) }, (_, j) =>
          receipt({ subjectId: subjects[(w * 3 + i + j) % subjects.length], clientTime: new Date(Date.now() - 60_000) }));
        sent.push(...batch);
        const t = performance.now();
        const res = await call(server.url, 'POST', '/v1/receipts', { body: { receipts: batch } });
        slowest = Math.max(slowest, performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 202) {
          for (const r of batch) acked.add(r.receiptId);
          if (phase === 'after') afterOutage.ok++;
        } else if (res.status === 503) {
          retryAfterSeen = res.headers.get('retry-after') ?? retryAfterSeen;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(acked.size).toBeGreaterThan(0);
    phase = 'outage';
    await cluster.stop();
    const health = await call(server.url, 'GET', '/healthz');
    await new Promise((r) => setTimeout(r, 800));
    await cluster.start();
    phase = 'after';
    const deadline = Date.now() + 10_000;
    while (afterOutage.ok < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(senders);

    expect(health.status).toBe(503);
    expect(health.body.ok).toBe(false);
    expect([...statuses.keys()].sort()).toEqual([202, 503]);
    expect(Number(retryAfterSeen)).toBeGreaterThan(0);
    // Reconnected by itself: requests succeed again without a restart of the server.
    expect(afterOutage.ok).toBeGreaterThanOrEqual(20);
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
    // No request hung: each was answered within the statement timeout and a margin.
    expect(slowest).toBeLessThan(6000);
    expect(server.output()).toMatch(/"event":"storage_unavailable"/);

    // The outbox resends what was not acknowledged; then each receipt is stored once.
    const unacked = sent.filter((r) => !acked.has(r.receiptId));
    for (let i = 0; i < unacked.length; i += 100) {
      const res = await call(server.url, 'POST', '/v1/receipts', { body: { receipts: unacked.slice(i, i + 100) } });
      expect(res.status).toBe(202);
    }
    const stored = await storedCounts(server.url, subjects);
    expect(sent.filter((r) => stored.get(r.receiptId) !== 1)).toEqual([]);
    expect(stored.size).toBe(sent.length);
  }, 60_000);
});

describe.skipIf(!PG_URL)('a statement over the configured timeout', () => {
  it('answers 503 within the timeout, and the other subjects and lanes keep committing', async () => {
    const db = await freshDatabase();
    const server = await startServer({
      port: 0, databaseUrl: db.url, apiKey: KEY, policyVersion: 'p1', env: {}, log: () => undefined,
      signingKeys: env.ASSENT_SIGNING_KEYS, joinKey: env.ASSENT_JOIN_KEY, rateLimit: { limit: 1e9 }, statementTimeoutMs: 500, pgCommitLanes: 2,
    });
    const locker = new pg.Client({ connectionString: db.url });
    try {
      const stuck = newSubjectId();
      expect((await call(server.url, 'POST', '/v1/receipts', { body: receipt({ subjectId: stuck }) })).status).toBe(202);
      // Another session holds the subject's row: the next ingest for it waits on that lock.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('SELECT * FROM subjects WHERE subject_id = $1 FOR UPDATE', [stuck]);

      const t0 = performance.now();
      const blocked = call(server.url, 'POST', '/v1/receipts', { body: receipt({ subjectId: stuck }) }).then((res) => ({ res, ms: performance.now() - t0 }));
      await new Promise((r) => setTimeout(r, 50));
      const others = await Promise.all(Array.from({ length: 20 }, async () => {
        const t = performance.now();
        const res = await call(server.url, 'POST', '/v1/receipts', { body: receipt() });
        return { status: res.status, ms: performance.now() - t };
      }));
      const { res, ms } = await blocked;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(ms).toBeLessThan(500 + 700);
      // Receipts of other subjects are not stalled past one timeout, whichever lane they are in.
      expect(others.map((o) => o.status)).toEqual(Array.from({ length: 20 }, () => 202));
      expect(Math.max(...others.map((o) => o.ms))).toBeLessThan(500 + 700);
      expect(Math.min(...others.map((o) => o.ms))).toBeLessThan(250);

      await locker.query('ROLLBACK');
      expect((await call(server.url, 'POST', '/v1/receipts', { body: receipt({ subjectId: stuck }) })).status).toBe(202);
    } finally {
      await locker.end().catch(() => undefined);
      await server.close();
      await db.drop();
    }
  }, 30_000);
});
