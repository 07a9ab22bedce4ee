/**
 * A small test site on 127.0.0.1: serves fixture pages (HTML built by the test), the built
 * bundles under /assent/, and a stub UI. Pages can be served with a strict nonce CSP, and CSP
 * violation reports are collected.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** The script-tag files of one build, served from /assent/ (a language file as /assent/i18n/<lang>.js). */
const DIST = 'packages/embed/dist';
const bundleFile = (path: string) => (/^\/assent\/(?:[a-zA-Z.-]+\.js|i18n\/[a-zA-Z-]+\.js)$/.test(path) ? `${DIST}/${path.slice('/assent/'.length)}` : undefined);

/** Dialogs that draw nothing and remember what was opened: for tests of the core alone. */
const STUB_UI = 'window.AssentUI={renderDialog:function(h,v){if(v)window.__dialog=v},css:""};';

export interface PageSpec {
  /** Body HTML; `{{nonce}}` is replaced by the response's nonce. */
  body: string;
  head?: string;
  /** Send `Content-Security-Policy: script-src 'self' 'nonce-…' <hosts>`. */
  csp?: string[];
}

export interface SiteServer {
  url: string;
  pages: Map<string, PageSpec | ((query: URLSearchParams) => PageSpec)>;
  json: Map<string, { status?: number; body: string; delayMs?: number }>;
  cspReports: string[];
  hits: string[];
  close(): Promise<void>;
}

export async function startSite(): Promise<SiteServer> {
  const pages: SiteServer['pages'] = new Map();
  const json: SiteServer['json'] = new Map();
  const cspReports: string[] = [];
  const hits: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/csp-report') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        cspReports.push(body);
        res.writeHead(204).end();
      });
      return;
    }
    if (url.pathname === '/stub-ui.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB_UI);
    const bundle = bundleFile(url.pathname);
    if (bundle) {
      try {
        return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(bundle));
      } catch {
        return void res.writeHead(404).end();
      }
    }
    const j = json.get(url.pathname);
    if (j) {
      if (j.delayMs) await new Promise((r) => setTimeout(r, j.delayMs));
      return void res
        .writeHead(j.status ?? 200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        .end(j.body);
    }
    const entry = pages.get(url.pathname);
    if (!entry) return void res.writeHead(404).end('not found');
    const spec = typeof entry === 'function' ? entry(url.searchParams) : entry;
    const nonce = randomBytes(12).toString('base64');
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (spec.csp)
      headers['content-security-policy'] = `script-src 'self' 'nonce-${nonce}' ${spec.csp.join(' ')}; report-uri /csp-report`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${spec.head ?? ''}</head><body>${spec.body}</body></html>`;
    res.writeHead(200, headers).end(html.replaceAll('{{nonce}}', nonce));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pages,
    json,
    cspReports,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The script tag of the core; `config` is inline JSON or a URL. */
export function assentTag(config: unknown, attrs: Record<string, string> = {}): string {
  const cfg = typeof config === 'string' ? config : JSON.stringify(config);
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}="${v}"`).join('');
  return `<script src="/assent/assent.js" nonce="{{nonce}}" data-assent-config='${cfg.replace(/'/g, '&#39;')}'${extra}></script>`;
}
