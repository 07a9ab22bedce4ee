// The UI benchmark's loopback HTTP server: the test page per library, the libraries' files (no
// CDN), the hero image, the gated analytics script, and a stand-in for server-sync's region and
// receipts endpoints. Text is gzipped at level 9 (as `pnpm size` counts it). No delay is added here:
// latency and bandwidth come from Chromium's network emulation.
//
// HTTP cache headers (what a returning visit can reuse), as a CDN or a site would send them:
// - versioned URLs (a version in the path, `?v=` in the query, or a content hash in the file
//   name): `public, max-age=31536000, immutable`;
// - stable URLs of static files (Assent's `assent.js` and `i18n/<lang>.js`, a config URL, the
//   vendor's analytics script, the image): `public, max-age=600` with an ETag (304 on revalidation);
// - the pages: `no-cache` (always revalidated); server-sync's endpoints: `no-store`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extname, join } from 'node:path';
import { ANALYTICS_JS, ANALYTICS_PATH, heroPng, pageHtml } from './page.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.png': 'image/png', '.html': 'text/html; charset=utf-8' };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=600';

const isVersioned = (url) => url.searchParams.has('v') || /@\d/.test(url.pathname) || /-[A-Za-z0-9_-]{8}\.js$/.test(url.pathname);

/** A response body as served: gzipped when it is text, with its ETag. */
function entity(raw, type) {
  const text = !type.startsWith('image/');
  const body = text ? gzipSync(raw, { level: 9 }) : raw;
  return { body, type, gzip: text, etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"` };
}

/**
 * @param {Array<object>} libraries  from libraries.mjs
 * @returns {Promise<{ origin: string, pageUrl(lib, kind): string, close(): Promise<void> }>}
 */
export async function startServer(libraries) {
  const byId = new Map(libraries.map((l) => [l.id, l]));
  const statics = new Map();
  statics.set('/img/hero.png', entity(heroPng(), 'image/png'));
  statics.set(ANALYTICS_PATH, entity(Buffer.from(ANALYTICS_JS), TYPES['.js']));
  for (const lib of libraries)
    for (const [path, file] of Object.entries(lib.files ?? {})) statics.set(path, entity(await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream'));
  const mounts = libraries.flatMap((l) => l.mounts ?? []);
  const mounted = new Map(); // path -> entity | null, read on first request

  async function fromMount(path) {
    if (mounted.has(path)) return mounted.get(path);
    let found = null;
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    const rest = mount && decodeURIComponent(path.slice(mount.prefix.length));
    if (mount && rest && !rest.split('/').includes('..'))
      for (const dir of mount.dirs) {
        const raw = await readFile(join(dir, rest)).catch(() => null);
        if (raw) {
          found = entity(raw, TYPES[extname(rest)] ?? 'application/octet-stream');
          break;
        }
      }
    mounted.set(path, found);
    return found;
  }

  let origin = '';
  const send = (req, res, e, cache) => {
    const headers = { 'content-type': e.type, 'cache-control': cache, etag: e.etag, vary: 'accept-encoding' };
    if (req.headers['if-none-match'] === e.etag) return res.writeHead(304, headers).end();
    if (e.gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : e.body);
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      const path = url.pathname;
      if (path === '/v1/region') return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"region":"FR"}');
      if (path === '/v1/receipts' && req.method === 'POST') {
        let n = 0;
        for await (const chunk of req) n += chunk.length;
        return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ accepted: n ? 1 : 0, duplicates: 0 }));
      }
      const page = /^\/page\/([\w-]+)\/(hero|sparse)$/.exec(path);
      if (page && byId.has(page[1]))
        return send(req, res, entity(Buffer.from(pageHtml(byId.get(page[1]).markup(origin), page[2])), TYPES['.html']), 'no-cache');
      for (const lib of libraries) {
        const route = lib.routes?.[path];
        if (route) {
          const r = route(origin);
          return send(req, res, entity(Buffer.from(r.body), r.type), SHORT);
        }
      }
      const e = statics.get(path) ?? (await fromMount(path));
      if (e) return send(req, res, e, isVersioned(url) ? IMMUTABLE : SHORT);
      if (path === '/favicon.ico') return res.writeHead(204, { 'cache-control': IMMUTABLE }).end();
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    pageUrl: (lib, kind = 'hero') => `${origin}/page/${lib.id}/${kind}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
