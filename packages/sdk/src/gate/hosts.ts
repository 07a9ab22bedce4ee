import type { ServiceConfig } from '../config/types.js';

/** Whether a host pattern (`ads.example.com`, `*.example.com`, `host:port`) matches a URL. */
function hostMatches(pattern: string, url: URL): boolean {
  const p = pattern.toLowerCase();
  const target = p.includes(':') ? url.host : url.hostname;
  if (p.startsWith('*.')) return target === p.slice(2) || target.endsWith(p.slice(1));
  return target === p;
}

/**
 * The configured service a URL loads from, or `undefined`. Malformed URLs and non-http(s)
 * schemes match nothing and never throw.
 */
export function serviceForUrl(raw: string | null | undefined, base: string, services: readonly ServiceConfig[]): ServiceConfig | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return services.find((s) => s.hosts.some((h) => hostMatches(h, url)));
}

/** Converts a cookie name with `*` wildcards to an anchored pattern. */
export function cookiePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
