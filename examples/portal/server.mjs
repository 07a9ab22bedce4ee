// The Portal demo back end: serves the Portal app (examples/portal/dist/app.js, built by
// examples/build.mjs) and a fake login. After login it reads the consent subject from the
// consent cookie the marketing site set (same host, so the same cookie) and asks server-sync to
// link it to the account; server-sync alone decides whether consent permits it.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { closeServer, listen, makeNonce, parseCookies, readBody, sendFile, sendHtml, sendJson, sendText } from '../shared/http.mjs';
import { SafeHtml, html } from '../shared/html.mjs';
import { REGION_COOKIE, normaliseRegion } from '../shared/regions.mjs';
import { demoSiteConfig } from '../shared/site-config.mjs';
import { loadConsentCookieReader } from '../shared/consent-reader.mjs';
import { linkClient } from './link-client.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const APP = join(here, 'dist', 'app.js');
const PUBLIC_DIR = join(here, 'public');
const SESSION_COOKIE = 'portal_session';
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,185}\.[a-z]{2,24}$/i;

/** A stable pseudonymous account id per email, as a real Portal's user id would be. */
const accountIdFor = (email) => 'acct_' + createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 20);

/** JSON for a `<script type="application/json">` block: raw text, so `<` is escaped as `\u003c`, not as an entity. */
const bootJson = (value) => new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c'));

function shell({ nonce, boot, appBuilt }) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vocaro Portal</title>
<link rel="stylesheet" href="/static/portal.css">
<script type="application/json" id="portal-boot" nonce="${nonce}">${bootJson(boot)}</script>
${appBuilt ? html`<script type="module" src="/app.js" nonce="${nonce}"></script>` : ''}
</head>
<body>
<header class="topbar"><a class="brand" href="/"><span class="brand__mark" aria-hidden="true">V</span> Vocaro Portal</a><a class="topbar__link" href="${boot.marketingUrl}">vocaro.example (marketing site)</a></header>
<main id="app" class="app">${appBuilt ? html`<p>Loading…</p>` : html`<p role="alert">The Portal app is not built yet: run <code>pnpm exec rollup -c</code>.</p>`}</main>
</body>
</html>`;
}

function csp(nonce, serverSyncUrl, vendorOrigins) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: ${vendorOrigins}`,
    `connect-src 'self' ${serverSyncUrl}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Starts the Portal demo.
 * @param {import('./server.d.mts').PortalOptions} [options]
 * @returns {Promise<import('./server.d.mts').RunningPortal>}
 */
export async function startPortal(options = {}) {
  const {
    port = 4174,
    host = '127.0.0.1',
    serverSyncUrl = 'http://127.0.0.1:8787',
    apiKey = 'demo-admin-key',
    marketingUrl = 'http://127.0.0.1:4173',
    thirdPartyPort = 4175,
  } = options;
  const readConsent = await loadConsentCookieReader();
  const links = linkClient({ serverSyncUrl, apiKey });
  /** @type {Map<string, { email: string, accountId: string, lastLink: import('./link-client.mjs').LinkOutcome | null }>} */
  const sessions = new Map();

  const sessionOf = (req) => {
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return id ? sessions.get(id) ?? null : null;
  };

  /** Links the visitor's consent subject (from the shared cookie) to the session's account. */
  async function attemptLink(req, session) {
    if (!readConsent) return { status: 'error', message: 'consent cookie reader not built: run `pnpm exec rollup -c`' };
    const record = readConsent(req.headers.cookie);
    // No (valid) consent cookie: there is no subject to link; server-sync would say the same.
    const outcome = record ? await links.link(record.subjectId, session.accountId) : { status: 'refused', reason: 'subject_unknown' };
    session.lastLink = outcome;
    return outcome;
  }

  const publicSession = (s) => (s ? { email: s.email, accountId: s.accountId, lastLink: s.lastLink } : null);

  async function api(req, res, path) {
    if (path === '/api/login' && req.method === 'POST') {
      let email = '';
      try {
        email = String(JSON.parse(await readBody(req, 4096)).email ?? '').trim();
      } catch {
        return sendJson(res, 400, { error: 'expected JSON {"email": "…"}' });
      }
      if (!EMAIL.test(email)) return sendJson(res, 400, { error: 'enter a valid email address' });
      const id = randomBytes(18).toString('base64url');
      const session = { email, accountId: accountIdFor(email), lastLink: null };
      sessions.set(id, session);
      const link = await attemptLink(req, session);
      return sendJson(res, 200, { session: publicSession(session), link }, {
        'set-cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 8}`,
      });
    }
    const session = sessionOf(req);
    if (path === '/api/session' && req.method === 'GET') return sendJson(res, 200, { session: publicSession(session) });
    if (!session) return sendJson(res, 401, { error: 'not logged in' });
    if (path === '/api/link' && req.method === 'POST') return sendJson(res, 200, { link: await attemptLink(req, session) });
    if (path === '/api/links' && req.method === 'GET') return sendJson(res, 200, await links.activeLinks(session.accountId));
    if (path === '/api/logout' && req.method === 'POST') {
      const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      if (id) sessions.delete(id);
      return sendJson(res, 200, { session: null }, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
    }
    return sendJson(res, 404, { error: 'not found' });
  }

  let origin = '';
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://portal');
      const path = url.pathname;
      if (path.startsWith('/api/')) return await api(req, res, path);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      if (path === '/site.json') return sendJson(res, 200, demoSiteConfig({ serverSyncUrl, privacyPolicyUrl: `${marketingUrl}/privacy` }));
      if (path === '/app.js' || path === '/app.js.map' || /^\/chunks\/[\w.-]+\.js(\.map)?$/.test(path)) {
        if (await sendFile(res, join(here, 'dist', path.slice(1)))) return;
        return sendText(res, 404, 'text/plain; charset=utf-8', 'Portal app not built: run `pnpm exec rollup -c`');
      }
      if (path.startsWith('/static/') && !path.includes('..')) {
        if (await sendFile(res, join(PUBLIC_DIR, path.slice('/static/'.length)))) return;
      }
      if (path === '/favicon.ico') return sendText(res, 204, 'image/x-icon', '');
      if (path !== '/') return sendText(res, 404, 'text/plain; charset=utf-8', 'not found');
      const nonce = makeNonce();
      // Same demo region cookie as the marketing site (cookies are not port-isolated).
      const region = normaliseRegion(parseCookies(req.headers.cookie).get(REGION_COOKIE));
      const boot = { region, marketingUrl, origin, analyticsUrl: `http://analytics.localhost:${thirdPartyPort}` };
      return sendHtml(res, 200, shell({ nonce, boot, appBuilt: existsSync(APP) }), {
        'content-security-policy': csp(nonce, serverSyncUrl, `http://*.localhost:${thirdPartyPort}`),
      });
    } catch (err) {
      if (!res.headersSent) sendJson(res, err.status ?? 500, { error: err.message });
      else res.end();
    }
  });

  const actualPort = await listen(server, port, host);
  origin = `http://${host}:${actualPort}`;
  return { url: origin, port: actualPort, close: () => closeServer(server) };
}
