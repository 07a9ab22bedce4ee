// The fake vendors behind real vendor hosts: which file or answer stands in for each URL a
// vendor's published snippet, or a tag manager, loads. One table for two places:
// - the demo's third-party origin answers `<real host>.localhost` (Chromium resolves every
//   `*.localhost` name to loopback), e.g. `connect.facebook.net.localhost`;
// - the browser tests route the real hosts (`connect.facebook.net`) to the same answers.
// The fake scripts find their siblings the same way: `<host>.localhost:<port>` when they were
// served from a `.localhost` host, `https://<host>` otherwise.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));

// A transparent 1×1 GIF: what tracking pixels answer.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const TYPES = {
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  gif: 'image/gif',
  json: 'application/json; charset=utf-8',
};

/**
 * What answers each vendor URL, first match wins. `file` is under public/; `answer` is a beacon
 * endpoint's reply. `vendor` names the vendor for logs and tests (the preset id it will have).
 * @type {ReadonlyArray<{ host: string, path: RegExp, vendor: string, file?: string, answer?: 'pixel' | 'no-content' | 'json' }>}
 */
export const FAKE_VENDOR_ROUTES = Object.freeze([
  { host: 'www.googletagmanager.com', path: /^\/gtm\.js$/, vendor: 'google-tag-manager', file: 'tag-manager/container.js' },
  { host: 'www.googletagmanager.com', path: /^\/ns\.html$/, vendor: 'google-tag-manager', file: 'vendors/empty.html' },
  { host: 'www.googletagmanager.com', path: /^\/gtag\/js$/, vendor: 'google-analytics', file: 'vendors/google-gtag.js' },
  { host: 'www.google-analytics.com', path: /^\/g\/collect$/, vendor: 'google-analytics', answer: 'no-content' },
  { host: 'region1.google-analytics.com', path: /^\/g\/collect$/, vendor: 'google-analytics', answer: 'no-content' },
  { host: 'connect.facebook.net', path: /^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/, vendor: 'meta-pixel', file: 'vendors/meta-fbevents.js' },
  { host: 'www.facebook.com', path: /^\/tr\/?$/, vendor: 'meta-pixel', answer: 'pixel' },
  { host: 'snap.licdn.com', path: /^\/li\.lms-analytics\/insight\.min\.js$/, vendor: 'linkedin-insight', file: 'vendors/linkedin-insight.js' },
  { host: 'px.ads.linkedin.com', path: /^\/collect\/?$/, vendor: 'linkedin-insight', answer: 'pixel' },
  { host: 'static.hotjar.com', path: /^\/c\/hotjar-\d+\.js$/, vendor: 'hotjar', file: 'vendors/hotjar.js' },
  { host: 'in.hotjar.com', path: /^\/api\//, vendor: 'hotjar', answer: 'no-content' },
  { host: 'js.hs-scripts.com', path: /^\/\d+\.js$/, vendor: 'hubspot', file: 'vendors/hubspot-loader.js' },
  { host: 'js.hs-analytics.net', path: /^\/analytics\/\d+\/\d+\.js$/, vendor: 'hubspot', file: 'vendors/hubspot-analytics.js' },
  { host: 'track.hubspot.com', path: /^\/__ptq\.gif$/, vendor: 'hubspot', answer: 'pixel' },
  { host: 'widget.intercom.io', path: /^\/widget\/[\w-]+$/, vendor: 'intercom', file: 'vendors/intercom-widget.js' },
  { host: 'api-iam.intercom.io', path: /^\/messenger\/web\/ping$/, vendor: 'intercom', answer: 'json' },
  { host: 'www.youtube.com', path: /^\/embed\/[\w-]+$/, vendor: 'youtube', file: 'vendors/youtube-embed.html' },
  { host: 'player.vimeo.com', path: /^\/video\/\d+$/, vendor: 'vimeo', file: 'vendors/vimeo-player.html' },
  { host: 'player.vimeo.com', path: /^\/api\/player\.js$/, vendor: 'vimeo', file: 'vendors/vimeo-player-api.js' },
]);

/** Every real host a fake vendor answers for. */
export const FAKE_VENDOR_HOSTS = Object.freeze([...new Set(FAKE_VENDOR_ROUTES.map((r) => r.host))]);

/** The real host behind a demo host (`connect.facebook.net.localhost` → `connect.facebook.net`), or null. */
export function realVendorHost(host) {
  const real = host.endsWith('.localhost') ? host.slice(0, -'.localhost'.length) : host;
  return FAKE_VENDOR_HOSTS.includes(real) ? real : null;
}

/** The fake vendor that answers a real host and path, or undefined. */
export const fakeVendorRoute = (host, path) => FAKE_VENDOR_ROUTES.find((r) => r.host === host && r.path.test(path));

/** Headers every fake vendor answer carries: no caching, readable cross-origin. */
const HEADERS = { 'cache-control': 'no-store', 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' };

/**
 * The answer of the fake vendor at a real host and path.
 * @param {string} host real host, e.g. `connect.facebook.net`
 * @param {string} path path without the query string
 * @param {string} method
 * @returns {Promise<{ status: number, headers: Record<string, string>, body: Buffer | string }>}
 */
export async function fakeVendorAnswer(host, path, method) {
  const route = fakeVendorRoute(host, path);
  if (method === 'OPTIONS')
    return { status: 204, headers: { ...HEADERS, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' }, body: '' };
  if (!route) return { status: 404, headers: { ...HEADERS, 'content-type': TYPES.json }, body: JSON.stringify({ error: `no fake vendor at ${host}${path}` }) };
  if (route.file) {
    const type = route.file.endsWith('.html') ? TYPES.html : TYPES.js;
    return { status: 200, headers: { ...HEADERS, 'content-type': type }, body: await readFile(publicDir + route.file) };
  }
  if (route.answer === 'pixel') return { status: 200, headers: { ...HEADERS, 'content-type': TYPES.gif }, body: PIXEL };
  if (route.answer === 'json') return { status: 200, headers: { ...HEADERS, 'content-type': TYPES.json }, body: '{"ok":true}' };
  return { status: 204, headers: HEADERS, body: '' };
}
