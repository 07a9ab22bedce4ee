/**
 * Vendors' published snippets, pasted verbatim (fixtures/snippets) and marked the README's way
 * (`type="text/plain"` + `data-assent-category`, iframes with `data-src`), on a page with the
 * documented embed, region FR (opt-in). Observed where a visitor's privacy is decided: requests
 * that left the page (every one reaches a route), cookies in the browser, the dataLayer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { vendorServices } from '../../examples/shared/vendor-services.mjs';
import { QUIET_MS, assentEmbed, consentDefaults, expectConsentDefaultFirst, markForAssent, snippet, useStack, type Visit } from './harness.js';

const stack = useStack();
const services = vendorServices();

const config = {
  policyVersion: 'stack-snippets-1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  services: Object.values(services),
  gate: { interceptNetwork: true },
};

// What each category's vendors do once they run: every request, once, and the cookies they set.
const HITS = {
  analytics: {
    'www.googletagmanager.com/gtag/js': 1,
    'region1.google-analytics.com/g/collect via=gtag': 1,
    'static.hotjar.com/c/hotjar-3456789.js': 1,
    'in.hotjar.com/api/v2/client/sites/3456789/visit-data': 1,
    'js.hs-scripts.com/4455667.js': 1,
    'js.hs-analytics.net/analytics/<time>/4455667.js': 1,
    'track.hubspot.com/__ptq.gif': 1,
  },
  advertising: {
    'connect.facebook.net/en_US/fbevents.js': 1,
    'www.facebook.com/tr/': 1,
    'snap.licdn.com/li.lms-analytics/insight.min.js': 1,
    'px.ads.linkedin.com/collect/ via=insight': 1,
  },
  functional: {
    'player.vimeo.com/video/76979871': 1,
    'player.vimeo.com/api/player.js': 1,
    'www.youtube.com/embed/M7lc1UVf-VE': 1,
    'widget.intercom.io/widget/a55ent01': 1,
    'api-iam.intercom.io/messenger/web/ping': 1,
  },
} as const;
const COOKIES = {
  analytics: ['__hssc', '__hssrc', '__hstc', '_ga', '_ga_A55ENT0001', '_hjSessionUser_3456789', '_hjSession_3456789', 'hubspotutk'],
  advertising: ['_fbp', 'li_fat_id'],
  functional: ['intercom-device-id-a55ent01', 'intercom-id-a55ent01', 'intercom-session-a55ent01'],
} as const;
// The stand-ins count their runs: each must run once.
const RUNS = {
  analytics: ['google-analytics', 'hotjar', 'hubspot', 'hubspot-analytics'],
  advertising: ['meta-pixel', 'linkedin-insight'],
  functional: ['intercom', 'vimeo'],
} as const;
type Category = keyof typeof HITS;
const CATEGORIES = Object.keys(HITS) as Category[];

const sorted = (names: readonly string[]) => [...names].sort();
const allHits = () => Object.assign({}, ...CATEGORIES.map((c) => HITS[c])) as Record<string, number>;

beforeEach(async () => {
  await stack.reset();
  stack.site.json.set('/site.json', { body: JSON.stringify(config) });
  stack.site.pages.set('/snippets', {
    head: [
      assentEmbed(),
      markForAssent(snippet('google-tag'), 'analytics', 'google-analytics'),
      markForAssent(snippet('meta-pixel'), 'advertising', 'meta-pixel'),
      markForAssent(snippet('linkedin-insight'), 'advertising', 'linkedin-insight'),
      markForAssent(snippet('hotjar'), 'analytics', 'hotjar'),
      markForAssent(snippet('hubspot'), 'analytics', 'hubspot'),
    ].join('\n'),
    body: [
      '<h1>Vocaro: every vendor snippet</h1>',
      // Vimeo's snippet drives the page's first iframe: it comes first.
      markForAssent(snippet('vimeo'), 'functional', 'vimeo'),
      markForAssent(snippet('youtube'), 'functional', 'youtube'),
      '<p>Pricing, product, contact.</p>',
      markForAssent(snippet('intercom'), 'functional', 'intercom'),
    ].join('\n'),
  });
});

const runs = (v: Visit) => v.page.evaluate(() => {
  const reg = (window as unknown as { fakeVendors?: Record<string, { runs: number }> }).fakeVendors ?? {};
  return Object.fromEntries(Object.entries(reg).map(([k, x]) => [k, x.runs]));
});

async function expectNothingLeft(v: Visit) {
  expect(stack.requests.map((r) => `${r.method} ${r.key}`)).toEqual([]);
  expect(await stack.vendorCookies()).toEqual([]);
  expect(await runs(v)).toEqual({});
}

describe('snippets marked the README way, first visit in FR', () => {
  it('before a decision: zero vendor requests, zero vendor cookies, Consent Mode default denied and first', async () => {
    const v = await stack.visit('/snippets');
    await v.page.getByRole('button', { name: 'Accept all', exact: true }).waitFor();
    await expectNothingLeft(v);
    const layer = await v.dataLayer();
    expectConsentDefaultFirst(layer);
    expect(consentDefaults(layer)).toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    // The iframes wait behind placeholders, with nothing requested.
    expect(await v.page.locator('iframe[src]').count()).toBe(0);
    expect(v.errors).toEqual([]);
  });

  it('"Reject all": still nothing, also on the next page', async () => {
    const v = await stack.visit('/snippets');
    await v.page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await stack.decided(v.page);
    await v.page.waitForTimeout(QUIET_MS);
    await expectNothingLeft(v);
    await v.page.reload();
    await v.page.waitForFunction(() => (window as unknown as { Assent?: { ready?: unknown } }).Assent?.ready);
    await v.page.waitForLoadState('load');
    await v.page.waitForTimeout(QUIET_MS);
    await expectNothingLeft(v);
    expectConsentDefaultFirst(await v.dataLayer());
    expect(await v.page.getByRole('button', { name: 'Accept all', exact: true }).count()).toBe(0);
  });

  for (const category of CATEGORIES)
    it(`granting ${category} alone runs exactly ${category}'s vendors`, async () => {
      const v = await stack.visit('/snippets');
      await v.page.evaluate((c) => (window as unknown as { Assent: { set(d: object): void } }).Assent.set({ [c]: true }), category);
      expect(await stack.settledHits(HITS[category])).toEqual(HITS[category]);
      expect(await stack.vendorCookies()).toEqual(sorted(COOKIES[category]));
      expect(await runs(v)).toEqual(Object.fromEntries(RUNS[category].map((n) => [n, 1])));
    });

  it('"Accept all": every held tag runs exactly once, and the vendors set their cookies', async () => {
    const v = await stack.visit('/snippets');
    await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    expect(await stack.settledHits(allHits())).toEqual(allHits());
    expect(await runs(v)).toEqual(Object.fromEntries(CATEGORIES.flatMap((c) => RUNS[c]).map((n) => [n, 1])));
    expect(await stack.vendorCookies()).toEqual(sorted(CATEGORIES.flatMap((c) => COOKIES[c])));
    expect(await v.page.locator('iframe[src*="vimeo"], iframe[src*="youtube"]').count()).toBe(2);
    expect(v.errors).toEqual([]);
  });

  it('withdrawal deletes the cookies the config lists for the withdrawn categories', async () => {
    const v = await stack.visit('/snippets');
    await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    await stack.settledHits(allHits());
    // `set` takes the whole decision: advertising withdrawn, the rest kept.
    await v.page.evaluate(() =>
      (window as unknown as { Assent: { set(d: object): void } }).Assent.set({ functional: true, analytics: true, advertising: false }),
    );
    await expect.poll(() => stack.vendorCookies()).toEqual(sorted([...COOKIES.analytics, ...COOKIES.functional]));
    // Every listed cookie of the rest goes with "Reject all" from the preferences.
    await v.page.getByRole('button', { name: 'Cookie settings' }).click();
    await v.page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await expect.poll(() => stack.vendorCookies()).toEqual([]);
  });
});

describe('returning visitor', () => {
  it('fast path (saved verdict, no engine): the granted tags run once, Consent Mode default first', async () => {
    const first = await stack.visit('/snippets');
    await first.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    await stack.settledHits(allHits());
    await first.close();
    stack.requests.length = 0;
    const v = await stack.visit('/snippets');
    expect(stack.moments.at('engine-requested'), 'the fast path does not load the engine').toBeUndefined();
    expect(await stack.settledHits(allHits())).toEqual(allHits());
    expectConsentDefaultFirst(await v.dataLayer());
  });

  it('engine path (stored decision, no saved verdict): Reject all holds, Consent Mode default first', async () => {
    const first = await stack.visit('/snippets');
    await first.page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await stack.decided(first.page);
    await first.page.evaluate(() => localStorage.clear());
    await first.close();
    stack.requests.length = 0;
    const v = await stack.visit('/snippets');
    expect(stack.moments.at('engine-requested'), 'without a saved verdict the engine decides').toBeDefined();
    await expectNothingLeft(v);
    expectConsentDefaultFirst(await v.dataLayer());
  });
});
