// The demo marketing site: plain node:http, one process, pages rendered from templates.
// It plays the edge: `?region=` (remembered in a demo cookie) fills data-assent-region. Every
// response carries a strict Content-Security-Policy with a fresh nonce, so the demo also proves
// Assent works without 'unsafe-inline'.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { closeServer, listen, makeNonce, parseCookies, sendFile, sendHtml, sendJson, sendText } from '../shared/http.mjs';
import { resolveDemoRegion } from '../shared/regions.mjs';
import { demoSiteConfig } from '../shared/site-config.mjs';
import { loadConsentCookieReader } from '../shared/consent-reader.mjs';
import { blogPostPage, homePage, inspectPage, layout, notFoundPage, pricingPage, privacyPage, productPage, tagManagerNoscript, tagManagerPage, tagManagerSnippet } from './pages.mjs';
import { html } from '../shared/html.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..', '..');
const PUBLIC_DIR = join(here, 'public');
/** Where `/assent/*` files come from: the SDK's script-tag bundle, then the banner UI's files. */
const ASSENT_DIRS = [join(repoRoot, 'packages', 'embed', 'dist')];

/** Resolves `name` under `dir`, or null if it would escape it. */
function inside(dir, name) {
  const file = normalize(join(dir, name));
  return file.startsWith(dir + sep) ? file : null;
}

function csp(nonce, vendorOrigins, serverSyncUrl) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${vendorOrigins}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: ${vendorOrigins}`,
    `connect-src 'self' ${serverSyncUrl} ${vendorOrigins}`,
    `frame-src ${vendorOrigins}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const PAGES = {
  '/': { title: 'Customer communications platform', render: homePage },
  '/product': { title: 'Product', render: productPage },
  '/pricing': { title: 'Pricing', render: pricingPage },
  '/blog/support-at-the-speed-of-video': { title: 'Support at the speed of video', render: blogPostPage },
  '/privacy': { title: 'Privacy statement', render: privacyPage },
  '/tag-manager': { title: 'Tag manager', render: tagManagerPage, tagManager: true },
  '/inspect': { title: 'Inspect consent', render: inspectPage, script: '/static/inspect.js' },
};

/**
 * Starts the marketing site.
 * @param {import('./server.d.mts').MarketingSiteOptions} [options]
 * @returns {Promise<import('./server.d.mts').RunningSite>}
 */
export async function startMarketingSite(options = {}) {
  const {
    port = 4173,
    host = '127.0.0.1',
    thirdPartyPort = 4175,
    serverSyncUrl = 'http://127.0.0.1:8787',
    apiKey = 'demo-admin-key',
    portalUrl = 'http://127.0.0.1:4174',
  } = options;
  const thirdPartyUrl = options.thirdPartyUrl ?? `http://127.0.0.1:${thirdPartyPort}`;
  const vendors = (vendorHost) => `http://${vendorHost}:${thirdPartyPort}`;
  const vendorOrigins = `http://*.localhost:${thirdPartyPort}`;
  const readConsent = await loadConsentCookieReader();

  let origin = '';
  const config = () => demoSiteConfig({ serverSyncUrl, privacyPolicyUrl: `${origin}/privacy` });

  async function proxySubject(req, res) {
    // The browser never sees the API key: this back end reads the visitor's own subject id from
    // the consent cookie and asks server-sync for that subject only.
    if (!readConsent) return sendJson(res, 503, { error: 'consent cookie reader not built: run `pnpm exec rollup -c`' });
    const record = readConsent(req.headers.cookie);
    if (!record) return sendJson(res, 200, { subjectId: null, subject: null });
    try {
      const upstream = await fetch(`${serverSyncUrl}/v1/subjects/${encodeURIComponent(record.subjectId)}`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(3000),
      });
      const body = await upstream.json().catch(() => null);
      return sendJson(res, 200, { subjectId: record.subjectId, status: upstream.status, subject: body });
    } catch (err) {
      return sendJson(res, 502, { subjectId: record.subjectId, error: `server-sync unreachable at ${serverSyncUrl}: ${err.message}` });
    }
  }

  async function proxyThirdParty(res) {
    try {
      const upstream = await fetch(`${thirdPartyUrl}/requests`, { signal: AbortSignal.timeout(2000) });
      const body = await upstream.json();
      return sendJson(res, 200, { requests: body.requests.slice(-30).reverse() });
    } catch (err) {
      return sendJson(res, 502, { error: `third-party origin unreachable at ${thirdPartyUrl}: ${err.message}` });
    }
  }

  async function serveAssent(res, name) {
    for (const dir of ASSENT_DIRS) {
      const file = inside(dir, name);
      if (file && (await sendFile(res, file))) return;
    }
    sendText(res, 404, 'text/plain; charset=utf-8', `/assent/${name} is not built yet: run \`pnpm exec rollup -c\``);
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://site');
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      if (path === '/site.json') return sendJson(res, 200, config());
      if (path === '/api/subject') return await proxySubject(req, res);
      if (path === '/api/third-party-requests') return await proxyThirdParty(res);
      if (path === '/favicon.ico') return sendText(res, 204, 'image/x-icon', '');
      if (path.startsWith('/assent/')) return await serveAssent(res, path.slice('/assent/'.length));
      if (path.startsWith('/static/')) {
        const file = inside(PUBLIC_DIR, path.slice('/static/'.length));
        if (file && (await sendFile(res, file))) return;
        return sendText(res, 404, 'text/plain; charset=utf-8', 'not found');
      }
      const page = PAGES[path];
      const { region, setCookie } = resolveDemoRegion(url, parseCookies(req.headers.cookie));
      const nonce = makeNonce();
      const body = page
        ? page.render({ videoUrl: `${vendors('video.localhost')}/embed`, config: config() })
        : notFoundPage();
      const container = vendors('www.googletagmanager.com.localhost');
      const doc = layout({
        title: page?.title ?? 'Not found',
        path,
        region,
        nonce,
        vendors,
        portalUrl,
        body,
        ...(page?.tagManager && { head: tagManagerSnippet(container, nonce), bodyStart: tagManagerNoscript(container) }),
        scripts: page?.script ? html`<script src="${page.script}" nonce="${nonce}" defer></script>` : undefined,
      });
      const headers = { 'content-security-policy': csp(nonce, vendorOrigins, serverSyncUrl) };
      if (setCookie) headers['set-cookie'] = setCookie;
      return sendHtml(res, page ? 200 : 404, doc, headers);
    } catch (err) {
      if (!res.headersSent) sendJson(res, err.status ?? 500, { error: err.message });
      else res.end();
    }
  });

  const actualPort = await listen(server, port, host);
  origin = `http://${host}:${actualPort}`;
  return { url: origin, port: actualPort, close: () => closeServer(server) };
}
