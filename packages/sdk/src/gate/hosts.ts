import type { ServiceConfig } from '../config/types.js';

/** Whether a host pattern (`ads.example.com`, `*.example.com`, `host:port`) matches a URL. */
function hostMatches(pattern: string, url: URL): boolean {
  const p = pattern.toLowerCase();
  const target = p.includes(':') ? url.host : url.hostname;
  if (p.startsWith('*.')) return target === p.slice(2) || target.endsWith(p.slice(1));
  return target === p;
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

/** The configured service a parsed URL loads from, or `undefined`. */
export const serviceAt = (url: URL, services: readonly ServiceConfig[]): ServiceConfig | undefined =>
  services.find((s) => s.hosts.some((h) => hostMatches(h, url)));

/** The configured service an http(s) URL loads from, or `undefined`. */
export function serviceForUrl(raw: string | null | undefined, base: string, services: readonly ServiceConfig[]): ServiceConfig | undefined {
  const url = httpUrl(raw, base);
  return url && serviceAt(url, services);
}

/** Converts a cookie name with `*` wildcards to an anchored pattern. */
export function cookiePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
