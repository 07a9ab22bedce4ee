/**
 * Which pages to visit: the sitemap's, else the start page's links; same origin only, robots.txt
 * obeyed, the start URL's query carried onto every page, at most the page budget.
 */
import type { Robots } from './robots.js';
import { safeUrl, type Site } from './site.js';

/** Files a link may point to that are not pages. */
const NOT_A_PAGE = /\.(?:pdf|zip|gz|tgz|rar|7z|dmg|exe|msi|apk|jpe?g|png|gif|webp|avif|svg|ico|mp4|webm|mov|mp3|wav|ogg|css|js|mjs|json|xml|txt|csv|xlsx?|docx?|pptx?|woff2?|ttf|eot)$/i;

/**
 * A candidate link as a page URL: resolved, without its fragment, with the start URL's query
 * parameters set on it (so `?region=FR` stays on every page and `/?region=CA-QC` becomes the start
 * page again), or `undefined` when it is not a same-origin web page.
 */
export function toPageUrl(raw: string, base: URL | string, start: URL, site: Site): URL | undefined {
  const url = safeUrl(raw.trim(), base);
  if (!url || !/^https?:$/.test(url.protocol) || !site.isPage(url) || NOT_A_PAGE.test(url.pathname)) return undefined;
  url.hash = '';
  for (const [k, v] of start.searchParams) url.searchParams.set(k, v);
  return url;
}

/** The pages to scan: the start URL first, then candidates in order, deduplicated, allowed, at most `limit`. */
export function choosePages(candidates: readonly string[], base: URL | string, start: URL, site: Site, robots: Robots, limit: number): string[] {
  const out = [start.href];
  for (const raw of candidates) {
    if (out.length >= limit) break;
    const url = toPageUrl(raw, base, start, site);
    if (url && !out.includes(url.href) && robots.allows(url.href)) out.push(url.href);
  }
  return out;
}
