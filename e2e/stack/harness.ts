/**
 * The test bed for real marketing stacks: pages built from vendors' published snippets (pasted in
 * fixtures/snippets/) and a tag manager, served on 127.0.0.1 with the documented Assent embed,
 * in Debian's Chromium. Real vendor hosts cannot be reached from here: every request that is
 * not for the test site goes through a Playwright route, which logs it (a request that reached
 * the route is a request that left the page) and answers with the fake vendors of
 * examples/third-party (they set the vendor's cookies and send its beacons). Routes also set
 * when the tag manager's container can arrive, relative to Assent's own loading (`Timing`).
 *
 * One site, one browser and one route per test file; each test resets the visitor.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { fakeVendorAnswer, fakeVendorRoute } from '../../examples/third-party/vendors.mjs';
import { launch, type Browser } from '../support/browser.js';
import { startSite, type SiteServer } from '../support/site-server.js';

/** A fixture snippet, verbatim (its first comment names the source and date). */
export const snippet = (name: string): string => readFileSync(new URL(`./fixtures/snippets/${name}.html`, import.meta.url), 'utf8');

/**
 * Marks pasted HTML the README's way: every `<script>` becomes `type="text/plain"` with the
 * category (and service), every `<iframe>` keeps its URL in `data-src`. `<noscript>` content
 * is left alone: a browser that runs scripts never loads it.
 */
export function markForAssent(html: string, category: string, service: string): string {
  const attrs = ` data-assent-category="${category}" data-assent-service="${service}"`;
  return html
    .split(/(<noscript>[\s\S]*?<\/noscript>)/)
    .map((part) =>
      part.startsWith('<noscript>')
        ? part
        : part
            .replace(/<script\b([^>]*)>/g, (_m, a: string) =>
              /\btype=/.test(a) ? `<script${a.replace(/\btype="[^"]*"/, 'type="text/plain"')}${attrs}>` : `<script type="text/plain"${a}${attrs}>`,
            )
            .replace(/<iframe\b([^>]*)>/g, (_m, a: string) => `<iframe${a.replace(/(\s)src=/, '$1data-src=')}${attrs}>`),
    )
    .join('');
}

/** Assent's script tag as the README documents it: synchronous, first in <head>. */
export function assentEmbed(attrs: { config?: string; region?: string } = {}): string {
  const region = attrs.region === undefined ? 'FR' : attrs.region;
  return `<script src="/assent/assent.js" data-assent-config="${attrs.config ?? '/site.json'}"${region ? ` data-assent-region="${region}"` : ''}></script>`;
}

/**
 * When the tag manager's container can arrive, relative to Assent's own loading, set on the
 * server side (whether the browser asks for it early is Assent's business):
 * - `container-before-config`: the container answers as soon as assent.js has started (asked for
 *   its config), the config 300 ms late;
 * - `container-during-engine`: the visitor reaches for the banner (the pointer over "Accept all",
 *   which has a first visit fetch the engine), the engine (assent-core.js) answers 300 ms late,
 *   the container not before the engine was asked for;
 * - `container-after-ready`: the container answers once Assent is ready.
 */
export type Timing = 'container-before-config' | 'container-during-engine' | 'container-after-ready';

/** How late the config or the engine answers under the timings that delay them. */
export const ASSENT_DELAY_MS = 300;

/** How long the tests listen after the last expected request, so that a duplicate would show. */
export const QUIET_MS = 300;

/** One request that left the page toward a host other than the test site. */
export interface VendorRequest {
  method: string;
  url: string;
  host: string;
  path: string;
  /** `host + path`, plus ` via=…` when the URL says which tag sent it. */
  key: string;
  /** The vendor the fake answering it stands in for (`meta-pixel`, …), or `unknown`. */
  vendor: string;
  at: number;
}

/** Named moments of a visit (route activity and the test's own), first occurrence only. */
class Moments {
  private times = new Map<string, number>();
  private waiting = new Map<string, Array<(ok: boolean) => void>>();
  mark(name: string): void {
    if (!this.times.has(name)) this.times.set(name, performance.now());
    for (const wake of this.waiting.get(name)?.splice(0) ?? []) wake(true);
  }
  at(name: string): number | undefined {
    return this.times.get(name);
  }
  /** Resolves true when the moment happens, false after `timeout` ms. */
  wait(name: string, timeout = 4000): Promise<boolean> {
    if (this.times.has(name)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeout);
      const list = this.waiting.get(name) ?? [];
      list.push((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
      this.waiting.set(name, list);
    });
  }
  reset(): void {
    this.times.clear();
    for (const list of this.waiting.values()) for (const wake of list.splice(0)) wake(false);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How a dataLayer entry reads: gtag commands as `consent:default`, `config:G-…`, events by name. */
export interface LayerEntry {
  label: string;
  /** The command's parameters (for `consent`), or the event object. */
  params?: Record<string, unknown>;
}

export interface Visit {
  page: Page;
  console: Array<{ type: string; text: string }>;
  errors: string[];
  dataLayer(): Promise<LayerEntry[]>;
  close(): Promise<void>;
}

export interface Stack {
  site: SiteServer;
  browser: Browser;
  /** Requests that left the page since the last `reset()`, oldest first. */
  requests: VendorRequest[];
  moments: Moments;
  /** Forgets the visitor (cookies, storage) and the request log. */
  reset(): Promise<void>;
  /**
   * Opens a page and waits until Assent is ready (and, with a timing, until the container ran).
   * `duringEngineLoad` runs in the window the engine's delay opens: after assent.js asked
   * for assent-core.js, before it arrives.
   */
  visit(path: string, options?: { timing?: Timing; duringEngineLoad?: (page: Page) => Promise<unknown> }): Promise<Visit>;
  /** Requests that left the page, other than the tag manager's own container: `key → count`. */
  vendorHits(): Record<string, number>;
  /** `vendorHits()` once every expected key arrived (or 5 s passed), and `QUIET_MS` more. */
  settledHits(expected: Record<string, number>): Promise<Record<string, number>>;
  /** Waits until the visitor's decision is stored: the consent cookie and the saved verdict. */
  decided(page: Page): Promise<void>;
  /** Cookies on the site other than Assent's own consent cookie, by name, sorted. */
  vendorCookies(): Promise<string[]>;
}

/** A request's key: host and path (volatile path parts normalised), and the tag that sent it. */
function keyOf(url: URL): string {
  const path = url.pathname.replace(/^\/analytics\/\d+\//, '/analytics/<time>/');
  const via = url.searchParams.get('via');
  return `${url.hostname}${path}${via ? ` via=${via}` : ''}`;
}

const isContainer = (r: VendorRequest) => r.vendor === 'google-tag-manager';

/** Starts the test site, Chromium and the vendor routes for the calling test file. */
export function useStack(): Stack {
  const stack = { requests: [] as VendorRequest[], moments: new Moments() } as Stack;
  let timing: Timing | undefined;
  let delayEngine = false;
  const open: Page[] = [];
  /** A page kept on the site's origin, to clear its storage between tests. */
  let blank: Page;

  beforeAll(async () => {
    stack.site = await startSite();
    stack.site.pages.set('/blank', { body: '' });
    stack.browser = await launch({ viewport: { width: 1280, height: 800 } });
    const { context } = stack.browser;
    const site = new URL(stack.site.url);
    const { moments } = stack;

    // The tag manager stand-in announces each event it handles; the test hears it here.
    await context.exposeBinding('__stackMoment', (_source, name: string) => moments.mark(name));
    await context.addInitScript(() => {
      document.addEventListener('tag-manager-standin:event', (e) => {
        (window as unknown as { __stackMoment(n: string): void }).__stackMoment(`container:${(e as CustomEvent<{ event: string }>).detail.event}`);
      });
    });

    await context.route(
      () => true,
      async (route) => {
        const request = route.request();
        const url = new URL(request.url());
        if (url.origin === site.origin) {
          if (url.pathname === '/site.json') {
            moments.mark('config-requested');
            if (timing === 'container-before-config') await sleep(ASSENT_DELAY_MS);
            moments.mark('config-served');
          } else if (url.pathname === '/assent/assent-core.js') {
            moments.mark('engine-requested');
            if (timing === 'container-during-engine' || delayEngine) await sleep(ASSENT_DELAY_MS);
            moments.mark('engine-served');
          }
          return route.continue();
        }
        const vendor = fakeVendorRoute(url.hostname, url.pathname)?.vendor ?? 'unknown';
        const entry: VendorRequest = { method: request.method(), url: url.href, host: url.hostname, path: url.pathname, key: keyOf(url), vendor, at: performance.now() };
        stack.requests.push(entry);
        if (isContainer(entry) && url.pathname === '/gtm.js') {
          moments.mark('container-requested');
          if (timing === 'container-before-config') await moments.wait('config-requested');
          if (timing === 'container-during-engine') await moments.wait('engine-requested');
          if (timing === 'container-after-ready') await moments.wait('ready');
        }
        const answer = await fakeVendorAnswer(url.hostname, url.pathname, request.method());
        await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
        if (isContainer(entry)) moments.mark('container-served');
      },
    );
  });

  beforeAll(async () => {
    blank = await stack.browser.context.newPage();
    await blank.goto(`${stack.site.url}/blank`);
  });

  afterAll(async () => {
    await stack.browser?.close();
    await stack.site?.close();
  });

  stack.reset = async () => {
    for (const p of open.splice(0)) await p.close().catch(() => {});
    await stack.browser.context.clearCookies();
    await blank.evaluate(() => localStorage.clear());
    stack.requests.length = 0;
  };

  stack.visit = async (path, options = {}) => {
    timing = options.timing;
    delayEngine = !!options.duringEngineLoad;
    stack.moments.reset();
    const page = await stack.browser.context.newPage();
    open.push(page);
    const visit: Visit = {
      page,
      console: [],
      errors: [],
      dataLayer: () => readDataLayer(page),
      close: () => page.close(),
    };
    page.on('console', (m) => visit.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => visit.errors.push(e.message));
    const firstVisit = !(await stack.browser.context.cookies()).some((c) => c.name === 'assent');
    await page.goto(`${stack.site.url}${path}`, { waitUntil: 'commit' });
    // On a first visit in an opt-in region the engine comes when the visitor reaches for the banner.
    const reached = timing === 'container-during-engine' && firstVisit ? page.getByRole('button', { name: 'Accept all', exact: true }).hover() : undefined;
    const during = options.duringEngineLoad;
    const duringDone = during
      ? stack.moments.wait('engine-requested').then((asked) => {
          if (!asked) throw new Error('the engine was not requested: nothing ran "during the engine load"');
          return during(page).then(() => stack.moments.mark('during-engine-load-done'));
        })
      : undefined;
    duringDone?.catch(() => {}); // reported where it is awaited, below
    await page.waitForFunction(() => {
      const a = (window as unknown as { Assent?: unknown }).Assent;
      return !!a && !Array.isArray(a);
    });
    await page.evaluate(() => (window as unknown as { Assent: { ready: Promise<void> } }).Assent.ready);
    stack.moments.mark('ready');
    await reached;
    await duringDone;
    await page.waitForLoadState('load');
    // A container that is never released never gets here: the assertions say what happened.
    if (timing) await stack.moments.wait('container:gtm.load', 3000);
    await page.waitForTimeout(QUIET_MS);
    return visit;
  };

  stack.vendorHits = () => {
    const hits: Record<string, number> = {};
    for (const r of stack.requests) if (!isContainer(r)) hits[r.key] = (hits[r.key] ?? 0) + 1;
    return hits;
  };

  stack.settledHits = async (expected) => {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !Object.keys(expected).every((k) => k in stack.vendorHits())) await sleep(50);
    await sleep(QUIET_MS);
    return stack.vendorHits();
  };

  stack.decided = async (page) => {
    await page.waitForFunction(() => document.cookie.includes('assent=') && localStorage.getItem('assent.snapshot') !== null);
  };

  stack.vendorCookies = async () =>
    (await stack.browser.context.cookies(stack.site.url))
      .map((c) => c.name)
      .filter((n) => n !== 'assent')
      .sort();

  return stack;
}

/** The page's dataLayer, readable: gtag commands (`arguments` objects) and events. */
function readDataLayer(page: Page): Promise<LayerEntry[]> {
  return page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => {
      if (e && typeof e === 'object' && typeof (e as { length?: unknown }).length === 'number') {
        const args = Array.from(e as ArrayLike<unknown>);
        const params = args[2] && typeof args[2] === 'object' ? (args[2] as Record<string, unknown>) : undefined;
        if (args[0] === 'consent') return { label: `consent:${String(args[1])}${params && 'region' in params ? '(region)' : ''}`, params };
        if (args[0] === 'config' || args[0] === 'event') return { label: `${String(args[0])}:${String(args[1])}` };
        return { label: String(args[0]) };
      }
      const event = (e as { event?: unknown } | null)?.event;
      return { label: typeof event === 'string' ? event : 'object', params: e as Record<string, unknown> };
    }),
  );
}

/** Entries Assent writes: Consent Mode commands and its decision event. */
const byAssent = (e: LayerEntry) => e.label.startsWith('consent:') || e.label === 'assent_consent_update';

/**
 * Google's rule, as a page reads it: Assent's first entry is `consent default`, and it comes
 * before the page's (or a tag manager's) `gtm.js` event and any gtag `config` command.
 */
export function expectConsentDefaultFirst(layer: LayerEntry[], check: typeof expect | typeof expect.soft = expect): void {
  const order = layer.map((e) => e.label).join(' | ');
  const first = layer.findIndex(byAssent);
  expect(first, `Assent wrote nothing; dataLayer: ${order}`).toBeGreaterThanOrEqual(0);
  check(layer[first]!.label.startsWith('consent:default'), `first entry Assent writes; dataLayer: ${order}`).toBe(true);
  for (const [i, e] of layer.entries())
    if (e.label === 'gtm.js' || e.label.startsWith('config:'))
      check(first, `consent default before ${e.label}; dataLayer: ${order}`).toBeLessThan(i);
}

/** The Consent Mode state a page's defaults give, region-scoped defaults aside. */
export function consentDefaults(layer: LayerEntry[]): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const e of layer) if (e.label === 'consent:default' && e.params) Object.assign(state, e.params);
  return state;
}
