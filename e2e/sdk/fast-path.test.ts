/**
 * The returning visitor's fast path: assent.js alone replays the engine's saved verdict, exactly
 * as the engine would have run the page, and anything that changed (or was tampered with) sends
 * the page back to the engine (assent-core.js).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launch, watchedPage, type Browser, type WatchedPage } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let site: SiteServer;
let browser: Browser;
const config = {
  policyVersion: 'fast-1',
  privacyPolicyUrl: '/privacy',
  ui: { src: '/stub-ui.js' },
  services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['analytics.localhost'] }],
};
const GATED = `<script type="text/plain" data-assent-category="analytics" nonce="{{nonce}}">window.analyticsRan = (window.analyticsRan || 0) + 1;</script>`;
const EMBED = `<iframe data-assent-category="functional" data-src="https://video.localhost/embed" title="Video"></iframe>`;

type A = {
  get(): Record<string, boolean>;
  services(): Record<string, boolean>;
  region: string | null;
  regime: { key: string };
  needsDecision: boolean;
  subjectId: string;
  record(): { method: string } | null;
  acceptAll(): void;
  rejectAll(): void;
  set(c: object): void;
  on(e: string, fn: (p: unknown) => void): () => void;
  ready: Promise<void>;
};
type W = { Assent: A; analyticsRan?: number; dataLayer?: unknown[] };

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
  site.json.set('/site.json', { body: JSON.stringify(config) });
  site.json.set('/site-2.json', { body: JSON.stringify({ ...config, policyVersion: 'fast-2' }) });
  site.pages.set('/', (q) => ({
    body:
      GATED +
      (q.get('embed') ? EMBED : '') +
      assentTag(q.get('cfg') ?? '/site.json', {
        ...(q.get('region') && { 'data-assent-region': q.get('region')! }),
        ...(q.get('core') && { 'data-assent-core': q.get('core')! }),
      }),
  }));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  await browser.context.clearCookies();
});

const engineLoaded = (w: WatchedPage) => w.requests.some((r) => new URL(r.split(' ')[1]!).pathname === '/assent/assent-core.js');

async function open(path: string): Promise<WatchedPage> {
  const w = await watchedPage(browser);
  await w.page.goto(`${site.url}${path}`);
  await w.page.waitForFunction(() => (window as unknown as Partial<W>).Assent && document.readyState === 'complete');
  await w.page.evaluate(() => (window as unknown as W).Assent.ready);
  await w.page.waitForTimeout(150);
  return w;
}

/** Everything a page or a tag manager can observe about the visitor's consent. */
const observe = (w: WatchedPage) =>
  w.page.evaluate(() => {
    const win = window as unknown as W;
    const a = win.Assent;
    return {
      get: a.get(),
      services: a.services(),
      region: a.region,
      regime: a.regime.key,
      needsDecision: a.needsDecision,
      subjectId: a.subjectId,
      method: a.record()?.method,
      analyticsRan: win.analyticsRan ?? 0,
      // gtag.js reads only Arguments objects as commands: keep the kind in the comparison.
      dataLayer: (win.dataLayer ?? []).map((e) =>
        Object.prototype.toString.call(e) === '[object Arguments]' ? { args: [...(e as unknown[])] } : e,
      ),
    };
  });

/** Decides through the API and waits until the engine (on a first visit, fetched by the decision) has recorded it. */
async function decide(w: WatchedPage, d: 'acceptAll' | 'rejectAll' = 'acceptAll'): Promise<void> {
  await w.page.evaluate((k) => (window as unknown as W).Assent[k](), d);
  await w.page.waitForFunction(() => !(window as unknown as W).Assent.needsDecision);
}

/** A visitor who decided on a first visit (the decision loads the engine, which records it). */
async function returningVisitor(d: 'acceptAll' | 'rejectAll', path = '/?region=FR'): Promise<void> {
  const first = await open(path);
  // France grants nothing before a decision: the engine waits for the visitor.
  expect(engineLoaded(first)).toBe(false);
  await decide(first, d);
  expect(engineLoaded(first)).toBe(true);
  await first.page.close();
}

describe('fast path', () => {
  it('a returning page runs exactly as the engine would, without loading it', async () => {
    await returningVisitor('acceptAll');
    const fast = await open('/?region=FR');
    expect(engineLoaded(fast)).toBe(false);
    const seen = await observe(fast);
    expect(seen.analyticsRan).toBe(1);
    expect(seen.get).toEqual({ necessary: true, functional: false, analytics: true, advertising: false });
    expect(seen.dataLayer.length).toBe(4); // default (EEA), default, update, assent_consent_update

    // The same visit with the verdict forgotten takes the engine's path: same outcome.
    await fast.page.evaluate(() => localStorage.removeItem('assent.snapshot'));
    const slow = await open('/?region=FR');
    expect(engineLoaded(slow)).toBe(true);
    expect(await observe(slow)).toEqual(seen);
    expect(fast.errors).toEqual([]);
    await fast.page.close();
    await slow.page.close();
  });

  it('a tampered verdict, a new config or another region sends the page to the engine, which grants nothing new', async () => {
    await returningVisitor('rejectAll');
    const fast = await open('/?region=FR');
    expect(engineLoaded(fast)).toBe(false);
    // Someone edits the saved verdict to grant analytics: the seal no longer matches.
    await fast.page.evaluate(() => {
      const v = localStorage.getItem('assent.snapshot')!;
      localStorage.setItem('assent.snapshot', v.replace('"analytics":false', '"analytics":true'));
    });
    const tampered = await open('/?region=FR');
    expect(engineLoaded(tampered)).toBe(true);
    const seen = await observe(tampered);
    expect(seen.analyticsRan).toBe(0);
    expect(seen.get.analytics).toBe(false);
    expect(seen.needsDecision).toBe(false);

    const newConfig = await open('/?region=FR&cfg=/site-2.json');
    expect(engineLoaded(newConfig)).toBe(true);
    expect((await observe(newConfig)).needsDecision).toBe(true); // policy bumped in an opt-in region

    const elsewhere = await open('/?region=US-CA');
    expect(engineLoaded(elsewhere)).toBe(true);
    for (const w of [fast, tampered, newConfig, elsewhere]) await w.page.close();
  });

  it('a decision on a fast page loads the engine, applies it, and earlier listeners hear it', async () => {
    await returningVisitor('rejectAll');
    const w = await open('/?region=FR');
    expect(engineLoaded(w)).toBe(false);
    await w.page.evaluate(() => {
      const win = window as unknown as W & { heard: unknown[] };
      win.heard = [];
      win.Assent.on('change', (p) => win.heard.push((p as { decisions: unknown }).decisions));
      document.addEventListener('assent:change', () => win.heard.push('dom'));
      win.Assent.set({ analytics: true });
    });
    await w.page.waitForFunction(() => (window as unknown as W).analyticsRan === 1);
    expect(engineLoaded(w)).toBe(true);
    const heard = await w.page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
    expect(heard).toHaveLength(2);
    expect(heard).toContainEqual({ necessary: true, functional: false, analytics: true, advertising: false });
    expect(heard).toContain('dom');
    // The next page replays the new decision on the fast path.
    const next = await open('/?region=FR');
    expect(engineLoaded(next)).toBe(false);
    expect((await observe(next)).analyticsRan).toBe(1);
    await w.page.close();
    await next.page.close();
  });

  it('a blocked embed on a fast page gets its placeholder from the engine', async () => {
    await returningVisitor('rejectAll');
    const w = await open('/?region=FR&embed=1');
    // FR pages speak French (the regime's language).
    await w.page.getByRole('button', { name: 'Charger une fois' }).waitFor();
    expect(engineLoaded(w)).toBe(true);
    expect(w.requests.some((r) => r.includes('video.localhost'))).toBe(false);
    await w.page.close();
  });
});

/** Paths the page requested so far. */
const paths = (w: WatchedPage) => w.requests.map((r) => new URL(r.split(' ')[1]!).pathname);

describe('first visit', () => {
  it('an opt-in first visit draws the banner from assent.js and its language file; the engine comes when the visitor reaches for the banner', async () => {
    const w = await open('/?region=FR');
    await w.page.getByRole('region', { name: 'Vos choix en matière de cookies' }).waitFor();
    // Nothing to release or record before a decision: no engine, no dialogs.
    expect(paths(w).sort()).toEqual(['/', '/assent/assent.js', '/assent/i18n/fr.js', '/site.json']);
    expect(await observe(w)).toMatchObject({ needsDecision: true, analyticsRan: 0 });
    await w.page.getByRole('button', { name: 'Tout accepter' }).hover();
    await w.page.waitForFunction(() => (window as unknown as { AssentCore?: unknown }).AssentCore);
    expect(paths(w)).toContain('/assent/assent-core.js');
    expect(paths(w)).not.toContain('/stub-ui.js');
    await w.page.getByRole('button', { name: 'Tout accepter' }).click();
    await w.page.waitForFunction(() => (window as unknown as W).analyticsRan === 1);
    expect((await observe(w)).method).toBe('accept-all');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('an opt-out first visit (California) loads the engine with the page: its defaults release tags', async () => {
    const w = await open('/?region=US-CA');
    expect(paths(w)).toContain('/assent/assent-core.js');
    expect((await observe(w)).analyticsRan).toBe(1);
    await w.page.close();
  });

  it('a decision followed at once by a link, before the engine arrived, is recorded by the next page, without a banner', async () => {
    const w = await open('/?region=FR');
    // The engine never arrives on this page.
    await w.page.route('**/assent-core.js*', () => new Promise(() => {}));
    await w.page.getByRole('button', { name: 'Tout accepter' }).click();
    expect((await observe(w)).analyticsRan).toBe(0);
    await w.page.unroute('**/assent-core.js*');
    await w.page.evaluate(() => (location.href = '/?region=FR&next=1'));
    await w.page.waitForURL('**/?region=FR&next=1');
    await w.page.waitForFunction(() => (window as unknown as Partial<W>).analyticsRan === 1);
    const seen = await observe(w);
    expect(seen).toMatchObject({ needsDecision: false, method: 'accept-all' });
    expect(await w.page.getByRole('region', { name: 'Vos choix en matière de cookies' }).count()).toBe(0);
    // Carried out once: the marker cookie and the kept decision are gone.
    const cookies = (await browser.context.cookies()).map((c) => c.name);
    expect(cookies).toContain('assent');
    expect(cookies).not.toContain('assent_pending');
    expect(await w.page.evaluate(() => sessionStorage.getItem('assent.pending'))).toBeNull();
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('fast path, other tabs and failures', () => {
  it('a decision made in another tab is announced when the engine comes in later', async () => {
    await returningVisitor('acceptAll');
    const a = await open('/?region=FR');
    expect(engineLoaded(a)).toBe(false);
    const b = await open('/?region=FR');
    await b.page.evaluate(() => (window as unknown as W).Assent.rejectAll());
    // On b's fast page the decision waits for b's engine: wait until it is stored.
    await b.page.waitForFunction(() => (window as unknown as W).Assent.get().analytics === false);
    await a.page.evaluate(() => {
      const win = window as unknown as W & { withdrew?: unknown };
      document.addEventListener('assent:withdraw', (e) => (win.withdrew = (e as CustomEvent).detail));
      (win.Assent as unknown as { open(v: string): void }).open('preferences'); // loads the engine
    });
    await a.page.waitForFunction(() => (window as unknown as { withdrew?: unknown }).withdrew);
    expect(await a.page.evaluate(() => (window as unknown as { withdrew: unknown }).withdrew)).toEqual({ categories: ['analytics'] });
    expect((await observe(a)).get.analytics).toBe(false);
    await a.page.close();
    await b.page.close();
  });

  it('a visitor who still has to decide gets no saved verdict (US notice not yet answered)', async () => {
    const w = await open('/?region=US-CA');
    expect(await w.page.evaluate(() => localStorage.getItem('assent.snapshot'))).toBeNull();
    const again = await open('/?region=US-CA');
    expect(engineLoaded(again)).toBe(true);
    await w.page.close();
    await again.page.close();
  });

  it('an engine that fails to load on a fast page leaves the page started: widget, ready, and a clear error', async () => {
    await returningVisitor('acceptAll');
    const w = await watchedPage(browser);
    await w.page.addInitScript(() => {
      const win = window as unknown as { seen: string[]; Assent: unknown };
      win.seen = [];
      document.addEventListener('assent:ready', () => win.seen.push('dom ready'));
      win.Assent = [(a: { on(e: string, fn: () => void): void }) => a.on('ready', () => win.seen.push('on ready'))];
    });
    await w.page.goto(`${site.url}/?region=FR&embed=1&core=/missing-core.js`);
    await w.page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length === 2);
    expect(await w.page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['on ready', 'dom ready']);
    expect(await w.page.evaluate(() => (window as unknown as { analyticsRan?: number }).analyticsRan)).toBe(1);
    await w.page.getByRole('button', { name: 'Paramètres des cookies' }).waitFor();
    await w.page.waitForTimeout(200);
    expect(w.console.join('\n')).toContain('could not load');
    expect(w.console.join('\n')).not.toContain('not started');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('fast path with the region from server-sync', () => {
  it('replays only while server-sync places the visitor in the same region', async () => {
    let region = 'FR';
    site.json.set('/v1/receipts', { status: 202, body: '{"accepted":1}' });
    const setRegion = () => site.json.set('/v1/region', { body: JSON.stringify({ region }) });
    setRegion();
    site.json.set('/sync.json', { body: JSON.stringify({ ...config, serverSync: { url: site.url } }) });
    const first = await open('/?cfg=/sync.json');
    await decide(first);
    await first.page.waitForFunction(() => !localStorage.getItem('assent.outbox') || localStorage.getItem('assent.outbox') === '[]');
    await first.page.close();
    const fast = await open('/?cfg=/sync.json');
    expect(engineLoaded(fast)).toBe(false);
    expect(fast.requests.some((r) => r.endsWith('/v1/region'))).toBe(true);
    const seen = await observe(fast);
    expect(seen).toMatchObject({ region: 'FR', analyticsRan: 1 });
    // Consent Mode heard the strictest defaults first (the region was not known yet), then the update.
    expect(seen.dataLayer.length).toBe(4);
    // The engine's path for the same visit pushes the same commands in the same order.
    await fast.page.evaluate(() => localStorage.removeItem('assent.snapshot'));
    const slow = await open('/?cfg=/sync.json');
    expect(engineLoaded(slow)).toBe(true);
    expect(await observe(slow)).toEqual(seen);
    await slow.page.close();

    region = 'BR';
    setRegion();
    const moved = await open('/?cfg=/sync.json');
    expect(engineLoaded(moved)).toBe(true);
    expect(await observe(moved)).toMatchObject({ region: 'BR', regime: 'BR' });
    await fast.page.close();
    await moved.page.close();
  });

  it('a decision made in another tab while the region lookup is pending is never overwritten by the older verdict', async () => {
    site.json.set('/v1/receipts', { status: 202, body: '{"accepted":1}' });
    site.json.set('/v1/region', { body: JSON.stringify({ region: 'FR' }) });
    site.json.set('/sync.json', { body: JSON.stringify({ ...config, serverSync: { url: site.url, regionTimeoutMs: 3000 } }) });
    const first = await open('/?cfg=/sync.json');
    await decide(first);
    await first.page.evaluate(() => localStorage.removeItem('assent.snapshot')); // next page: the engine's path
    // Tab A's engine waits 1.2 s for its region; tab B refuses meanwhile.
    site.json.set('/v1/region', { body: JSON.stringify({ region: 'FR' }), delayMs: 1200 });
    const a = await watchedPage(browser);
    const loadingA = a.page.goto(`${site.url}/?cfg=/sync.json`);
    const b = await watchedPage(browser);
    await b.page.goto(`${site.url}/?cfg=/sync.json`);
    await b.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    await b.page.evaluate(() => (window as unknown as W).Assent.rejectAll());
    await loadingA;
    await a.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    await a.page.evaluate(() => (window as unknown as W).Assent.ready);
    site.json.set('/v1/region', { body: JSON.stringify({ region: 'FR' }) });
    const next = await open('/?cfg=/sync.json');
    expect(await observe(next)).toMatchObject({ analyticsRan: 0, get: { analytics: false } });
    for (const w of [first, a, b, next]) await w.page.close();
  });

  it('a region answer of JSON null falls back to the engine without a crash', async () => {
    site.json.set('/v1/receipts', { status: 202, body: '{"accepted":1}' });
    site.json.set('/v1/region', { body: JSON.stringify({ region: 'FR' }) });
    site.json.set('/sync.json', { body: JSON.stringify({ ...config, serverSync: { url: site.url } }) });
    const first = await open('/?cfg=/sync.json');
    await decide(first);
    site.json.set('/v1/region', { body: 'null' });
    const w = await open('/?cfg=/sync.json');
    expect(engineLoaded(w)).toBe(true);
    expect(w.console.join('\n')).not.toContain('not started');
    expect((await observe(w)).region).toBeNull();
    await first.page.close();
    await w.page.close();
  });

  it('draws the widget for the region server-sync answers: a US visitor gets "Your Privacy Choices"', async () => {
    site.json.set('/v1/region', { body: JSON.stringify({ region: 'US-CA' }) });
    site.json.set('/v1/receipts', { status: 202, body: '{"accepted":1}' });
    site.json.set('/sync.json', { body: JSON.stringify({ ...config, serverSync: { url: site.url } }) });
    const w = await open('/?cfg=/sync.json');
    expect(await observe(w)).toMatchObject({ region: 'US-CA', regime: 'US-CA' });
    await w.page.getByRole('button', { name: 'Your Privacy Choices' }).waitFor();
    await w.page.close();
  });
});
