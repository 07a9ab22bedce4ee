import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePages, toPageUrl } from '../src/crawl.js';
import { loadRobots, type Robots } from '../src/robots.js';
import { parseSitemap, readSitemaps } from '../src/sitemap.js';
import { Site } from '../src/site.js';
import { formatLifetime, lifetimeSeconds } from '../src/durations.js';

const start = new URL('https://www.example.com/?region=FR');
const site = new Site(start);
const everything: Robots = { status: 'none', allows: () => true, sitemaps: [] };

describe('which pages', () => {
  it('keeps the start URL’s query on every page and drops fragments', () => {
    expect(toPageUrl('/product#top', start, start, site)?.href).toBe('https://www.example.com/product?region=FR');
    expect(toPageUrl('/?region=CA-QC', start, start, site)?.href).toBe(start.href);
    expect(toPageUrl('/blog?page=2', start, start, site)?.href).toBe('https://www.example.com/blog?page=2&region=FR');
  });

  it('stays on the start origin and skips what is not a page', () => {
    for (const link of ['https://blog.example.com/', 'http://www.example.com/', 'mailto:a@example.com', 'javascript:void(0)', '/brochure.pdf', '/logo.svg'])
      expect(toPageUrl(link, start, start, site), link).toBeUndefined();
  });

  it('puts the start page first, deduplicates, obeys robots.txt and the budget', () => {
    const robots: Robots = { ...everything, allows: (u) => !u.includes('/private') };
    const links = ['/', '/a', '/a#x', '/private/x', '/b', '/c', '/d'];
    expect(choosePages(links, start, start, site, robots, 3)).toEqual([start.href, 'https://www.example.com/a?region=FR', 'https://www.example.com/b?region=FR']);
  });
});

describe('robots.txt and sitemaps, over HTTP', () => {
  let server: Server;
  let origin = '';
  let robotsStatus = 200;
  let robotsBody = '';
  const uas: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      uas.push(req.headers['user-agent'] ?? '');
      if (req.url === '/robots.txt') return res.writeHead(robotsStatus, { 'content-type': 'text/plain' }).end(robotsBody);
      if (req.url === '/index.xml')
        return res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/pages.xml</loc></sitemap></sitemapindex>`);
      if (req.url === '/pages.xml')
        return res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/a</loc></url><url><loc> ${origin}/b?x=1&amp;y=2 </loc></url></urlset>`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('follows the rules for assent-scan and reads its crawl delay and sitemaps', async () => {
    robotsStatus = 200;
    robotsBody = `User-agent: *\nDisallow: /\n\nUser-agent: assent-scan\nDisallow: /admin\nCrawl-delay: 2\nSitemap: ${origin}/index.xml\n`;
    const robots = await loadRobots(origin, 'assent-scan/test', true);
    expect(robots.status).toBe('found');
    expect(robots.allows(`${origin}/`)).toBe(true);
    expect(robots.allows(`${origin}/admin/users`)).toBe(false);
    expect(robots.crawlDelay).toBe(2);
    expect(robots.sitemaps).toEqual([`${origin}/index.xml`]);
    expect(uas).toContain('assent-scan/test');
  });

  it('4xx means no rules, 5xx means keep out (RFC 9309), and --ignore-robots skips it', async () => {
    robotsStatus = 404;
    expect((await loadRobots(origin, 'ua', true)).allows(`${origin}/x`)).toBe(true);
    robotsStatus = 503;
    expect((await loadRobots(origin, 'ua', true)).allows(`${origin}/x`)).toBe(false);
    expect((await loadRobots(origin, 'ua', false)).status).toBe('ignored');
  });

  it('reads page URLs through a sitemap index; a missing sitemap gives none', async () => {
    expect(await readSitemaps([`${origin}/index.xml`], 'ua', 100)).toEqual([`${origin}/a`, `${origin}/b?x=1&y=2`]);
    expect(await readSitemaps([`${origin}/missing.xml`], 'ua', 100)).toEqual([]);
  });

  it('shrugs off malformed XML', () => {
    expect(parseSitemap('<urlset><url><loc>https://a/</loc></url>')).toEqual({ pages: ['https://a/'], children: [] });
    expect(parseSitemap('not xml at all <<<')).toEqual({ pages: [], children: [] });
  });
});

describe('lifetimes in words', () => {
  const now = Date.UTC(2026, 0, 1);
  const days = (d: number) => now / 1000 + d * 86_400;
  it.each([
    [null, 'en', 'Session'],
    [days(1), 'en', '24 hours'],
    [days(30), 'en', '30 days'],
    [days(90), 'en', '3 months'],
    [days(395), 'en', '13 months'],
    [days(730), 'en', '2 years'],
    [days(395), 'de', '13 Monate'],
    [null, 'de', 'Sitzung'],
  ] as const)('%s in %s', (expires, lang, text) => {
    expect(formatLifetime(lifetimeSeconds(expires, now), lang).replace(/\u00a0/g, ' ')).toBe(text);
  });
  it('an expiry already past counts as nothing left, not negative', () => {
    expect(lifetimeSeconds(now / 1000 - 10, now)).toBe(0);
  });
});
