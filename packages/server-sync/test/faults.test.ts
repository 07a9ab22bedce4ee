/**
 * Storage faults and logs: a database that is down or too slow (StorageUnavailableError) is
 * answered 503 with Retry-After and a JSON body; anything else 500; the log lines have levels and
 * request ids and never an address or a raw account id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { StorageUnavailableError } from '../src/storage/errors.js';
import { newSubjectId, receipt } from './fixtures.js';
import { call } from './http-client.js';

const KEY = 'faults-test-api-key-01';
const ADDRESS = '203.0.113.77';
const ACCOUNT = 'acct-very-secret-4711';
const SITE = 'http://127.0.0.1:4173';
const logs: Record<string, unknown>[] = [];
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0, dbFile: ':memory:', apiKey: KEY, policyVersion: 'p1', signingKeys: `k1:${'11'.repeat(32)}`, joinKey: '33'.repeat(32),
    clientIpHeader: 'x-forwarded-for', logLevel: 'debug', allowedOrigins: [SITE], env: {}, log: (entry) => logs.push(entry),
  });
});
afterAll(() => server.close());

/** Replaces one storage method for the duration of `run`. */
async function failing<K extends 'ingest' | 'subject' | 'createLink'>(method: K, err: Error, run: () => Promise<void>): Promise<void> {
  const storage = server.service.storage;
  const original = storage[method];
  storage[method] = (() => Promise.reject(err)) as never;
  try {
    await run();
  } finally {
    storage[method] = original;
  }
}

describe('storage faults', () => {
  it('answers 503 with Retry-After and a JSON error when storage is unavailable, and the retry is stored', async () => {
    const r = receipt();
    await failing('ingest', new StorageUnavailableError('connection refused', { retryAfterSeconds: 3 }), async () => {
      const res = await call(server.url, 'POST', '/v1/receipts', { body: r, headers: { origin: SITE } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.body.error).toMatch(/unavailable; nothing was stored/);
      // A browser's outbox may read the answer and its Retry-After.
      expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
      expect(res.headers.get('access-control-expose-headers')?.split(',').map((h) => h.trim().toLowerCase())).toContain('retry-after');
    });
    await failing('subject', new StorageUnavailableError('statement timeout'), async () => {
      const res = await call(server.url, 'GET', `/v1/subjects/${r.subjectId}`, { key: KEY });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
    });
    // Back up: the client's retry goes through, once.
    expect((await call(server.url, 'POST', '/v1/receipts', { body: r })).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await call(server.url, 'GET', `/v1/subjects/${r.subjectId}/verify`, { key: KEY })).body).toEqual({ valid: true, receipts: 1, problems: [] });
    expect((await call(server.url, 'GET', '/metrics')).body).toMatch(/^assent_storage_unavailable_total 2$/m);
  });

  it('answers 500 without details for any other failure', async () => {
    await failing('createLink', new Error('relation "links" does not exist'), async () => {
      const res = await call(server.url, 'POST', '/v1/links', { key: KEY, body: { subjectId: newSubjectId(), accountId: ACCOUNT } });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'internal error; nothing was stored by this request' });
    });
  });
});

describe('logs', () => {
  it('have levels and request ids, and never an address or a raw account id', async () => {
    await call(server.url, 'POST', '/v1/receipts', { body: receipt(), headers: { 'x-forwarded-for': ADDRESS } });
    await call(server.url, 'POST', '/v1/links', { key: KEY, body: { subjectId: newSubjectId(), accountId: ACCOUNT }, headers: { 'x-forwarded-for': ADDRESS } });
    const failed = logs.find((l) => l.event === 'request_failed');
    expect(failed).toMatchObject({ level: 'error', route: '/v1/links' });
    expect(failed?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    const unavailable = logs.find((l) => l.event === 'storage_unavailable');
    expect(unavailable).toMatchObject({ level: 'warn', route: '/v1/receipts' });
    const requests = logs.filter((l) => l.event === 'request');
    expect(requests.length).toBeGreaterThan(5);
    // The receipt route, which records itself (http/receipts.ts): its answers and, under one id,
    // the request a storage outage failed.
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', route: '/v1/receipts', status: 202 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '/v1/receipts', status: 503, reqId: unavailable?.reqId }));
    expect(requests[0]).toMatchObject({ level: 'debug', method: expect.any(String), route: expect.any(String), status: expect.any(Number) });
    expect(logs.find((l) => l.event === 'listening')).toMatchObject({ level: 'info' });
    const text = JSON.stringify(logs);
    expect(text).not.toContain(ADDRESS);
    expect(text).not.toContain(ACCOUNT);
    // The only address is the server's own, in the line that says where it listens.
    expect(logs.filter((l) => l.event !== 'listening' && JSON.stringify(l).includes('127.0.0.1'))).toEqual([]);
  });

  it('redact address and account fields should one be logged', () => {
    const before = logs.length;
    server.config.logger.info({ event: 'probe', ip: ADDRESS, accountId: ACCOUNT, nested: { remoteAddress: ADDRESS } }, 'probe');
    expect(logs.slice(before)).toEqual([expect.objectContaining({ event: 'probe', ip: '[redacted]', accountId: '[redacted]', nested: { remoteAddress: '[redacted]' } })]);
  });
});
