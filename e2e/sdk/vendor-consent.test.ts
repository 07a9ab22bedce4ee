/**
 * Vendor consent APIs in Chromium, through the script tag and the real gate: a vendor snippet
 * held as `text/plain` is released by a grant and its queue then receives the consent call; a
 * withdrawal reaches a vendor already running. The snippets below follow the queue protocol the
 * vendors publish (a function that queues its arguments until the library loads).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let site: SiteServer;
let browser: Browser;

const config = {
  policyVersion: 'e2e-vendor-consent',
  privacyPolicyUrl: '/privacy',
  categories: ['analytics', 'advertising'],
  ui: { src: '/stub-ui.js', widget: { hidden: true } },
  services: [
    { id: 'clarity', name: 'Clarity', provider: 'Microsoft', category: 'analytics', purpose: 'Session analytics', hosts: ['clarity.localhost'], consentApi: 'microsoft-clarity' },
    { id: 'pixel', name: 'Pixel', provider: 'Meta', category: 'advertising', purpose: 'Ads', hosts: ['pixel.localhost'], consentApi: 'meta' },
  ],
};

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
  // The same vendors named by preset (hosts moved to loopback): the script tag loads the presets table.
  const presetConfig = {
    ...config,
    policyVersion: 'e2e-vendor-presets',
    services: [
      { preset: 'microsoft-clarity', hosts: ['clarity.localhost'] },
      { preset: 'meta-pixel', hosts: ['pixel.localhost'] },
    ],
  };
  site.pages.set('/presets', () => ({
    body: `
      ${assentTag(presetConfig, { 'data-assent-region': 'FR' })}
      <script type="text/plain" data-assent-category="analytics" data-assent-service="microsoft-clarity" nonce="{{nonce}}">
        window.clarity = window.clarity || function () { (window.clarity.q = window.clarity.q || []).push([].slice.call(arguments)); };
      </script>`,
  }));
  site.pages.set('/vendors', () => ({
    body: `
      ${assentTag(config, { 'data-assent-region': 'FR' })}
      <script type="text/plain" data-assent-category="analytics" data-assent-service="clarity" nonce="{{nonce}}">
        window.clarity = window.clarity || function () { (window.clarity.q = window.clarity.q || []).push([].slice.call(arguments)); };
      </script>
      <script type="text/plain" data-assent-category="advertising" data-assent-service="pixel" nonce="{{nonce}}">
        if (!window.fbq) { window.fbq = function () { window.fbq.queue.push([].slice.call(arguments)); }; window.fbq.queue = []; }
        fbq('init', '123');
      </script>`,
  }));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

type Page = { clarity?: { q?: unknown[][] }; fbq?: { queue: unknown[][] }; Assent: { ready: Promise<void>; acceptAll(): void; rejectAll(): void } };

describe('vendor consent APIs through the script tag', () => {
  it('tell a snippet released by the grant, and a running vendor of the withdrawal', async () => {
    await browser.context.clearCookies();
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/vendors`);
    await w.page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
    await w.page.evaluate(() => (window as unknown as Page).Assent.ready);
    expect(await w.page.evaluate(() => [typeof (window as unknown as Page).clarity, typeof (window as unknown as Page).fbq])).toEqual(['undefined', 'undefined']);

    await w.page.evaluate(() => (window as unknown as Page).Assent.acceptAll());
    await w.page.waitForFunction(() => ((window as unknown as Page).clarity?.q ?? []).length > 0);
    expect(await w.page.evaluate(() => (window as unknown as Page).clarity!.q)).toEqual([
      ['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }],
    ]);
    expect(await w.page.evaluate(() => (window as unknown as Page).fbq!.queue)).toEqual([['init', '123'], ['consent', 'grant']]);

    await w.page.evaluate(() => (window as unknown as Page).Assent.rejectAll());
    expect(await w.page.evaluate(() => (window as unknown as Page).fbq!.queue.at(-1))).toEqual(['consent', 'revoke']);
    expect(await w.page.evaluate(() => (window as unknown as Page).clarity!.q!.at(-1))).toEqual([
      'consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' },
    ]);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a config naming presets: the table loads with the page (the engine with the decision), and a returning page replays the vendor calls without either', async () => {
    await browser.context.clearCookies();
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/presets`);
    await w.page.getByRole('region', { name: 'Vos choix en matière de cookies' }).waitFor();
    const paths = () => w.requests.map((r) => new URL(r.split(' ')[1]!).pathname);
    expect(paths()).toContain('/assent/assent-presets.js');
    expect(paths()).not.toContain('/assent/assent-core.js');
    await w.page.evaluate(() => (window as unknown as Page).Assent.acceptAll());
    await w.page.waitForFunction(() => ((window as unknown as Page).clarity?.q ?? []).length > 0);
    expect(await w.page.evaluate(() => (window as unknown as Page).clarity!.q)).toEqual([['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }]]);
    await w.page.close();

    const again = await watchedPage(browser);
    await again.page.goto(`${site.url}/presets`);
    await again.page.waitForFunction(() => ((window as unknown as Page).clarity?.q ?? []).length > 0);
    expect(await again.page.evaluate(() => (window as unknown as Page).clarity!.q)).toEqual([['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }]]);
    // The saved verdict holds the expanded config and the vendor calls: assent.js alone.
    expect(again.requests.map((r) => new URL(r.split(' ')[1]!).pathname)).toEqual(['/presets', '/assent/assent.js']);
    expect(again.errors).toEqual([]);
    await again.page.close();
    await browser.context.clearCookies();
  });
});
