import type { ServiceConfig } from '../config/types.js';

/**
 * Whether a host pattern (`ads.example.com`, `*.example.com`, `host:port`; lower case, as the
 * config validator requires) matches a URL. `*.example.com` covers example.com and its subdomains.
 */
function hostMatches(pattern: string, url: URL): boolean {
  const target = pattern.includes(':') ? url.host : url.hostname;
  return pattern.startsWith('*.') ? `.${target}`.endsWith(pattern.slice(1)) : target === pattern;
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

/** Converts a cookie name with `*` wildcards to an anchored pattern. */
export function cookiePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
