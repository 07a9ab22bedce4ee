/**
 * Page URLs from sitemap.xml (sitemaps.org protocol) through fast-xml-parser: a `urlset`, or a
 * `sitemapindex` whose first few child sitemaps are read.
 */
import { XMLParser } from 'fast-xml-parser';
import { fetchText } from './fetch-text.js';

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name === 'url' || name === 'sitemap', processEntities: true });

/** Child sitemaps of an index read at most (the page budget is small anyway). */
const MAX_CHILDREN = 5;

interface Parsed {
  urlset?: { url?: Array<{ loc?: unknown }> };
  sitemapindex?: { sitemap?: Array<{ loc?: unknown }> };
}

/** `<loc>` values of a sitemap document, and child sitemaps if it is an index. Malformed XML gives nothing. */
export function parseSitemap(xml: string): { pages: string[]; children: string[] } {
  let doc: Parsed;
  try {
    doc = parser.parse(xml) as Parsed;
  } catch {
    return { pages: [], children: [] };
  }
  const locs = (items: Array<{ loc?: unknown }> | undefined) =>
    (items ?? []).map((i) => (typeof i.loc === 'string' ? i.loc.trim() : '')).filter(Boolean);
  return { pages: locs(doc.urlset?.url), children: locs(doc.sitemapindex?.sitemap) };
}

/** Page URLs from the first sitemap that answers with any, or `[]`. Fetch failures count as "no sitemap". */
export async function readSitemaps(candidates: string[], userAgent: string, limit: number): Promise<string[]> {
  for (const url of candidates) {
    const pages = await readOne(url, userAgent, limit, 0);
    if (pages.length) return pages;
  }
  return [];
}

async function readOne(url: string, userAgent: string, limit: number, depth: number): Promise<string[]> {
  let text: string;
  try {
    const res = await fetchText(url, userAgent, 10_000);
    if (res.status !== 200) return [];
    text = res.text;
  } catch {
    return [];
  }
  const { pages, children } = parseSitemap(text);
  if (depth > 0 || !children.length) return pages;
  const out = [...pages];
  for (const child of children.slice(0, MAX_CHILDREN)) {
    if (out.length >= limit) break;
    out.push(...(await readOne(child, userAgent, limit, depth + 1)));
  }
  return out;
}
