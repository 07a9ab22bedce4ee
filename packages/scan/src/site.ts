/**
 * Which hosts belong to the scanned site. "Same site" is the registrable domain (eTLD+1, from the
 * Public Suffix List through tldts, private suffixes included so `a.github.io` and `b.github.io`
 * are different sites); IP addresses and single-label hosts (`localhost`) are their own site.
 */
import { getDomain } from 'tldts';

/** The site key of a host name: its registrable domain, else the host itself. */
export function siteOf(hostname: string): string {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/^\./, '').toLowerCase();
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** The scanned site: its origin (pages are taken from it only) and its site key (first party). */
export class Site {
  readonly origin: string;
  readonly key: string;
  constructor(startUrl: URL) {
    this.origin = startUrl.origin;
    this.key = siteOf(startUrl.hostname);
  }
  /** A URL on a host of the same site (any port or scheme). */
  isFirstPartyUrl(url: URL | string): boolean {
    const u = typeof url === 'string' ? safeUrl(url) : url;
    return u !== undefined && /^https?:$/.test(u.protocol) && siteOf(u.hostname) === this.key;
  }
  /** A cookie domain (`.example.com`, `www.example.com`) of the same site. */
  isFirstPartyDomain(domain: string): boolean {
    return siteOf(domain) === this.key;
  }
  /** A page the crawler may visit: same origin only. */
  isPage(url: URL): boolean {
    return url.origin === this.origin;
  }
}

/** `new URL`, or `undefined` for malformed input. */
export function safeUrl(raw: string, base?: string | URL): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}
