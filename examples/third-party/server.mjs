// The fake third-party origin of the demo: one HTTP server that answers as every vendor, chosen
// by the Host header: the demo's own four (analytics.localhost, ads.localhost, video.localhost,
// chat.localhost), and real vendors under `<real host>.localhost` (connect.facebook.net.localhost,
// www.googletagmanager.com.localhost, …: see vendors.mjs), among them a tag manager container.
// Chromium resolves *.localhost to loopback, so the browser sees distinct origins, and every
// request is logged: "nothing loads before consent" becomes observable.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { FAKE_VENDOR_HOSTS, fakeVendorAnswer, realVendorHost } from './vendors.mjs';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));

/** The demo's own vendor host names. */
export const DEMO_VENDOR_HOSTS = Object.freeze(['analytics.localhost', 'ads.localhost', 'video.localhost', 'chat.localhost']);

/** Every vendor host name this server answers for: the demo's own, and real vendors' under `.localhost`. */
export const THIRD_PARTY_HOSTS = Object.freeze([...DEMO_VENDOR_HOSTS, ...FAKE_VENDOR_HOSTS.map((h) => `${h}.localhost`)]);

const TYPES = { js: 'text/javascript; charset=utf-8', html: 'text/html; charset=utf-8', gif: 'image/gif', json: 'application/json; charset=utf-8' };

// A transparent 1×1 GIF: what tracking pixels answer.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Static files per vendor host: path -> [file under public/, content type key]. */
const FILES = {
  'analytics.localhost': { '/tag.js': ['analytics-tag.js', 'js'] },
  'ads.localhost': { '/pixel.js': ['ads-pixel.js', 'js'] },
  'video.localhost': { '/embed': ['video-embed.html', 'html'] },
  'chat.localhost': { '/widget.js': ['chat-widget.js', 'js'] },
};

/** Canned chat answers, so the widget does something a visitor can see. */
const CHAT_GREETINGS = { en: 'Hi! How can we help you today?', fr: 'Bonjour ! Comment pouvons-nous vous aider ?', pt: 'Olá! Como podemos ajudar?', vi: 'Xin chào! Chúng tôi có thể giúp gì?' };

function baseHeaders(type) {
  return {
    'content-type': TYPES[type],
    'cache-control': 'no-store',
    // Vendor scripts and their APIs are fetched cross-origin by the demo pages.
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
}

function send(res, status, type, body) {
  res.writeHead(status, baseHeaders(type));
  res.end(body);
}

function readBody(req, limit = 16_384) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Host header without the port, lowercased; `null` when absent. */
function hostOf(req) {
  const h = req.headers.host;
  return h ? h.replace(/:\d+$/, '').toLowerCase() : null;
}

async function handleChatApi(req, res, path, query) {
  if (path === '/api/greeting' && req.method === 'GET') {
    const lang = (query.get('lang') ?? 'en').slice(0, 2).toLowerCase();
    return send(res, 200, 'json', JSON.stringify({ text: CHAT_GREETINGS[lang] ?? CHAT_GREETINGS.en }));
  }
  if (path === '/api/messages' && req.method === 'POST') {
    let text = '';
    try {
      text = String(JSON.parse(await readBody(req)).text ?? '');
    } catch {
      return send(res, 400, 'json', JSON.stringify({ error: 'expected JSON {"text": "…"}' }));
    }
    const reply = text.trim() ? `Thanks, an agent will answer "${text.trim().slice(0, 80)}" shortly.` : 'Type a message first.';
    return send(res, 200, 'json', JSON.stringify({ id: randomUUID(), text: reply }));
  }
  return false;
}

function handleIndex(res, log) {
  // The bare origin (127.0.0.1:port) lists what it serves and exposes the request log.
  send(res, 200, 'json', JSON.stringify({ hosts: THIRD_PARTY_HOSTS, requests: log }, null, 2));
}

/**
 * Starts the fake third-party origin.
 * @param {{ port?: number, host?: string }} [options] port 0 picks a free one.
 * @returns {Promise<import('./server.d.mts').ThirdPartyServer>}
 */
export async function startThirdParty({ port = 4175, host = '127.0.0.1' } = {}) {
  /** @type {import('./server.d.mts').ThirdPartyRequest[]} */
  const requests = [];

  const server = createServer(async (req, res) => {
    const vendor = hostOf(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const isVendor = vendor !== null && THIRD_PARTY_HOSTS.includes(vendor);
    if (!isVendor) {
      if (path === '/' || path === '/requests') return handleIndex(res, requests);
      return send(res, 404, 'json', JSON.stringify({ error: 'unknown host; use one of ' + THIRD_PARTY_HOSTS.join(', ') }));
    }
    requests.push({ host: vendor, method: req.method ?? 'GET', path, query: url.search, time: Date.now(), referer: req.headers.referer ?? null });

    try {
      const real = realVendorHost(vendor);
      if (real) {
        const answer = await fakeVendorAnswer(real, path, req.method ?? 'GET');
        res.writeHead(answer.status, answer.headers);
        return res.end(answer.body);
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...baseHeaders('json'), 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' });
        return res.end();
      }
      const file = FILES[vendor]?.[path];
      if (file && req.method === 'GET') return send(res, 200, file[1], await readFile(publicDir + file[0]));
      if ((vendor === 'analytics.localhost' && path === '/collect') || (vendor === 'ads.localhost' && path === '/px.gif')) {
        return send(res, 200, 'gif', PIXEL);
      }
      if (vendor === 'chat.localhost' && (await handleChatApi(req, res, path, url.searchParams)) !== false) return;
      send(res, 404, 'json', JSON.stringify({ error: `not found: ${vendor}${path}` }));
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'json', JSON.stringify({ error: String(err && err.message) }));
      else res.end();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    vendorUrl: (vendorHost) => `http://${vendorHost}:${actualPort}`,
    requests,
    list: (filter = {}) =>
      requests.filter((r) => (filter.host ? r.host === filter.host : true) && (filter.since ? r.time >= filter.since : true)),
    clear: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
