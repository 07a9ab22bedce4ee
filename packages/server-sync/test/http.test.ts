import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { sha256Hex } from '../src/seal.js';
import { OPENAPI_FILE } from './contract.js';
import { NOTICE_TEXT, newSubjectId, receipt, tempDir } from './fixtures.js';
import { call, checkedFetch } from './http-client.js';

const KEY = 'test-api-key-0123456789';
const SITE = 'http://127.0.0.1:4173';
const FOREIGN = 'http://evil.example';

let server: RunningServer;
let cleanupDir: () => void;
let base: string;

beforeAll(async () => {
  const tmp = tempDir();
  cleanupDir = tmp.cleanup;
  server = await startServer({
    port: 0,
    dbFile: join(tmp.dir, 'http.db'),
    apiKey: KEY,
    allowedOrigins: [SITE],
    policyVersion: 'p1',
    signingKeys: `k1:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32),
    rateLimit: { limit: 40, windowMs: 60_000 },
    regionHeaders: { country: 'x-country', subdivision: 'x-subdivision' },
    env: {},
    log: () => undefined,
  });
  base = server.url;
});

afterAll(async () => {
  await server.close();
  cleanupDir();
});

const exportOf = (subjectId: string) => call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY });

describe('receipts ingest, export, erase', () => {
  it('round-trips: 202 with counts, retries are duplicates, export verifies, erase leaves nothing', async () => {
    const subjectId = newSubjectId();
    const one = receipt({ subjectId, clientTime: new Date(Date.now() - 1000) });
    const two = receipt({ subjectId, analytics: false });
    const first = await call(base, 'POST', '/v1/receipts', { body: one, headers: { origin: SITE } });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0 });
    expect(first.headers.get('access-control-allow-origin')).toBe(SITE);
    const batch = await call(base, 'POST', '/v1/receipts', { body: { receipts: [one, two] }, headers: { origin: SITE } });
    expect(batch.body).toEqual({ accepted: 1, duplicates: 1 });

    const exported = await exportOf(subjectId);
    expect(exported.status).toBe(200);
    expect(exported.body.receipts.map((r: { receipt: { receiptId: string } }) => r.receipt.receiptId)).toEqual([one.receiptId, two.receiptId]);
    expect(exported.body.chain).toEqual({ valid: true, receipts: 2, problems: [] });
    expect(exported.body.notices).toEqual([{ hash: sha256Hex(NOTICE_TEXT), language: 'en', text: NOTICE_TEXT }]);
    expect(JSON.stringify(exported.body)).not.toMatch(/127\.0\.0\.1|::1/);
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}/verify`, { key: KEY })).body.valid).toBe(true);
    expect((await call(base, 'GET', `/v1/notices/${sha256Hex(NOTICE_TEXT)}`)).body.text).toBe(NOTICE_TEXT);

    const erased = await call(base, 'DELETE', `/v1/subjects/${subjectId}`, { key: KEY });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, receipts: 2, links: 0 });
    expect((await exportOf(subjectId)).status).toBe(404);
  });

  it('accepts text/plain JSON as navigator.sendBeacon sends it', async () => {
    const r = receipt();
    const res = await call(base, 'POST', '/v1/receipts', { raw: JSON.stringify({ receipts: [r] }), headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE } });
    expect(res.status).toBe(202);
    expect((await exportOf(r.subjectId)).status).toBe(200);
  });

  /** A receipt's JSON with a byte that is not UTF-8 inside its page path: valid once decoded leniently. */
  const notUtf8 = (r: object): Uint8Array<ArrayBuffer> => {
    const [head, tail] = JSON.stringify(r).split('"path":"/');
    return Buffer.concat([Buffer.from(`${head}"path":"/`), Buffer.from([0xff]), Buffer.from(tail as string)]);
  };
  interface BadCase { raw?: string | Uint8Array<ArrayBuffer>; body?: unknown; headers?: Record<string, string>; status: number; error: RegExp }
  it.each<[string, BadCase]>([
    ['bad JSON', { raw: '{"receipts": [', status: 400, error: /not valid JSON/ }],
    ['an unknown field', { body: { ...receipt(), ip: '1.2.3.4' }, status: 400, error: /^\/ip: is not a known field/ }],
    ['a wrong type', { body: { receipts: [receipt(), { ...receipt(), policyVersion: 7 }] }, status: 400, error: /^\/receipts\/2\/policyVersion: expected a string/ }],
    ['a notice hash that does not match its text', { body: { ...receipt(), notice: { language: 'en', text: 'x', hash: 'b'.repeat(64) } }, status: 400, error: /notice\/hash/ }],
    // Text no database column can hold as given: PostgreSQL refuses NUL, and a lone surrogate would
    // be stored as U+FFFD, no longer the text its hash names.
    ['a notice text with a NUL character', { body: { receipts: [{ ...receipt(), notice: { language: 'en', text: 'a\u0000b' } }] }, status: 400, error: /notice\/text: contains a NUL/ }],
    ['a notice text with a lone surrogate', { body: { receipts: [{ ...receipt(), notice: { language: 'en', text: 'a\ud800b' } }] }, status: 400, error: /notice\/text: contains a NUL character or a lone surrogate/ }],
    // …anywhere in the receipt, not only in the notice text.
    ['a page path with a NUL character', { body: { receipts: [{ ...receipt(), client: { ...receipt().client, path: '/a\u0000' } }] }, status: 400, error: /^\/receipts\/1\/client\/path: contains a NUL character or a lone surrogate/ }],
    ['a policy version with a lone surrogate', { body: { receipts: [{ ...receipt(), policyVersion: '\udc00' }] }, status: 400, error: /^\/receipts\/1\/policyVersion: contains a NUL character or a lone surrogate/ }],
    // Decoding would turn the byte into U+FFFD, text the browser never sent.
    ['a body that is not UTF-8', { raw: notUtf8(receipt()), status: 400, error: /^body is not valid UTF-8$/ }],
    ['a 2 MB body', { raw: JSON.stringify({ receipts: [{ ...receipt(), pad: 'x'.repeat(2 << 20) }] }), status: 413, error: /larger than/ }],
    ['a form content type', { raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, error: /JSON/ }],
  ])('rejects %s and stores nothing of the request', async (_name, c) => {
    const good = receipt();
    // Every bad batch also carries a valid receipt whose subject must stay unknown.
    const raw = c.raw ?? JSON.stringify(c.body);
    const withGood = typeof raw === 'string' && raw.startsWith('{"receipts":[') ? raw.replace('{"receipts":[', `{"receipts":[${JSON.stringify(good)},`) : raw;
    const res = await call(base, 'POST', '/v1/receipts', { raw: withGood, headers: { origin: SITE, ...c.headers } });
    expect(res.status).toBe(c.status);
    expect(res.body.error).toMatch(c.error);
    // The page may read why: refusals carry CORS headers too.
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect((await exportOf(good.subjectId)).status).toBe(404);
  });

  it('refuses a foreign origin (preflight and post) and stores nothing', async () => {
    const { res: pre } = await checkedFetch(`${base}/v1/receipts`, { method: 'OPTIONS', headers: { origin: FOREIGN, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const { res: ok } = await checkedFetch(`${base}/v1/receipts`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    const r = receipt();
    const res = await call(base, 'POST', '/v1/receipts', { body: r, headers: { origin: FOREIGN } });
    expect(res.status).toBe(403);
    expect((await exportOf(r.subjectId)).status).toBe(404);
  });
});

describe('API key, region, service endpoints', () => {
  it.each([
    ['GET', `/v1/subjects/${'a'.repeat(32)}`],
    ['DELETE', `/v1/subjects/${'a'.repeat(32)}`],
    ['GET', '/v1/links?accountId=x'],
    ['POST', '/v1/links'],
    ['GET', '/v1/links/events?since=0'],
  ])('%s %s needs the API key', async (method, path) => {
    expect((await call(base, method, path)).status).toBe(401);
    expect((await call(base, method, path, { key: 'wrong-key-0123456789' })).status).toBe(401);
  });

  it('answers the region from the trusted headers, or null', async () => {
    const region = (headers: Record<string, string>) => call(base, 'GET', '/v1/region', { headers: { origin: SITE, ...headers } });
    expect((await region({ 'x-country': 'us', 'x-subdivision': 'CA' })).body).toEqual({ region: 'US-CA' });
    expect((await region({ 'x-country': 'CA', 'x-subdivision': 'CA-QC' })).body).toEqual({ region: 'CA-QC' });
    expect((await region({ 'x-country': 'FR' })).body).toEqual({ region: 'FR' });
    expect((await region({ 'x-country': 'XX' })).body).toEqual({ region: null });
    expect((await region({ 'cf-ipcountry': 'DE' })).body).toEqual({ region: null });
    const res = await region({ 'x-country': 'FR' });
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  it('answers 401 to any Authorization that is not the key, and never a subject\'s data', async () => {
    const path = `/v1/subjects/${'a'.repeat(32)}`;
    for (const authorization of ['Basic dGVzdDp0ZXN0', `Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, 'Bearer', `bearer  ${KEY} extra`, KEY]) {
      const res = await call(base, 'GET', path, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(Object.keys(res.body)).toEqual(['error']);
    }
    expect((await call(base, 'GET', path, { headers: { authorization: `bearer ${KEY}` } })).status).toBe(404); // scheme is case-insensitive
  });

  it('answers 405 with Allow for a known path and another method, 404 for unknown paths', async () => {
    const wrong = await call(base, 'PUT', '/v1/receipts', { body: receipt() });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('POST');
    expect(wrong.body.error).toMatch(/^use /);
    expect((await call(base, 'PATCH', `/v1/subjects/${'a'.repeat(32)}`, { key: KEY })).headers.get('allow')).toMatch(/GET.*DELETE|DELETE.*GET/);
    expect((await call(base, 'GET', '/v1/subjects')).status).toBe(404);
    expect((await call(base, 'HEAD', '/healthz')).status).toBe(200);
  });

  it('rejects bad path and query parameters with 400 naming them', async () => {
    expect((await call(base, 'GET', '/v1/subjects/XYZ', { key: KEY })).body.error).toBe('subjectId: must be 32 lowercase hex characters');
    expect((await call(base, 'GET', '/v1/notices/abc')).body.error).toBe('hash: must be 64 lowercase hex characters');
    expect((await call(base, 'GET', '/v1/links', { key: KEY })).body.error).toBe('accountId: required');
    expect((await call(base, 'GET', `/v1/links?accountId=${'x'.repeat(129)}`, { key: KEY })).body.error).toBe('accountId: at most 128 characters');
    expect((await call(base, 'GET', '/v1/links/events?since=-1', { key: KEY })).body.error).toBe('since: expected a non-negative integer cursor');
    expect((await call(base, 'GET', '/v1/links/events?limit=1001', { key: KEY })).body.error).toBe('limit: expected 1 to 1000');
    expect((await call(base, 'GET', '/v1/links/events?limit=0', { key: KEY })).status).toBe(400);
  });

  it('serves its OpenAPI document: the committed one', async () => {
    const res = await call(base, 'GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  it('serves health, metrics and the GPC well-known file', async () => {
    expect((await call(base, 'GET', '/healthz')).body).toEqual({ ok: true, storage: 'sqlite', database: 'up', draining: false });
    const metrics = await call(base, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/assent_receipts_total\{outcome="accepted"\} \d+/);
    expect(metrics.body).toMatch(/assent_ingest_commit_seconds_bucket\{le="0.01"\}/);
    // The process's default metrics, and requests counted by declared route, never by raw path.
    expect(metrics.body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics.body).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(metrics.body).toMatch(/assent_http_requests_total\{route="\/v1\/subjects\/:subjectId",status="404"\} \d+/);
    expect(metrics.body).toMatch(/assent_http_requests_total\{route="\/v1\/receipts",status="202"\} \d+/);
    expect(metrics.body).toMatch(/assent_http_requests_total\{route="\/v1\/receipts",status="400"\} \d+/);
    expect(metrics.body).toMatch(/assent_receipt_requests_rejected_total\{reason="invalid"\} \d+/);
    expect(metrics.body).toMatch(/assent_receipt_requests_rejected_total\{reason="origin"\} \d+/);
    expect(metrics.body).not.toMatch(/route="\/v1\/subjects\/[0-9a-f]/);
    expect((await call(base, 'GET', '/.well-known/gpc.json')).body).toEqual({ gpc: true, lastUpdate: '2026-11-29' });
    expect((await call(base, 'GET', '/nope')).status).toBe(404);
    expect((await call(base, 'GET', '/metrics')).body).not.toContain('/nope');
    expect((await call(base, 'GET', '/v1/receipts')).status).toBe(405);
  });
});

describe('links over HTTP', () => {
  it('creates, lists, refuses with reasons, and revokes on withdrawal with an event', async () => {
    const subjectId = newSubjectId();
    const unknown = await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct-1' } });
    expect(unknown).toMatchObject({ status: 409, body: { error: 'subject_unknown' } });

    await call(base, 'POST', '/v1/receipts', { body: receipt({ subjectId, analytics: false, clientTime: new Date(Date.now() - 5000) }), headers: { origin: SITE } });
    const refused = await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct-1' } });
    expect(refused).toMatchObject({ status: 403, body: { error: 'consent_required' } });

    await call(base, 'POST', '/v1/receipts', { body: receipt({ subjectId, clientTime: new Date(Date.now() - 4000) }), headers: { origin: SITE } });
    const created = await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct-1' } });
    expect(created.status).toBe(201);
    expect(created.body.link.joinKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(created.body)).not.toContain('acct-1');
    expect((await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct-1' } })).status).toBe(200);
    const listed = await call(base, 'GET', '/v1/links?accountId=acct-1', { key: KEY });
    expect(listed.body.links.map((l: { linkId: string }) => l.linkId)).toEqual([created.body.link.linkId]);

    const cursor = (await call(base, 'GET', '/v1/links/events?since=0&limit=1000', { key: KEY })).body.next as number;
    await call(base, 'POST', '/v1/receipts', { body: receipt({ subjectId, analytics: false }), headers: { origin: SITE } });
    expect((await call(base, 'GET', '/v1/links?accountId=acct-1', { key: KEY })).body.links).toEqual([]);
    const events = await call(base, 'GET', `/v1/links/events?since=${cursor}`, { key: KEY });
    expect(events.body.events).toMatchObject([{ type: 'revoked', reason: 'withdrawn', linkId: created.body.link.linkId, subjectId }]);
    expect(events.body.next).toBe(events.body.events[0].id);

    const exported = await exportOf(subjectId);
    expect(exported.body.links).toHaveLength(1);
    expect(exported.body.linkEvents.map((e: { type: string }) => e.type)).toEqual(['refused', 'refused', 'linked', 'revoked']);
    expect((await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct-1', extra: 1 } })).status).toBe(400);
  });
});

describe('rate limit', () => {
  it('answers 429 past the per-client limit and stores nothing of the refused request', async () => {
    // The limit counts in fixed windows of the clock's minutes (40 a minute here): 46 requests sent
    // across a window's end would be counted in two windows, neither over the limit. Start them in
    // a window with at least 10 s left.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
    const statuses: number[] = [];
    let refused = receipt();
    for (let i = 0; i < 45; i++) {
      const r = receipt();
      const res = await call(base, 'POST', '/v1/receipts', { body: r, headers: { origin: SITE } });
      statuses.push(res.status);
      if (res.status === 429) refused = r;
    }
    expect(statuses).toContain(429);
    const limited = await call(base, 'POST', '/v1/receipts', { body: receipt(), headers: { origin: SITE } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(statuses.lastIndexOf(202)).toBeLessThan(statuses.indexOf(429));
    expect((await exportOf(refused.subjectId)).status).toBe(404);
  }, 20_000);
});
