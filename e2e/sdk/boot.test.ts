/** The script-tag bundle boots in Chromium and exposes the public API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let site: SiteServer;
let browser: Browser;
const config = {
  policyVersion: 'boot-1',
  privacyPolicyUrl: '/privacy',
  ui: { src: '/stub-ui.js' },
  services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['analytics.localhost'] }],
};

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
  site.json.set('/site.json', { body: JSON.stringify(config) });
  site.json.set('/broken.json', { body: '{"policyVersion": 7, "services": "x"}' });
  site.pages.set('/', (q) => ({ body: assentTag(q.get('cfg') ?? '/site.json', q.get('region') ? { 'data-assent-region': q.get('region')! } : {}) }));
  site.pages.set('/queue', {
    head: `<script nonce="{{nonce}}">(window.Assent = window.Assent || []).push(function (a) { window.queuedSaw = a.regime.key; });</script>`,
    body: `<a href="#prefs" data-assent-open><span>Cookie preferences</span></a>${assentTag('/site.json', { 'data-assent-region': 'GB' })}`,
  });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

type W = { Assent: { get(): unknown; regime: { key: string; reason: string }; region: string | null; needsDecision: boolean; acceptAll(): void } };

describe('assent.js', () => {
  it('boots from a config URL and exposes window.Assent', async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/?region=fr`);
    await w.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    const state = await w.page.evaluate(async () => {
      const a = (window as unknown as W).Assent;
      return { get: a.get(), region: a.region, regime: a.regime.key, reason: a.regime.reason, needs: a.needsDecision };
    });
    expect(state).toEqual({
      get: { necessary: true, functional: false, analytics: false, advertising: false },
      region: 'FR',
      regime: 'FR',
      reason: 'FR from attribute; row FR',
      needs: true,
    });
    // A decision is needed: assent.js draws the first layer itself (French, the FR row's language);
    // the dialogs' bundle is not fetched.
    await w.page.getByRole('region', { name: 'Vos choix en matière de cookies' }).waitFor();
    expect(w.requests.some((r) => r.includes('stub-ui.js'))).toBe(false);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a returning visitor downloads assent.js alone (no UI bundle)', async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/?region=FR`);
    await w.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    await w.page.evaluate(() => (window as unknown as W).Assent.acceptAll());
    // Recorded once the engine, fetched by the decision, has run.
    await w.page.waitForFunction(() => !(window as unknown as W).Assent.needsDecision);
    const again = await watchedPage(browser);
    await again.page.goto(`${site.url}/?region=FR`);
    await again.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    await again.page.waitForTimeout(300);
    expect(again.requests.map((r) => new URL(r.split(' ')[1]!).pathname)).toEqual(['/', '/assent/assent.js', '/site.json']);
    await w.page.close();
    await again.page.close();
    await browser.context.clearCookies();
  });

  it('runs callbacks queued before it loaded, and opens preferences from data-assent-open', async () => {
    await browser.context.clearCookies();
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/queue`);
    await w.page.waitForFunction(() => (window as unknown as { queuedSaw?: string }).queuedSaw);
    expect(await w.page.evaluate(() => (window as unknown as { queuedSaw: string }).queuedSaw)).toBe('GB');
    await w.page.evaluate(() => (window as unknown as W).Assent.acceptAll());
    await w.page.reload(); // returning visitor: no UI until asked
    await w.page.waitForFunction(() => (window as unknown as Partial<W>).Assent);
    await w.page.waitForTimeout(200);
    expect(await w.page.evaluate(() => (window as unknown as { __dialog?: string }).__dialog)).toBeUndefined();
    await w.page.getByText('Cookie preferences').click();
    await w.page.waitForFunction(() => (window as unknown as { __dialog?: string }).__dialog === 'preferences');
    expect(w.page.url()).not.toContain('#prefs');
    await w.page.close();
    await browser.context.clearCookies();
  });

  it('served from another origin (a CDN), it still loads its own engine and UI', async () => {
    const cdn = await startSite();
    try {
      site.pages.set('/cdn', { body: assentTag(config, { 'data-assent-region': 'GB' }).replace('src="/assent/', `src="${cdn.url}/assent/`) });
      const w = await watchedPage(browser);
      await w.page.goto(`${site.url}/cdn`);
      await w.page.waitForFunction(() => (window as unknown as Partial<W>).Assent, null, { timeout: 5000 });
      await w.page.getByRole('button', { name: 'Customize' }).click();
      await w.page.waitForFunction(() => (window as unknown as { __dialog?: string }).__dialog === 'preferences', null, { timeout: 5000 });
      // The dialogs' URL in the config is resolved against assent.js; English is built into
      // assent.js, so no language file is fetched.
      expect(cdn.hits).toEqual(['GET /assent/assent.js', 'GET /assent/assent-core.js', 'GET /stub-ui.js']);
      expect(w.errors).toEqual([]);
      await w.page.close();
    } finally {
      await cdn.close();
    }
  });

  it('assent.<lang>.js draws its language\'s first layer with no language file; a visitor in another language gets that one', async () => {
    site.pages.set('/fr', { body: assentTag(config, { 'data-assent-region': 'FR' }).replace('/assent/assent.js', '/assent/assent.fr.js') });
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/fr`);
    await w.page.getByRole('region', { name: 'Vos choix en matière de cookies' }).waitFor();
    // One file: the engine waits for the visitor (France grants nothing before a decision).
    expect(w.requests.map((r) => new URL(r.split(' ')[1]!).pathname)).toEqual(['/fr', '/assent/assent.fr.js']);
    await w.page.close();
    await browser.context.clearCookies();
    // The same file in Germany: the region's language rules, and its file is fetched.
    site.pages.set('/fr-de', { body: assentTag(config, { 'data-assent-region': 'DE' }).replace('/assent/assent.js', '/assent/assent.fr.js') });
    const de = await watchedPage(browser);
    await de.page.goto(`${site.url}/fr-de`);
    await de.page.getByRole('region', { name: 'Ihre Cookie-Auswahl' }).waitFor();
    expect(de.requests.map((r) => new URL(r.split(' ')[1]!).pathname)).toContain('/assent/i18n/de.js');
    await de.page.close();
    await browser.context.clearCookies();
  });

  it('a broken config starts nothing and says why', async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/?cfg=/broken.json&region=US-CA`);
    await w.page.waitForTimeout(500);
    expect(await w.page.evaluate(() => typeof (window as unknown as Partial<W>).Assent)).toBe('undefined');
    expect(w.console.join('\n')).toContain('every gated tag stays blocked');
    expect(w.console.join('\n')).toContain('/policyVersion: expected a string, got number');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
