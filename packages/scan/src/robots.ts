/**
 * robots.txt (RFC 9309) through robots-parser: which pages the scanner may visit, its crawl delay,
 * and the sitemaps it lists. The crawler's token is `assent-scan`.
 */
import robotsParser from 'robots-parser';
import { fetchText } from './fetch-text.js';

export const ROBOTS_AGENT = 'assent-scan';

export interface Robots {
  /** `found`: a robots.txt applied; `none`: 4xx, everything allowed; `ignored`: not consulted on request. */
  status: 'found' | 'none' | 'ignored';
  allows(url: string): boolean;
  /** Seconds between two page loads the site asks for, if any. */
  crawlDelay?: number;
  sitemaps: string[];
}

const ALLOW_ALL: Omit<Robots, 'status'> = { allows: () => true, sitemaps: [] };

/**
 * Reads `origin/robots.txt`. As RFC 9309 §2.3.1 says: 4xx means no rules; a 5xx or an unreachable
 * file means "disallow everything" (the site may be overloaded), which the caller reports.
 */
export async function loadRobots(origin: string, userAgent: string, respect: boolean): Promise<Robots> {
  if (!respect) return { status: 'ignored', ...ALLOW_ALL };
  const url = `${origin}/robots.txt`;
  let res;
  try {
    res = await fetchText(url, userAgent, 10_000);
  } catch {
    return { status: 'found', allows: () => false, sitemaps: [] };
  }
  if (res.status >= 400 && res.status < 500) return { status: 'none', ...ALLOW_ALL };
  if (res.status >= 500) return { status: 'found', allows: () => false, sitemaps: [] };
  const robots = robotsParser(url, res.text);
  return {
    status: 'found',
    // robots-parser answers `undefined` for URLs on another origin: those are never pages here.
    allows: (u) => robots.isAllowed(u, ROBOTS_AGENT) ?? false,
    crawlDelay: robots.getCrawlDelay(ROBOTS_AGENT),
    sitemaps: robots.getSitemaps(),
  };
}
