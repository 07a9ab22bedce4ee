// One measured run of one library under one condition, in a fresh browser context (an isolated
// profile: empty HTTP cache, no cookies, no storage): the first visit, then "Accept all", then the
// returning visit in the same context.
import { ANALYTICS_MARK } from './page.mjs';
import { probe } from './probe.mjs';
import { scriptTime } from './cpu-profile.mjs';

/**
 * Network conditions, applied with CDP `Network.emulateNetworkConditions` (per request: the
 * latency before the response, then the body at the given throughput). `none`: loopback as is.
 * "Slow 4G" is Lighthouse's mobile throttling (150 ms, 1.6 Mbps down, 750 kbps up).
 */
export const NETWORKS = {
  none: { label: 'loopback', conditions: null },
  slow4g: { label: 'Slow 4G', conditions: { latency: 150, down: 1.6e6, up: 750e3 } },
  fast4g: { label: 'Fast 4G', conditions: { latency: 40, down: 9e6, up: 1.5e6 } },
};

/** The first visit's observation window ends this long after the banner settled (or the load event, if later). */
export const SETTLE_MS = 1000;
const SAMPLING_US = 100;

const pageState = (mark) => ({
  b: window.__bench,
  now: performance.now(),
  load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0,
  analytics: performance.getEntriesByName(mark)[0]?.startTime ?? null,
  res: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, size: r.encodedBodySize, transfer: r.transferSize, end: r.responseEnd })),
});

/**
 * @param {object} o
 * @param {import('playwright-core').Browser} o.browser
 * @param {{ pageUrl(lib, kind): string }} o.server
 * @param {object} o.lib  from libraries.mjs
 * @param {number} o.cpu  CPU slowdown (Emulation.setCPUThrottlingRate)
 * @param {keyof NETWORKS} o.net
 * @param {boolean} [o.profile]  record a CPU profile of the first visit (default true)
 * @param {boolean} [o.returning]  also accept and measure the returning visit (default true)
 */
export async function measureVisit({ browser, server, lib, kind = 'hero', cpu, net, viewport, profile = true, returning = true }) {
  const errors = [];
  const ctx = await browser.newContext({ viewport, locale: 'en-US' });
  let result = null;
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    const c = NETWORKS[net].conditions;
    if (c)
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: c.latency, downloadThroughput: c.down / 8, uploadThroughput: c.up / 8, connectionType: 'cellular4g',
      });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.addInitScript(probe, lib.banner);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      await cdp.send('Profiler.start');
    }
    const url = server.pageUrl(lib, kind);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // Until the banner settles (or has been visible 5 s without settling, e.g. an endless animation).
    const shown =
      !lib.banner ||
      (await page
        .waitForFunction(() => {
          const b = window.__bench;
          return b.settledAt !== null || (b.visibleAt !== null && performance.now() > b.visibleAt + 5000);
        }, null, { polling: 100, timeout: 30_000 })
        .then(() => true, () => false));
    let first = await page.evaluate(pageState, ANALYTICS_MARK);
    const end = Math.max(first.b.settledAt ?? first.b.visibleAt ?? first.now, first.load) + SETTLE_MS;
    if (end > first.now) await page.waitForTimeout(end - first.now);
    first = await page.evaluate(pageState, ANALYTICS_MARK);
    const prof = profile ? (await cdp.send('Profiler.stop')).profile : null;

    const mine = first.res.filter((r) => lib.owns(r.path));
    const lcp = first.b.lcp.at(-1);
    const inWindow = first.b.longtasks.filter(([start]) => start < end);
    result = {
      ok: shown,
      errors,
      requests: mine.length,
      bytes: mine.reduce((n, r) => n + r.size, 0),
      lastByte: mine.length ? Math.max(...mine.map((r) => r.end)) : null,
      rootAt: first.b.rootAt,
      paintedAt: first.b.paintedAt,
      visibleAt: first.b.visibleAt,
      settledAt: first.b.settledAt,
      lcp: lcp?.t ?? null,
      lcpElement: lcp ? (lcp.banner ? 'banner' : lcp.tag) : 'none',
      cls: first.b.cls,
      longTasks: inWindow.length,
      longTaskMs: inWindow.reduce((n, [, d]) => n + d, 0),
      scriptMs: prof ? scriptTime(prof, lib.scripts).ms : null,
      profile: prof,
      consentApplied: null,
      returnFetches: null,
      bannerOnReturn: null,
      analyticsBeforeConsent: first.analytics !== null,
      baseline: !lib.banner,
    };
    if (!shown) errors.push(`the banner was not visible within 30 s (root in DOM: ${first.b.rootAt !== null})`);
    if (result.analyticsBeforeConsent) errors.push('the gated analytics script ran before any consent');
    if (!shown || !returning || !lib.banner) return result;

    // "Accept all", then the gated script must run; then a later page of the same site.
    await page.click(lib.banner.accept, { timeout: 10_000 });
    const ran = (mark) => performance.getEntriesByName(mark).length > 0;
    if (!(await page.waitForFunction(ran, ANALYTICS_MARK, { polling: 50, timeout: 15_000 }).then(() => true, () => false))) {
      errors.push('the gated analytics script did not run after "Accept all"');
      return result;
    }
    await page.waitForTimeout(500); // the library stores the decision (some after the click's task)
    await page.goto(`${url}?visit=2`, { waitUntil: 'load', timeout: 60_000 });
    if (!(await page.waitForFunction(ran, ANALYTICS_MARK, { polling: 50, timeout: 15_000 }).then(() => true, () => false))) {
      errors.push('returning visit: the gated analytics script did not run');
      return result;
    }
    await page.waitForTimeout(300);
    const back = await page.evaluate(pageState, ANALYTICS_MARK);
    result.consentApplied = back.analytics;
    // Files only: server-sync's region lookup is an answer (no-store) that a page without
    // data-assent-region asks again on every visit, by design.
    result.returnFetches = back.res.filter((r) => lib.owns(r.path) && !r.path.startsWith('/v1/') && r.transfer > 0).length;
    result.bannerOnReturn = back.b.visibleAt !== null;
    if (result.bannerOnReturn) errors.push('returning visit: the banner was shown again');
    return result;
  } catch (err) {
    // A navigation or a click that timed out: the run (or its returning visit) failed, the benchmark goes on.
    errors.push(`run failed: ${err.message.split('\n')[0]}`);
    return result ?? { ok: false, errors, analyticsBeforeConsent: false, baseline: !lib.banner };
  } finally {
    await ctx.close();
  }
}
