/**
 * Graceful shutdown and a rolling restart: two instances share one PostgreSQL database behind a
 * health-checking balancer (as a load balancer would route), and each is restarted in turn with
 * SIGTERM while clients keep sending receipts. No request fails (no connection reset, no 5xx), each
 * instance exits 0 within its bound, and every acknowledged receipt is stored exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { Receipt } from '@assent/sdk/schema';
import { startServer } from '../src/server.js';
import { kill, startChild, terminate, type Child } from './child-server.js';
import { newSubjectId, receipt } from './fixtures.js';
import { call } from './http-client.js';
import { freshDatabase, PG_URL } from './pg.js';

const KEY = 'shutdown-test-api-key-1';
const GRACE_MS = 300;

describe('draining', () => {
  it('answers /healthz 503 and asks clients to close their connections, while still serving, then stops in time', async () => {
    const logs: Record<string, unknown>[] = [];
    const server = await startServer({
      port: 0, dbFile: ':memory:', apiKey: KEY, policyVersion: 'p1', signingKeys: `k1:${'11'.repeat(32)}`, joinKey: '33'.repeat(32),
      sweepIntervalMs: 0, purgeIntervalMs: 0, shutdown: { graceMs: 500, timeoutMs: 2000 }, env: {}, log: (e) => logs.push(e),
    });
    const before = await call(server.url, 'GET', '/healthz');
    expect(before.status).toBe(200);
    expect(before.headers.get('connection')).not.toBe('close');

    const closed = server.close();
    const health = await call(server.url, 'GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ ok: false, storage: 'sqlite', database: 'up', draining: true });
    expect(health.headers.get('connection')).toBe('close');
    // Requests are still served during the grace period, each on a connection closed once answered.
    const r = receipt();
    const stored = await call(server.url, 'POST', '/v1/receipts', { body: r });
    expect(stored.status).toBe(202);
    expect(stored.headers.get('connection')).toBe('close');
    expect((await call(server.url, 'GET', `/v1/subjects/${r.subjectId}/verify`, { key: KEY })).body).toMatchObject({ valid: true, receipts: 1 });

    expect(await closed).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe.skipIf(!PG_URL)('rolling restart of two instances sharing PostgreSQL, under load', () => {
  it('loses no acknowledged receipt, resets no connection, and each instance exits 0 within its bound', async () => {
    const db = await freshDatabase();
    const env = {
      ASSENT_API_KEY: KEY, ASSENT_SIGNING_KEYS: `k1:${'11'.repeat(32)}`, ASSENT_JOIN_KEY: '33'.repeat(32), ASSENT_POLICY_VERSION: 'p1',
      ASSENT_RATE_LIMIT: '1000000000', DATABASE_URL: db.url, ASSENT_SHUTDOWN_GRACE_MS: String(GRACE_MS), ASSENT_SHUTDOWN_TIMEOUT_MS: '5000',
    };
    const instances: Child[] = [await startChild(env), await startChild(env)];
    // The balancer: round robin over the instances whose /healthz answered 200 at the last check.
    const healthy = new Set<Child>(instances);
    let checking = true;
    const checker = (async () => {
      while (checking) {
        await Promise.all(instances.map(async (c) => {
          const ok = await fetch(`${c.url}/healthz`).then((r) => r.status === 200, () => false);
          if (ok) healthy.add(c);
          else healthy.delete(c);
        }));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    let turn = 0;
    const route = async (): Promise<Child> => {
      for (;;) {
        const up = instances.filter((c) => healthy.has(c));
        if (up.length) return up[turn++ % up.length] as Child;
        // None healthy at the last check (a slow check on a busy machine): wait, as a balancer queues.
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    const subjects = Array.from({ length: 16 }, newSubjectId);
    const acked: Receipt[] = [];
    const failures: string[] = [];
    let stop = false;
    const senders = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const batch = Array.from({ length: 1 + (i % 3) }, (_, j) => receipt({ subjectId: subjects[(w + i + j) % subjects.length] }));
        try {
          const res = await call((await route()).url, 'POST', '/v1/receipts', { body: { receipts: batch } });
          if (res.status === 202) acked.push(...batch);
          else failures.push(`status ${res.status}`);
        } catch (err) {
          failures.push(`${(err as Error).message}: ${String((err as { cause?: unknown }).cause)}`);
        }
      }
    });
    const exits: { code: number | null; ms: number }[] = [];
    try {
      await new Promise((r) => setTimeout(r, 400));
      for (const k of [0, 1]) {
        const old = instances[k] as Child;
        exits.push(await terminate(old));
        expect(old.output()).toMatch(/"event":"stopped","drained":true/);
        instances[k] = await startChild(env);
        await new Promise((r) => setTimeout(r, 400));
      }
    } finally {
      stop = true;
      await Promise.all(senders);
      checking = false;
      await checker;
    }
    try {
      expect(failures.join('\n')).toBe('');
      expect(exits.map((e) => e.code)).toEqual([0, 0]);
      for (const e of exits) expect(e.ms).toBeLessThan(GRACE_MS + 5000);
      expect(acked.length).toBeGreaterThan(50);
      const stored = new Map<string, number>();
      for (const subjectId of subjects) {
        const res = await call((instances[0] as Child).url, 'GET', `/v1/subjects/${subjectId}`, { key: KEY });
        expect(res.body.chain.valid).toBe(true);
        for (const r of res.body.receipts as { receipt: Receipt }[]) stored.set(r.receipt.receiptId, (stored.get(r.receipt.receiptId) ?? 0) + 1);
      }
      expect(acked.filter((r) => stored.get(r.receiptId) !== 1)).toEqual([]);
    } finally {
      for (const c of instances) await kill(c);
      await db.drop();
    }
  }, 60_000);
});
