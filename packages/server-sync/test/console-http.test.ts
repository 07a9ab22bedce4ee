/**
 * The privacy console's API as a browser or an attacker meets it: nothing answers without a
 * session, the cookie's flags, CSRF, roles enforced by the server (a viewer's erase is a 403 and
 * erases nothing), failed sign-ins limited, sessions that end, and an audit log without ids.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccessKey } from '../src/console/access-keys.js';
import { startServer, type RunningServer } from '../src/server.js';
import { newSubjectId, receipt, tempDir } from './fixtures.js';
import { call, type HttpResult } from './http-client.js';

const KEY = 'test-api-key-0123456789';
let server: RunningServer;
let base: string;
let cleanupDir: () => void;
/** The server's clock: tests move it forward to end sessions. */
let offsetMs = 0;

beforeAll(async () => {
  const tmp = tempDir();
  cleanupDir = tmp.cleanup;
  server = await startServer({
    port: 0,
    dbFile: join(tmp.dir, 'console.db'),
    apiKey: KEY,
    policyVersion: 'p1',
    signingKeys: `k1:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32),
    console: { loginFailures: 5, idleMinutes: 30, sessionHours: 8 },
    env: {},
    log: () => undefined,
    clock: () => new Date(Date.now() + offsetMs),
  });
  base = server.url;
});

afterAll(async () => {
  await server.close();
  cleanupDir();
});

interface Session {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function login(key: string, headers: Record<string, string> = {}): Promise<Session> {
  const res = await call(base, 'POST', '/console/api/login', { body: { key }, headers });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] as string, csrf: res.body.csrfToken, setCookie };
}

const as = (s: Session, method: string, path: string, opts: { body?: unknown; csrf?: string | null } = {}): Promise<HttpResult> =>
  call(base, method, path, {
    body: opts.body,
    headers: { cookie: s.cookie, ...(opts.csrf === null ? {} : { 'x-csrf-token': opts.csrf ?? s.csrf }) },
  });

async function consoleUser(name: string, role: 'viewer' | 'privacy-officer'): Promise<string> {
  const key = await newAccessKey();
  await server.service.storage.addConsoleUser({ user_id: key.userId, name, role, key_hash: key.hash, created_ms: Date.now() });
  return key.key;
}

async function storedSubject(): Promise<string> {
  const r = receipt({ clientTime: new Date(Date.now() - 1000) });
  const res = await call(base, 'POST', '/v1/receipts', { body: r });
  expect(res.status).toBe(202);
  return r.subjectId;
}

const ROUTES: [string, string][] = [
  ['GET', '/console/api/session'],
  ['POST', '/console/api/logout'],
  ['GET', '/console/api/insights'],
  ['GET', '/console/api/audit'],
  ['GET', `/console/api/subjects/${'a'.repeat(32)}`],
  ['GET', `/console/api/subjects/${'a'.repeat(32)}/verify`],
  ['GET', `/console/api/subjects/${'a'.repeat(32)}/export`],
  ['DELETE', `/console/api/subjects/${'a'.repeat(32)}`],
  ['GET', '/console/api/accounts/acct-1/links'],
];

describe('privacy console API', () => {
  it('serves its page and files under a strict CSP, and no API route answers without a session', async () => {
    const page = await call(base, 'GET', '/console');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
    expect(String(page.body)).toContain('src="console/assets/console.js"');
    expect(String(page.body)).not.toMatch(/<script>|<style>|style=/);
    const js = await call(base, 'GET', '/console/assets/console.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);

    const subjectId = await storedSubject();
    for (const [method, path] of [...ROUTES, ['GET', `/console/api/subjects/${subjectId}`] as [string, string]]) {
      const res = await call(base, method, path, { body: method === 'DELETE' ? { confirm: subjectId } : undefined, headers: { cookie: 'assent_console=forged-or-stale' } });
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    // Nothing was erased by the attempt without a session.
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).status).toBe(200);
    // No CORS for the console: a preflight gets no allow headers.
    const preflight = await call(base, 'OPTIONS', '/console/api/login', { headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs in with the API key as privacy officer: HttpOnly, SameSite=Strict cookie, Secure behind HTTPS', async () => {
    const s = await login(KEY);
    const flags = (setCookie: string) => setCookie.split(/;\s*/).slice(1).sort();
    expect(s.setCookie).toMatch(/^assent_console=[A-Za-z0-9_-]{43};/);
    expect(flags(s.setCookie)).toEqual(['HttpOnly', 'Max-Age=28800', 'Path=/console', 'SameSite=Strict']);
    const me = await as(s, 'GET', '/console/api/session');
    expect(me.body).toMatchObject({ user: 'admin', role: 'privacy-officer', csrfToken: s.csrf });
    const https = await login(KEY, { 'x-forwarded-proto': 'https' });
    expect(flags(https.setCookie)).toEqual(['HttpOnly', 'Max-Age=28800', 'Path=/console', 'SameSite=Strict', 'Secure']);
  });

  it('refuses a state change without the session\'s CSRF token, and requests a browser marks as cross-site', async () => {
    const s = await login(KEY);
    const subjectId = await storedSubject();
    for (const csrf of [null, 'wrong', (await login(KEY)).csrf]) {
      expect((await as(s, 'DELETE', `/console/api/subjects/${subjectId}`, { body: { confirm: subjectId }, csrf })).status).toBe(403);
      expect((await as(s, 'POST', '/console/api/logout', { csrf })).status).toBe(403);
    }
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).status).toBe(200);
    const crossSite = await call(base, 'GET', '/console/api/insights', { headers: { cookie: s.cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    // Sign-in takes JSON only: a cross-site form cannot post one.
    const form = await call(base, 'POST', '/console/api/login', { raw: `key=${KEY}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    // With the token, the state change goes through.
    expect((await as(s, 'POST', '/console/api/logout')).status).toBe(204);
    expect((await as(s, 'GET', '/console/api/session')).status).toBe(401);
  });

  it('a viewer sees insights but cannot read, export or erase a subject (403 from the API), and the refusal is audited', async () => {
    const viewer = await login(await consoleUser('Vera Viewer', 'viewer'));
    expect((await as(viewer, 'GET', '/console/api/session')).body).toMatchObject({ user: 'Vera Viewer', role: 'viewer' });
    expect((await as(viewer, 'GET', '/console/api/insights')).status).toBe(200);
    const subjectId = await storedSubject();
    const erase = await as(viewer, 'DELETE', `/console/api/subjects/${subjectId}`, { body: { confirm: subjectId } });
    expect(erase.status).toBe(403);
    expect(erase.body.error).toMatch(/privacy-officer/);
    for (const path of [`/console/api/subjects/${subjectId}`, `/console/api/subjects/${subjectId}/export`, '/console/api/audit'])
      expect((await as(viewer, 'GET', path)).status).toBe(403);
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).status).toBe(200);

    const officer = await login(KEY);
    const audit = await as(officer, 'GET', '/console/api/audit');
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ actor: 'Vera Viewer', role: 'viewer', action: 'erase', outcome: 'denied', reference: null }));
  });

  it('a privacy officer opens, verifies, exports and erases a subject after typing its id; the audit log names no subject', async () => {
    const officer = await login(await consoleUser('Olga Officer', 'privacy-officer'));
    const subjectId = await storedSubject();
    const opened = await as(officer, 'GET', `/console/api/subjects/${subjectId}`);
    expect(opened.status).toBe(200);
    expect(opened.body.chain).toEqual({ valid: true, receipts: 1, problems: [] });
    expect((await as(officer, 'GET', `/console/api/subjects/${subjectId}/verify`)).body).toEqual({ valid: true, receipts: 1, problems: [] });
    const exported = await as(officer, 'GET', `/console/api/subjects/${subjectId}/export`);
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="subject-${subjectId}.json"`);
    // The existing export format: what GET /v1/subjects/:id answers.
    const v1 = await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY });
    expect({ ...exported.body, exportedAt: null }).toEqual({ ...v1.body, exportedAt: null });

    const wrong = await as(officer, 'DELETE', `/console/api/subjects/${subjectId}`, { body: { confirm: subjectId.slice(0, 31) } });
    expect(wrong.status).toBe(400);
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).status).toBe(200);
    const erased = await as(officer, 'DELETE', `/console/api/subjects/${subjectId}`, { body: { confirm: subjectId } });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, receipts: 1, links: 0 });
    expect((await call(base, 'GET', `/v1/subjects/${subjectId}`, { key: KEY })).status).toBe(404);

    const audit = (await as(officer, 'GET', '/console/api/audit')).body.entries as { actor: string; action: string; outcome: string; reference: string | null }[];
    const mine = audit.filter((e) => e.actor === 'Olga Officer').map((e) => [e.action, e.outcome, e.reference]);
    expect(mine.slice(0, 6)).toEqual([
      ['audit', 'ok', null], ['erase', 'ok', erased.body.tombstoneId], ['export', 'ok', null], ['verify', 'ok', null], ['subject', 'ok', null], ['login', 'ok', null],
    ]);
    expect(JSON.stringify(audit)).not.toContain(subjectId);
  });

  it('looks an account up through its join key', async () => {
    const officer = await login(KEY);
    const subjectId = await storedSubject();
    expect((await call(base, 'POST', '/v1/links', { key: KEY, body: { subjectId, accountId: 'acct 42/é' } })).status).toBe(201);
    const found = await as(officer, 'GET', `/console/api/accounts/${encodeURIComponent('acct 42/é')}/links`);
    expect(found.status).toBe(200);
    expect(found.body.links.map((l: { subjectId: string }) => l.subjectId)).toEqual([subjectId]);
    expect(JSON.stringify((await as(officer, 'GET', '/console/api/audit')).body)).not.toContain('acct 42');
  });

  it('limits failed sign-ins per client, then refuses even the right key until the window ends', async () => {
    // The window is 15 minutes; move into a fresh one so earlier tests' sign-ins do not count.
    offsetMs += 15 * 60_000;
    for (let i = 0; i < 5; i++) expect((await call(base, 'POST', '/console/api/login', { body: { key: `wrong-${i}` } })).status).toBe(401);
    const limited = await call(base, 'POST', '/console/api/login', { body: { key: KEY } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    offsetMs += 15 * 60_000;
    await login(KEY);
    const officer = await login(KEY);
    const failed = (await as(officer, 'GET', '/console/api/audit')).body.entries.filter((e: { action: string; outcome: string }) => e.action === 'login' && e.outcome === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed[0]).toMatchObject({ actor: '', role: null });
  });

  it('ends sessions after 30 idle minutes and after 8 hours, and when the user is disabled', async () => {
    const idle = await login(KEY);
    offsetMs += 29 * 60_000;
    expect((await as(idle, 'GET', '/console/api/session')).status).toBe(200);
    offsetMs += 29 * 60_000;
    expect((await as(idle, 'GET', '/console/api/session')).status).toBe(200);
    offsetMs += 31 * 60_000;
    expect((await as(idle, 'GET', '/console/api/session')).status).toBe(401);

    const busy = await login(KEY);
    // Active every 25 minutes for 8 h 20 min: past the 8-hour end.
    for (let i = 0; i < 10; i++) {
      offsetMs += 25 * 60_000;
      await as(busy, 'GET', '/console/api/session');
      offsetMs += 25 * 60_000;
      await as(busy, 'GET', '/console/api/session');
    }
    expect((await as(busy, 'GET', '/console/api/session')).status).toBe(401);

    const key = await consoleUser('Dan Disabled', 'viewer');
    const dan = await login(key);
    expect(await server.service.storage.disableConsoleUser('Dan Disabled', Date.now() + offsetMs)).toBe(true);
    expect((await as(dan, 'GET', '/console/api/session')).status).toBe(401);
    expect((await call(base, 'POST', '/console/api/login', { body: { key } })).status).toBe(401);
  });
});
