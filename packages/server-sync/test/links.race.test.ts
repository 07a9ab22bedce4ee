/**
 * A withdrawal racing a link request, on two server instances sharing one PostgreSQL database:
 * whatever order they commit in, no active link survives the withdrawal, and every link that was
 * created and then revoked has exactly one revocation event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { newSubjectId, receipt } from './fixtures.js';
import { call } from './http-client.js';
import { freshDatabase, PG_URL } from './pg.js';

const KEY = 'race-test-api-key-0123';

describe.skipIf(!PG_URL)('withdrawal vs link race (PostgreSQL, two instances)', () => {
  let a: RunningServer;
  let b: RunningServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const options = {
      port: 0, databaseUrl: db.url, apiKey: KEY, policyVersion: 'p1', env: {}, log: () => undefined,
      signingKeys: `k1:${'11'.repeat(32)}`, joinKey: '33'.repeat(32),
      // A day's window: the test never straddles two windows (a new window starts a new count).
      rateLimit: { limit: 10, windowMs: 86_400_000 },
      clientIpHeader: 'x-test-client',
    };
    a = await startServer(options);
    b = await startServer(options);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('never leaves an active link behind', async () => {
    const outcomes = { linkedThenRevoked: 0, refused: 0 };
    await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      const subjectId = newSubjectId();
      const t = Date.now() - 10_000;
      const client = { 'x-test-client': `race-${i}` };
      const grant = await call(a.url, 'POST', '/v1/receipts', { body: receipt({ subjectId, clientTime: new Date(t) }), headers: client });
      expect(grant.status).toBe(202);
      const withdraw = receipt({ subjectId, clientTime: new Date(t + 1000), analytics: false });
      const [linkServer, receiptServer] = i % 2 ? [a, b] : [b, a];
      const [link, ingest] = await Promise.all([
        call(linkServer.url, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: `acct-${i}` } }),
        call(receiptServer.url, 'POST', '/v1/receipts', { body: withdraw, headers: client }),
      ]);
      expect(ingest.status).toBe(202);
      expect([201, 403]).toContain(link.status);
      const exported = (await call(a.url, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).body;
      expect(exported.links.filter((l: { revokedAt: string | null }) => l.revokedAt === null)).toEqual([]);
      expect((await call(b.url, 'GET', `/v1/links?accountId=acct-${i}`, { key: KEY })).body.links).toEqual([]);
      const revoked = exported.linkEvents.filter((e: { type: string }) => e.type === 'revoked');
      if (link.status === 201) {
        outcomes.linkedThenRevoked++;
        expect(revoked.map((e: { linkId: string }) => e.linkId)).toEqual([link.body.link.linkId]);
      } else {
        outcomes.refused++;
        expect(link.body.error).toBe('consent_required');
        expect(revoked).toEqual([]);
      }
    }));
    expect(outcomes.linkedThenRevoked + outcomes.refused).toBe(30);
  }, 30_000);

  it('serves one database from both instances: a receipt stored through one is exported by the other', async () => {
    const r = receipt();
    await call(a.url, 'POST', '/v1/receipts', { body: r, headers: { 'x-test-client': 'one-db' } });
    expect((await call(b.url, 'GET', `/v1/subjects/${r.subjectId}/verify`, { key: KEY })).body).toEqual({ valid: true, receipts: 1, problems: [] });
  });

  it('rate-limits a client across both instances (shared counter)', async () => {
    const headers = { 'x-test-client': 'shared-limit' };
    const post = (server: RunningServer) => call(server.url, 'POST', '/v1/receipts', { body: receipt(), headers });
    const onA: number[] = [];
    for (let i = 0; i < 10; i++) onA.push((await post(a)).status);
    expect(onA.every((s) => s === 202)).toBe(true);
    // b has not seen this client: it admits requests until a's hits reach it through the database
    // (one flush interval each side, longer on a busy machine), then refuses, long before its own
    // count would reach the limit. Counted per instance, b would admit 10 more.
    let admittedByB = 0;
    let status = 0;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      status = (await post(b)).status;
      if (status !== 202) break;
      admittedByB++;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(429);
    expect(admittedByB).toBeLessThan(10);
    // And it stays refused.
    expect((await post(b)).status).toBe(429);
  });
});
