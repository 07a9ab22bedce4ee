/**
 * Crash safety: SIGKILL the server during a stream of ingests; after a restart every receipt that
 * was answered 202 is stored, exactly once, in valid chains.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '@assent/sdk/schema';
import { kill, startChild } from './child-server.js';
import { newSubjectId, receipt, tempDir } from './fixtures.js';
import { call } from './http-client.js';
import { freshDatabase, PG_URL } from './pg.js';

const KEY = 'crash-test-api-key-01';
const baseEnv = {
  ASSENT_API_KEY: KEY,
  ASSENT_SIGNING_KEYS: `k1:${'11'.repeat(32)}`,
  ASSENT_JOIN_KEY: '33'.repeat(32),
  ASSENT_POLICY_VERSION: 'p1',
  ASSENT_RATE_LIMIT: '1000000000',
};

async function crashAndRecover(env: Record<string, string>): Promise<void> {
  const subjects = Array.from({ length: 6 }, newSubjectId);
  const acked: Receipt[] = [];
  let sent = 0;
  const first = await startChild(env);
  let stop = false;
  // 12 concurrent senders, batches of 1-4 receipts, until the kill.
  const senders = Array.from({ length: 12 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const batch = Array.from({ length: 1 + ((w + i) % 4) }, (_, j) =>
        receipt({ subjectId: subjects[(w + i + j) % subjects.length], clientTime: new Date(Date.now() - 60_000 + sent) }),
      );
      sent += batch.length;
      try {
        const res = await call(first.url, 'POST', '/v1/receipts', { body: { receipts: batch } });
        if (res.status === 202) acked.push(...batch);
        else if (res.status !== 500) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      } catch (err) {
        if (!stop) throw err;
      }
    }
  });
  let failure: unknown = null;
  senders.forEach((p) => p.catch((err: unknown) => (failure ??= err)));
  while (acked.length < 300 && !failure) await new Promise((r) => setTimeout(r, 10));
  if (failure) {
    stop = true;
    await kill(first);
    throw failure;
  }
  // Requests in flight at the kill fail: their receipts may or may not be stored, never twice.
  stop = true;
  await kill(first);
  await Promise.allSettled(senders);

  const second = await startChild(env);
  try {
    const stored = new Map<string, number>();
    for (const subjectId of subjects) {
      const res = await call(second.url, 'GET', `/v1/subjects/${subjectId}`, { key: KEY });
      expect(res.status).toBe(200);
      expect(res.body.chain.valid).toBe(true);
      for (const r of res.body.receipts as { receipt: Receipt }[]) stored.set(r.receipt.receiptId, (stored.get(r.receipt.receiptId) ?? 0) + 1);
    }
    const missing = acked.filter((r) => !stored.has(r.receiptId));
    expect(missing).toEqual([]);
    expect([...stored.values()].filter((n) => n > 1)).toEqual([]);
    // The outbox retries whatever it did not see acknowledged: those are duplicates now, never new rows.
    const retry = await call(second.url, 'POST', '/v1/receipts', { body: { receipts: acked.slice(0, 100) } });
    expect(retry.body).toEqual({ accepted: 0, duplicates: 100 });
  } finally {
    await kill(second);
  }
}

describe('crash safety', () => {
  it('SQLite (WAL, synchronous=FULL): every 202 survives SIGKILL, none twice', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await crashAndRecover({ ...baseEnv, ASSENT_DB_FILE: join(dir, 'crash.db') });
    } finally {
      cleanup();
    }
  }, 60_000);

  it.skipIf(!PG_URL)('PostgreSQL: every 202 survives SIGKILL, none twice', async () => {
    const db = await freshDatabase();
    try {
      await crashAndRecover({ ...baseEnv, DATABASE_URL: db.url });
    } finally {
      await db.drop();
    }
  }, 60_000);
});
