/**
 * Property-based fuzzing of every route (fast-check): generated valid and invalid bodies, path
 * and query values, keys and content types. Whatever arrives: never a 5xx, every answer within the
 * OpenAPI contract, never a stored receipt (or link) from an invalid request, never data without the
 * API key. FUZZ_RUNS=<n> runs each property n times (default 150; the suite's budget).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Receipt } from '@assent/sdk/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ServerApp } from '../src/server.js';
import { assertContract } from './contract.js';
import { newSubjectId, receipt, tempDir } from './fixtures.js';

const KEY = 'fuzz-test-api-key-0123';
const SITE = 'http://127.0.0.1:4173';
const tmp = tempDir('assent-fuzz-');
let server: ServerApp;
let db: Database.Database;
const known: string[] = [];
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

interface Sent { method: string; path: string; body?: string; headers?: Record<string, string> }
async function send(s: Sent): Promise<{ status: number; body: unknown }> {
  const url = `http://server-sync.test${s.path}`;
  const res = await server.fetch(new Request(url, { method: s.method, headers: s.headers, body: s.body }));
  const text = await res.text();
  assertContract({ method: s.method, url: s.path, status: res.status, headers: res.headers, text });
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch { /* not JSON */ }
  return { status: res.status, body };
}

const counts = () => db.prepare(
  'SELECT (SELECT COUNT(*) FROM receipts) AS receipts, (SELECT COUNT(*) FROM links) AS links, (SELECT COUNT(*) FROM link_events) AS events',
).get() as { receipts: number; links: number; events: number };

beforeAll(async () => {
  const file = join(tmp.dir, 'fuzz.db');
  server = await createServer({
    dbFile: file, apiKey: KEY, allowedOrigins: [SITE], policyVersion: 'p1', signingKeys: `k1:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32), rateLimit: { limit: 1_000_000 }, maxBodyBytes: 8192, env: {}, log: () => {},
  });
  db = new Database(file, { readonly: true });
  // Subjects with data: what an unauthenticated read must never see.
  for (let i = 0; i < 3; i++) {
    const r = receipt();
    known.push(r.subjectId);
    expect((await send({ method: 'POST', path: '/v1/receipts', body: JSON.stringify(r), headers: { 'content-type': 'application/json' } })).status).toBe(202);
  }
});
afterAll(async () => {
  db.close();
  await server.close();
  tmp.cleanup();
});

// ---- bodies -----------------------------------------------------------------------------

const validReceipt: fc.Arbitrary<Receipt> = fc.record({
  analytics: fc.boolean(), withText: fc.boolean(),
  // Any text but NUL, which no free-text field takes (a database column cannot hold it as sent).
  path: fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replaceAll('\0', '')),
  serviceIds: fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/), fc.nat(999).map(String)), { maxLength: 4 }),
}).map((g) => {
  const r = receipt({ analytics: g.analytics, withText: g.withText });
  r.client.path = g.path;
  for (const id of g.serviceIds) r.services[id] = { category: 'analytics', granted: g.analytics, basis: 'consent', saleOrShare: false };
  return r;
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** A value of another JSON type than `v`. */
const otherType = (v: unknown): fc.Arbitrary<Json> => (fc.jsonValue() as fc.Arbitrary<Json>).filter((x) => {
  const kind = (y: unknown) => (y === null ? 'null' : Array.isArray(y) ? 'array' : typeof y);
  return kind(x) !== kind(v);
});

const FIELDS = [
  'schemaVersion', 'receiptId', 'subjectId', 'previousReceiptId', 'event', 'event.type', 'event.method', 'event.clientTime',
  'jurisdiction', 'jurisdiction.region', 'jurisdiction.model', 'policyVersion', 'notice', 'notice.language', 'purposes',
  'purposes.necessary', 'purposes.analytics.granted', 'purposes.advertising.basis', 'services', 'validity.expiresAt',
  'signals.gpc.value', 'signals.declaredMinor', 'client', 'client.source', 'client.origin', 'client.uiLanguage',
];
/** Fields a receipt may leave null. */
const NULLABLE = new Set(['previousReceiptId', 'jurisdiction.region']);
const parentOf = (r: Record<string, unknown>, path: string): [Record<string, unknown>, string] => {
  const parts = path.split('.');
  const last = parts.pop() as string;
  return [parts.reduce((o, p) => o[p] as Record<string, unknown>, r), last];
};

/** A receipt made invalid by construction: each mutation breaks a rule of the schema. */
const invalidReceipt: fc.Arbitrary<unknown> = fc.tuple(validReceipt, fc.constantFrom(...FIELDS), fc.nat()).chain(([r, field, n]) => {
  const copy = structuredClone(r) as unknown as Record<string, unknown>;
  const [parent, key] = parentOf(copy, field);
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.constant(() => { delete parent[key]; }),
    // A nullable string stays valid as null (and may as another string): neither is a mutation.
    otherType(parent[key]).filter((x) => !(NULLABLE.has(field) && (x === null || typeof x === 'string'))).map((x) => () => { parent[key] = x; }),
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in copy)).map((k) => () => { copy[k] = n; }),
    fc.constantFrom(
      () => { copy.policyVersion = 'v'.repeat(65); },
      () => { (copy.client as Record<string, unknown>).path = `a\ud800b${n}`; },
      () => { (copy.client as Record<string, unknown>).browser = `Fire\u0000fox${n % 10}`; },
      () => { (copy.event as Record<string, unknown>).clientTime = '2026-02-30T10:00:00.000Z'; },
      () => { (copy.purposes as Record<string, Record<string, unknown>>).necessary!.granted = false; },
      () => { copy.notice = { language: 'en' }; },
      () => { copy.subjectId = 'ABC'; },
      () => { (copy.services as Record<string, unknown>)['Bad Key'] = { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false }; },
      () => { copy.schemaVersion = 'assent-receipt/2'; },
    ),
  ];
  return fc.oneof(...mutations).map((mutate) => {
    (mutate as () => void)();
    return copy as unknown;
  });
});

const contentType = fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', undefined);

// ---- properties -------------------------------------------------------------------------

describe('fuzzing every route', () => {
  it('POST /v1/receipts: valid bodies are stored whole, invalid ones never (and never a 5xx)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        validReceipt.map((r) => ({ valid: true, body: JSON.stringify(r), n: 1 })),
        fc.array(validReceipt, { minLength: 1, maxLength: 4 }).map((rs) => ({ valid: true, body: JSON.stringify({ receipts: rs }), n: rs.length })),
        invalidReceipt.map((r) => ({ valid: false, body: JSON.stringify(r), n: 0 })),
        // One invalid receipt in a batch: the whole request is refused.
        fc.tuple(fc.array(validReceipt, { minLength: 1, maxLength: 3 }), invalidReceipt, fc.nat(3))
          .map(([rs, bad, at]) => ({ valid: false, body: JSON.stringify({ receipts: [...rs.slice(0, at), bad, ...rs.slice(at)] }), n: 0 })),
        fc.jsonValue().map((v) => ({ valid: false, body: JSON.stringify(v), n: 0 })),
        fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ valid: false, body: s, n: 0 })),
      ),
      fc.constantFrom('application/json', 'text/plain;charset=UTF-8'),
      fc.constantFrom(undefined, SITE, 'http://evil.example'),
      async (c, type, origin) => {
        const before = counts().receipts;
        const res = await send({ method: 'POST', path: '/v1/receipts', body: c.body, headers: { 'content-type': type, ...(origin ? { origin } : {}) } });
        expect(res.status).toBeLessThan(500);
        const stored = counts().receipts - before;
        if (origin === 'http://evil.example') expect(res.status).toBe(403);
        else if (c.valid) expect({ status: res.status, stored }).toEqual({ status: c.body.length > 8192 ? 413 : 202, stored: c.body.length > 8192 ? 0 : c.n });
        if (!c.valid || origin === 'http://evil.example') {
          expect(stored).toBe(0);
          expect([400, 403, 413]).toContain(res.status);
        }
      },
    ), { numRuns: RUNS });
  });

  it('keyed routes: never data without the key, never a change without it', async () => {
    const subject = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'), fc.constant(newSubjectId()));
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        subject.map((id) => ({ method: 'GET', path: `/v1/subjects/${id}` })),
        subject.map((id) => ({ method: 'GET', path: `/v1/subjects/${id}/verify` })),
        subject.map((id) => ({ method: 'DELETE', path: `/v1/subjects/${id}` })),
        fc.string({ maxLength: 20 }).map((a) => ({ method: 'GET', path: `/v1/links?accountId=${encodeURIComponent(a)}` })),
        fc.tuple(fc.integer(), fc.integer()).map(([s, l]) => ({ method: 'GET', path: `/v1/links/events?since=${s}&limit=${l}` })),
        fc.constantFrom(...known).map((id) => ({ method: 'POST', path: '/v1/links', body: JSON.stringify({ subjectId: id, accountId: 'acct-1' }) })),
      ),
      fc.constantFrom(undefined, '', 'Bearer', `Bearer ${KEY}x`, `Basic ${KEY}`, `Bearer ${KEY.toUpperCase()}`, `Token ${KEY}`),
      async (req, authorization) => {
        const before = counts();
        const res = await send({ ...req, headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) } });
        expect(res.status).toBeLessThan(500);
        if (res.status !== 404 && res.status !== 405) {
          expect(res.status).toBe(401);
          expect(Object.keys(res.body as object)).toEqual(['error']);
        }
        expect(counts()).toEqual(before);
      },
    ), { numRuns: RUNS });
  });

  it('with the key: invalid parameters and bodies are refused without a change, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 40 }).map((s) => ({ method: 'GET', path: `/v1/subjects/${encodeURIComponent(s) || 'x'}` })),
        fc.string({ maxLength: 40 }).map((s) => ({ method: 'DELETE', path: `/v1/subjects/${encodeURIComponent(s) || 'x'}` })),
        fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([s, l]) => ({ method: 'GET', path: `/v1/links/events?since=${encodeURIComponent(s)}&limit=${encodeURIComponent(l)}` })),
        fc.string({ maxLength: 200 }).map((a) => ({ method: 'GET', path: `/v1/links?accountId=${encodeURIComponent(a)}` })),
        fc.jsonValue().map((v) => ({ method: 'POST', path: '/v1/links', body: JSON.stringify(v) })),
        fc.record({ subjectId: fc.oneof(fc.string(), fc.constantFrom(...known), fc.integer()), accountId: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(null)) })
          .map((v) => ({ method: 'POST', path: '/v1/links', body: JSON.stringify(v) })),
        fc.string({ unit: 'binary', maxLength: 100 }).map((s) => ({ method: 'POST', path: '/v1/links', body: s })),
        fc.string({ maxLength: 70 }).map((h) => ({ method: 'GET', path: `/v1/notices/${encodeURIComponent(h) || 'x'}` })),
      ),
      contentType,
      async (req, type) => {
        const before = counts();
        const res = await send({ ...req, headers: { authorization: `Bearer ${KEY}`, ...(type ? { 'content-type': type } : {}) } });
        expect(res.status).toBeLessThan(500);
        const after = counts();
        // Only a valid link request for a known subject may add rows: one link or one refusal event.
        if (req.method === 'POST' && (res.status === 201 || res.status === 403 || res.status === 409)) expect(after.events).toBeGreaterThan(before.events);
        else if (req.method !== 'DELETE' || res.status !== 200) expect(after).toEqual(before);
      },
    ), { numRuns: RUNS });
  });

  it('any method on any path: never a 5xx, always within the contract', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      fc.oneof(
        fc.constantFrom('/v1/receipts', '/v1/region', '/v1/links', '/v1/links/events', '/healthz', '/metrics', '/.well-known/gpc.json', '/v1/openapi.json'),
        fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`).filter((p) => !p.startsWith('/docs')),
      ),
      fc.option(fc.string({ maxLength: 50 })),
      async (method, path, body) => {
        const before = counts().receipts;
        const res = await send({ method, path, ...(body !== null && !['GET', 'HEAD'].includes(method) ? { body } : {}), headers: { 'content-type': 'application/json', origin: SITE } });
        expect(res.status).toBeLessThan(500);
        expect(counts().receipts).toBe(before);
      },
    ), { numRuns: RUNS });
  });
});
