/**
 * Host patterns with a path, a query prefix and a wildcard, as vendor presets use them
 * (`www.googletagmanager.com/gtag/js?id=G-` vs `…/gtm.js`), decided by the real guard in
 * Chromium: one host serves three services' files, each released only with its own category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThirdParty, type ThirdPartyServer } from '../../examples/third-party/server.mjs';
import { launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let tp: ThirdPartyServer;
let site: SiteServer;
let browser: Browser;

const config = {
  policyVersion: 'e2e-host-patterns',
  privacyPolicyUrl: '/privacy',
  categories: ['functional', 'analytics', 'advertising'],
  ui: { src: '/stub-ui.js', widget: { hidden: true } },
  services: [
    { id: 'container', name: 'Container', provider: 'P', category: 'functional', purpose: 'Tag container', hosts: ['analytics.localhost/gtm.js'] },
    { id: 'stats', name: 'Stats', provider: 'P', category: 'analytics', purpose: 'Statistics', hosts: ['analytics.localhost/gtag/js?id=G-'] },
    { id: 'ads', name: 'Ads', provider: 'P', category: 'advertising', purpose: 'Ads', hosts: ['analytics.localhost/gtag/js?id=AW-', '*.ads.localhost'] },
  ],
};

/** What the page inserts after assent.js, as a tag manager would. */
const FILES = {
  container: '/gtm.js?id=GTM-1',
  stats: '/gtag/js?l=dataLayer&id=G-1',
  ads: '/gtag/js?id=AW-1',
  wildcardApex: 'ads',
  wildcardSub: 'sub',
};

beforeAll(async () => {
  tp = await startThirdParty({ port: 0 });
  site = await startSite();
  browser = await launch();
  site.pages.set('/patterns', () => ({
    body: `
      ${assentTag(config, { 'data-assent-region': 'GB' })}
      <script nonce="{{nonce}}">
        const a = ${JSON.stringify(tp.vendorUrl('analytics.localhost'))};
        const port = new URL(a).port;
        for (const path of ${JSON.stringify([FILES.container, FILES.stats, FILES.ads])}) {
          const s = document.createElement('script');
          s.src = a + path;
          document.head.appendChild(s);
        }
        for (const host of ['ads.localhost', 'sub.ads.localhost']) {
          const img = document.createElement('img');
          img.alt = '';
          img.src = 'http://' + host + ':' + port + '/px.gif?pattern=wildcard';
          document.body.appendChild(img);
        }
      </script>`,
  }));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await tp?.close();
});

const sent = (requests: string[]) => ({
  container: requests.some((r) => r.includes('/gtm.js?id=GTM-1')),
  stats: requests.some((r) => r.includes('id=G-1')),
  ads: requests.some((r) => r.includes('id=AW-1')),
  apex: requests.some((r) => r.includes('//ads.localhost:')),
  sub: requests.some((r) => r.includes('//sub.ads.localhost:')),
});

describe('host + path + query patterns in Chromium', () => {
  it('hold each file of a shared host until its own service is granted', async () => {
    await browser.context.clearCookies();
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/patterns`);
    await w.page.waitForFunction(() => (window as unknown as { Assent?: { ready: Promise<void> } }).Assent);
    await w.page.evaluate(() => (window as unknown as { Assent: { ready: Promise<void> } }).Assent.ready);
    await w.page.waitForTimeout(200);
    expect(sent(w.requests)).toEqual({ container: false, stats: false, ads: false, apex: false, sub: false });

    await w.page.evaluate(() => (window as unknown as { Assent: { set(c: object): void } }).Assent.set({ analytics: true }));
    await w.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('id=G-1')));
    expect(sent(w.requests)).toEqual({ container: false, stats: true, ads: false, apex: false, sub: false });

    await w.page.evaluate(() => (window as unknown as { Assent: { acceptAll(): void } }).Assent.acceptAll());
    await w.page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => /gtm\.js|AW-1|px\.gif/.test(e.name)).length >= 4);
    expect(sent(w.requests)).toEqual({ container: true, stats: true, ads: true, apex: true, sub: true });
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
