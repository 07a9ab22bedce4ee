/**
 * The scan: check the start page, read robots.txt, pick the pages, then for each region record the
 * three states in fresh browser profiles (a few at a time), and turn the recordings into a report.
 */
import pLimit from 'p-limit';
import { analyze, type RegionRun } from './analyze.js';
import { bannerNames, decide, waitForBanner, type BannerNames } from './banner.js';
import { launchBrowser, type ScanBrowser } from './browser.js';
import { Classifier } from './classify.js';
import { loadConfig, type LoadedConfig } from './config.js';
import { buildCookieTable, siteLanguages } from './cookie-table.js';
import { choosePages } from './crawl.js';
import { ScanError } from './errors.js';
import { fetchText, networkReason } from './fetch-text.js';
import type { RawPage } from './observe.js';
import { resolveOptions, type ResolvedOptions, type ScanOptions } from './options.js';
import { SDK_PRESETS } from './presets.js';
import { ContextRecorder } from './recorder.js';
import { REPORT_SCHEMA_VERSION, STATES, type ScanReport, type ScanState } from './report.js';
import { loadRobots, ROBOTS_AGENT, type Robots } from './robots.js';
import { readSitemaps } from './sitemap.js';
import { Site } from './site.js';
import { SCAN_VERSION } from './version.js';

/** The report, and the banner's screenshot per region (JPEG, keyed by the region's label) for the HTML report. */
export interface ScanResult {
  report: ScanReport;
  screenshots: Map<string, Buffer>;
}

/** User-agent of the scanner's own requests (robots.txt, sitemaps, the start page check). */
const FETCH_UA = `assent-scan/${SCAN_VERSION} (consent audit)`;

/** Spaces page loads by robots.txt's crawl delay, across every browser context of the scan. */
class Pacer {
  private next = 0;
  constructor(private readonly delayMs: number) {}
  async wait(): Promise<void> {
    if (!this.delayMs) return;
    const at = Math.max(Date.now(), this.next);
    this.next = at + this.delayMs;
    if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
  }
}

/** Checks the start URL answers with HTML; follows redirects and returns where they led. */
async function preflight(start: URL, warnings: string[]): Promise<URL> {
  let res;
  try {
    res = await fetchText(start.href, FETCH_UA, 20_000);
  } catch (err) {
    throw new ScanError('unreachable', `${start.href} is unreachable (${networkReason(err)})`);
  }
  if (res.status >= 400) throw new ScanError('unreachable', `${start.href} answered HTTP ${res.status}`);
  const type = res.contentType.split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/html' && type !== 'application/xhtml+xml')
    throw new ScanError('notHtml', `${start.href} is not an HTML page (Content-Type: ${res.contentType || 'none'})`);
  const final = new URL(res.url);
  if (final.origin !== start.origin) {
    warnings.push(`${start.href} redirects to ${final.href}: scanning ${final.origin}`);
    return final;
  }
  return start;
}

interface Discovery {
  links: string[];
  configAttribute: string | null;
  assentScript: string | null;
}

/** Loads the start page once to read its links and its Assent script tag. */
async function discover(b: ScanBrowser, start: URL, timeout: number): Promise<Discovery> {
  const context = await b.browser.newContext({ userAgent: b.userAgent, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    try {
      await page.goto(start.href, { waitUntil: 'load', timeout });
    } catch (err) {
      throw new ScanError('unreachable', `${start.href} did not load in Chromium: ${(err as Error).message.split('\n')[0]}`);
    }
    // Links the page adds as it starts (the banner's own) are in the same place on every run.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    return await page.evaluate(() => {
      const tag = document.querySelector('script[data-assent-config]');
      return {
        links: Array.from(document.querySelectorAll('a[href], area[href]'), (a) => (a as HTMLAnchorElement).href),
        configAttribute: tag?.getAttribute('data-assent-config') ?? null,
        assentScript: (tag as HTMLScriptElement | null)?.src || null,
      };
    });
  } finally {
    await context.close().catch(() => {});
  }
}

async function pickPages(o: ResolvedOptions, start: URL, site: Site, robots: Robots, links: string[]): Promise<{ pages: string[]; from: 'sitemap' | 'links' }> {
  const sitemaps = robots.sitemaps.length ? robots.sitemaps : [`${site.origin}/sitemap.xml`];
  const fromSitemap = choosePages(await readSitemaps(sitemaps, FETCH_UA, o.pages * 10), start, start, site, robots, o.pages);
  if (fromSitemap.length > 1) return { pages: fromSitemap, from: 'sitemap' };
  return { pages: choosePages(links, start, start, site, robots, o.pages), from: 'links' };
}

/** A page URL as visited in `region`: with the region's query parameter when that is how regions are set. */
function inRegion(url: string, region: string | null, o: ResolvedOptions): string {
  if (region === null || o.regionVia.kind !== 'query') return url;
  const u = new URL(url);
  u.searchParams.set(o.regionVia.name, region);
  return u.href;
}

interface StateRun {
  state: ScanState;
  clicked: string[];
  error?: string;
  pages: RawPage[];
  bannerFound: boolean;
  screenshot?: Buffer;
}

interface Env {
  o: ResolvedOptions;
  browser: ScanBrowser;
  site: Site;
  names: BannerNames;
  services: Array<[string, string]>;
  deadline: number;
  pacer: Pacer;
}

async function runState(env: Env, region: string | null, state: ScanState, pages: string[]): Promise<StateRun> {
  const { o } = env;
  const label = region ?? 'site region';
  const rec = await ContextRecorder.open(env.browser, { region, via: o.regionVia, site: env.site });
  const run: StateRun = { state, clicked: [], pages: [], bannerFound: false };
  const assentWait = Math.min(o.bannerTimeoutMs, 10_000);
  try {
    const urls = pages.map((p) => inRegion(p, region, o));
    if (state !== 'before') {
      await env.pacer.wait();
      o.progress(`${label} · ${state}: deciding on ${urls[0]}`);
      const load = await rec.goto(urls[0]!, o.pageTimeoutMs);
      if (load.error) return { ...run, error: `the start page did not load: ${load.error}` };
      if (!(await rec.waitForAssent(assentWait))) return { ...run, error: `Assent did not start on ${urls[0]} within ${assentWait} ms` };
      await rec.settle(o.settleMs); // a visitor reads the banner while the page finishes loading
      const assentBefore = await rec.assentState(env.services);
      rec.startPage(); // what follows the click is this state's; what came before is the `before` state's
      const clicked = await decide(rec.page, state === 'reject' ? 'rejectAll' : 'acceptAll', env.names, o.bannerTimeoutMs);
      if (!clicked) return { ...run, error: `no "${state === 'reject' ? 'Reject all' : 'Accept all'}" button reachable on ${urls[0]} within ${o.bannerTimeoutMs} ms` };
      run.clicked = clicked;
      run.bannerFound = true;
      await rec.settle(o.settleMs);
      run.pages.push({ ...(await rec.collect(urls[0]!, 'decision', load, env.services)), assentBefore });
    }
    for (const [i, url] of urls.entries()) {
      if (Date.now() > env.deadline) {
        run.error = `time budget spent: ${i} of ${urls.length} pages recorded`;
        break;
      }
      await env.pacer.wait();
      o.progress(`${label} · ${state}: page ${i + 1}/${urls.length} ${url}`);
      const load = await rec.goto(url, o.pageTimeoutMs);
      if (!load.error) {
        await rec.waitForAssent(assentWait);
        if (state === 'before' && i === 0) run.bannerFound = await waitForBanner(rec.page, env.names, o.bannerTimeoutMs);
        await rec.settle(o.settleMs);
        if (state === 'before' && i === 0 && run.bannerFound) run.screenshot = await rec.page.screenshot({ type: 'jpeg', quality: 70 }).catch(() => undefined);
      } else o.progress(`${label} · ${state}: ${url} did not load (${load.error})`);
      run.pages.push(await rec.collect(url, 'visit', load, env.services));
    }
    return run;
  } finally {
    await rec.close();
  }
}

/**
 * Scans a site: see {@link ScanOptions}. Resolves with the report (and banner screenshots for the
 * HTML report); rejects with a {@link ScanError} when the scan cannot run (its `exitCode` says why).
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const o = resolveOptions(options);
  const startedAt = Date.now();
  const warnings: string[] = [];

  // A config named by the user is checked first: a typo fails in milliseconds, before any network.
  const given = o.config !== undefined ? await loadConfig(o.config, { attribute: null, url: o.startUrl.href }, FETCH_UA) : undefined;
  o.progress(`checking ${o.startUrl.href}`);
  const start = await preflight(o.startUrl, warnings);
  const site = new Site(start);
  const robots = await loadRobots(site.origin, FETCH_UA, o.respectRobots);
  if (!robots.allows(start.href))
    throw new ScanError('robots', `robots.txt of ${site.origin} disallows ${start.href} for ${ROBOTS_AGENT} (or could not be read); on a site you run, pass --ignore-robots`);
  const delayMs = Math.round((robots.crawlDelay ?? 0) * 1000);
  if (delayMs > 30_000) warnings.push(`robots.txt asks for ${robots.crawlDelay} s between pages: the time budget may run out`);

  o.progress('starting Chromium');
  const browser = await launchBrowser(o.chromiumPath);
  try {
    const found = await discover(browser, start, o.pageTimeoutMs);
    const loaded: LoadedConfig = given ?? (await loadConfig(undefined, { attribute: found.configAttribute, url: start.href }, FETCH_UA));
    warnings.push(...loaded.warnings.map((w) => `config: ${w}`));
    const { pages, from } = await pickPages(o, start, site, robots, found.links);
    o.progress(`${pages.length} page(s) from ${from === 'sitemap' ? 'the sitemap' : 'the start page’s links'}; regions: ${o.regions.map((r) => r ?? 'as the site decides').join(', ')}`);

    const presets = options.presets ?? SDK_PRESETS;
    const classifier = new Classifier(loaded.config, site, {
      necessaryCookies: o.necessaryCookies,
      necessaryHosts: o.necessaryHosts,
      assentUrls: found.assentScript ? [found.assentScript] : [],
      presets,
    });
    const env: Env = {
      o,
      browser,
      site,
      names: bannerNames(loaded.config.texts),
      services: loaded.config.services.map((s) => [s.id, s.category]),
      deadline: startedAt + o.maxTimeMs,
      pacer: new Pacer(delayMs),
    };
    const limit = pLimit(delayMs ? 1 : o.concurrency);
    const jobs = o.regions.map((region) => STATES.map((state) => limit(() => runState(env, region, state, pages))));
    const results = await Promise.all(jobs.map((j) => Promise.all(j)));

    const screenshots = new Map<string, Buffer>();
    const runs: RegionRun[] = o.regions.map((region, i) => {
      const states = results[i]!;
      return {
        requested: region,
        bannerFound: states.some((s) => s.bannerFound),
        states: states.map((s) => ({ state: s.state, clicked: s.clicked, ...(s.error && { error: s.error }), pages: s.pages })),
      };
    });
    if (!runs.some((r) => r.bannerFound)) {
      const reasons = results.flat().map((s) => s.error).filter(Boolean);
      const assentSeen = results.flat().some((s) => s.pages.some((p) => p.assent));
      throw new ScanError(
        'noBanner',
        assentSeen
          ? `Assent runs on ${start.href} but no banner with "Accept all" / "Reject all" / "Customize" appeared${reasons.length ? `: ${reasons[0]}` : ''}`
          : `Assent did not start on ${start.href} (window.Assent never became ready)`,
      );
    }

    const nowMs = Date.now();
    const analysis = analyze(runs, classifier, loaded.config, site, nowMs);
    analysis.regions.forEach((r, i) => {
      const shot = results[i]!.find((s) => s.screenshot)?.screenshot;
      if (shot) screenshots.set(r.label, shot);
      if (!r.banner.found) warnings.push(`${r.label}: no banner appeared, so its "reject" and "accept" states were not recorded`);
      for (const s of r.states) {
        if (s.error) warnings.push(`${r.label} · ${s.state}: ${s.error}`);
        for (const p of s.pages) if (p.error) warnings.push(`${r.label} · ${s.state}: ${p.url} was not recorded: ${p.error}`);
      }
      if (r.requested && r.assentRegion && r.assentRegion !== r.requested)
        warnings.push(`${r.label}: Assent resolved region ${r.assentRegion}, not ${r.requested}; check how the site learns the region (--region-via)`);
    });
    const languages = siteLanguages(loaded.config, analysis.regions);
    const cookieTable = buildCookieTable(loaded.config, site, analysis.cookies, o.necessaryCookies, presets, languages);
    const complete = analysis.regions.every((r) => r.states.every((s) => !s.error && s.pages.every((p) => !p.error)));

    const report: ScanReport = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'assent-scan', version: SCAN_VERSION },
      scannedAt: new Date(startedAt).toISOString(),
      durationMs: nowMs - startedAt,
      complete,
      site: { startUrl: start.href, origin: site.origin, site: site.key, pages, pagesFrom: from, robotsTxt: robots.status, userAgent: browser.userAgent },
      config: { source: loaded.source, policyVersion: loaded.config.policyVersion, services: loaded.config.services.map((s) => s.id), warnings: loaded.warnings },
      options: {
        regions: o.regions,
        regionVia: o.regionVia.kind === 'attribute' ? 'attribute' : `${o.regionVia.kind}:${o.regionVia.name}`,
        pages: o.pages,
        strict: options.strict ?? false,
        necessaryCookies: o.necessaryCookies.map((c) => c.name),
        necessaryHosts: o.necessaryHosts,
      },
      summary: {
        pages: pages.length,
        regions: analysis.regions.length,
        leaks: analysis.leaks.length,
        undeclared: analysis.undeclared.length,
        stale: analysis.stale.length,
        cookies: analysis.cookies.size,
        thirdPartyHosts: analysis.thirdPartyHosts.size,
      },
      leaks: analysis.leaks,
      undeclared: analysis.undeclared,
      stale: analysis.stale,
      cookieTable,
      regions: analysis.regions,
      warnings,
    };
    o.progress(`done in ${((nowMs - startedAt) / 1000).toFixed(1)} s: ${report.summary.leaks} leak(s), ${report.summary.undeclared} undeclared, ${report.summary.stale} stale`);
    return { report, screenshots };
  } finally {
    await browser.close().catch(() => {});
  }
}
