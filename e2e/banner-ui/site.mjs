/**
 * The banner-ui test site on 127.0.0.1: one page (a flex column body with a gap, the kind of
 * layout an extra body child would shift) with the real `assent.js` script tag under a strict
 * nonce CSP (scripts and styles), the built UI bundles beside it, and a site config whose
 * layout, language and minor flag come from the page's query string. Also launches Chromium.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, normalize } from 'node:path';
import { launchChromium } from '../support/chromium.mjs';

/** @type {Record<string, string>} */
const DIST = {
  '/dist/assent.js': 'packages/embed/dist/assent.js',
  '/dist/assent-core.js': 'packages/embed/dist/assent-core.js',
};
const UI_DIST = 'packages/embed/dist';

/** The site config of the test page; `q` may set layout, language and declaredMinor. */
/** @param {URLSearchParams} q */
export function siteConfig(q) {
  return {
    policyVersion: '2026-11',
    privacyPolicyUrl: '/privacy',
    categories: ['functional', 'analytics', 'advertising'],
    ...(q.get('language') && { language: q.get('language') }),
    ...(q.get('minor') && { declaredMinor: true }),
    ui: { layout: q.get('layout') ?? 'bar' },
    services: [
      {
        id: 'chat', name: 'Chatterbox live chat', provider: 'Chatterbox Ltd.', category: 'functional',
        purpose: 'Lets you chat with our team.', hosts: ['chat.localhost'],
        cookies: [{ name: 'chat_lang', duration: '6 months', purpose: 'Remembers the chat language.' }],
      },
      {
        id: 'metricly', name: 'Metricly analytics', provider: 'Metricly Inc.', category: 'analytics',
        purpose: 'Measures how the site is used.', hosts: ['analytics.localhost'],
        cookies: [{ name: '_mt_id', duration: '13 months', purpose: 'Distinguishes visitors.' }],
      },
      {
        id: 'adreach', name: 'AdReach pixel', provider: 'AdReach Networks', category: 'advertising',
        purpose: 'Personalises ads.', hosts: ['ads.localhost'], saleOrShare: true,
        cookies: [{ name: 'ar_id', duration: '90 days', purpose: 'Identifies the browser to ad partners.' }],
      },
    ],
  };
}

/** @param {URLSearchParams} q @param {string} nonce */
function page(q, nonce) {
  const region = q.get('region');
  const cfg = `/site.json?${q.toString()}`;
  return `<!doctype html><html lang="${q.get('lang') ?? 'en'}"><head><meta charset="utf-8"><title>Vocaro test page</title>
<style nonce="${nonce}">body{display:flex;flex-direction:column;gap:16px}</style>
<script nonce="${nonce}" src="/dist/assent.js" data-assent-config="${cfg.replaceAll('&', '&amp;')}"${region ? ` data-assent-region="${region}"` : ''} async></script>
</head><body>
<header><h1>Vocaro</h1><nav><a href="/pricing">Pricing</a></nav></header>
<main><p>Voice, video and messaging APIs for every customer conversation.</p><button type="button">Start free trial</button></main>
<footer><a href="#" data-assent-open="preferences">Cookie preferences</a></footer>
</body></html>`;
}

export async function startSite() {
  /** @type {string[]} */
  const hits = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(url.pathname);
    const js = (/** @type {string} */ file) =>
      readFile(file).then(
        (b) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(b),
        () => res.writeHead(404).end(),
      );
    if (DIST[url.pathname]) return void (await js(DIST[url.pathname]));
    if (url.pathname.startsWith('/dist/')) {
      const rel = normalize(url.pathname.slice('/dist/'.length));
      if (rel.startsWith('..')) return void res.writeHead(400).end();
      return void (await js(join(UI_DIST, rel)));
    }
    if (url.pathname === '/site.json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(siteConfig(url.searchParams)));
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname !== '/') return void res.writeHead(404).end('not found');
    const nonce = randomBytes(12).toString('base64');
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Strict: no inline script or style without the nonce, nothing from elsewhere.
        'content-security-policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'`,
      })
      .end(page(url.searchParams, nonce));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

/** @param {{ colorScheme?: 'light' | 'dark' }} [options] */
export async function launch(options = {}) {
  return launchChromium({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
}

/** A fresh page whose console errors (CSP violations among them) and page errors are collected. */
/** @param {{ context: import('playwright-core').BrowserContext }} b @param {string} url @param {() => void} [init] */
export async function openPage(b, url, init) {
  const page = await b.context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, errors };
}
