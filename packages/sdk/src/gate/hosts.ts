import type { ServiceConfig } from '../config/types.js';

/**
 * Whether a host pattern matches a parsed URL. A pattern is a host (`ads.example.com`,
 * `*.example.com`, `host:port`; lower case, as the config validator requires), optionally
 * followed by a path prefix (`www.googletagmanager.com/gtag/js`) and one query parameter prefix
 * (`www.googletagmanager.com/gtag/js?id=AW-`). `*.example.com` covers example.com and its
 * subdomains. A path prefix matches whole segments: `/gtag/js` covers `/gtag/js` and
 * `/gtag/js/x`, not `/gtag/jsx`. Everything is decided on the parsed URL, never on its spelling.
 */
export function hostMatches(pattern: string, url: URL): boolean {
  const cut = pattern.search(/[/?]|$/);
  const host = pattern.slice(0, cut);
  // Path and query parsed as a URL, so they compare normalised. (Not the host: Chromium
  // percent-encodes the `*` of a wildcard host.)
  const rest = new URL(pattern.slice(cut), 'http://h');
  const [query] = rest.searchParams;
  const target = host.includes(':') ? url.host : url.hostname;
  return (
    (host.startsWith('*.') ? `.${target}`.endsWith(host.slice(1)) : target === host) &&
    // Whole segments: `/gtag/js` covers `/gtag/js` and `/gtag/js/…`, not `/gtag/jsx`.
    `${url.pathname}/`.startsWith(`${rest.pathname}/`.replace('//', '/')) &&
    (!query || !!url.searchParams.get(query[0])?.startsWith(query[1]))
  );
}

/** `raw` resolved against `base` when it is an http(s) URL; malformed URLs and other schemes give `undefined`, never a throw. */
export function httpUrl(raw: string | null | undefined, base: string): URL | undefined {
  try {
    const url = new URL(raw!, base);
    return raw && /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entry whose host patterns match a parsed URL most specifically (the longest matching
 * pattern: an exact host over a wildcard, a host + path over the host alone), the first listed
 * on a tie; `undefined` when none matches.
 */
export function bestMatch<T extends { hosts: readonly string[] }>(url: URL, entries: Iterable<T>): T | undefined {
  let best: T | undefined;
  let score = -1;
  for (const e of entries)
    for (const h of e.hosts)
      if (h.length > score && hostMatches(h, url)) {
        best = e;
        score = h.length;
      }
  return best;
}

/** The configured service a parsed URL loads from, or `undefined`. */
export const serviceAt = (url: URL, services: readonly ServiceConfig[]): ServiceConfig | undefined => bestMatch(url, services);

/** Converts a cookie name with `*` wildcards to an anchored pattern. */
export function cookiePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
