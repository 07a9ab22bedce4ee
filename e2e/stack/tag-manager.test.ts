/**
 * A site built the way marketing sites are: the documented Assent embed, then Google Tag
 * Manager's container snippet pasted verbatim and left unmarked (a tag manager stays ungated),
 * and the page's own Google tag (its loader marked, its `config` command not). The container
 * (the stand-in of examples/third-party, served for www.googletagmanager.com/gtm.js) injects
 * on its own Meta Pixel, LinkedIn Insight and Hotjar scripts, a LinkedIn `new Image()` pixel, a
 * YouTube iframe and GA4 hits through `fetch` and `sendBeacon`.
 *
 * The container arrives at each timing: before Assent has its config, while the engine
 * (assent-core.js) loads, after Assent is ready; on a first visit, a returning visitor's fast
 * path, and a returning visitor's engine path. Region FR, `gate.interceptNetwork: true`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TAG_MANAGER_VENDORS, vendorServices } from '../../examples/shared/vendor-services.mjs';
import { ASSENT_DELAY_MS, QUIET_MS, assentEmbed, consentDefaults, expectConsentDefaultFirst, markForAssent, snippet, useStack, type Timing, type Visit } from './harness.js';

const stack = useStack();
const services = vendorServices();

const config = {
  policyVersion: 'stack-tag-manager-1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  services: TAG_MANAGER_VENDORS.map((id) => services[id]),
  gate: { interceptNetwork: true },
};

// Everything the container's tags (and the page's Google tag) send once they may, each once.
const HITS = {
  analytics: {
    'www.googletagmanager.com/gtag/js': 1,
    'region1.google-analytics.com/g/collect via=gtag': 1,
    'www.google-analytics.com/g/collect via=tag-manager-fetch': 1,
    'region1.google-analytics.com/g/collect via=tag-manager-beacon': 1,
    'static.hotjar.com/c/hotjar-3456789.js': 1,
    'in.hotjar.com/api/v2/client/sites/3456789/visit-data': 1,
  },
  advertising: {
    'connect.facebook.net/en_US/fbevents.js': 1,
    'www.facebook.com/tr/': 1,
    'snap.licdn.com/li.lms-analytics/insight.min.js': 1,
    'px.ads.linkedin.com/collect/ via=insight': 1,
    'px.ads.linkedin.com/collect/ via=tag-manager-image': 1,
  },
  functional: {
    'www.youtube.com/embed/M7lc1UVf-VE': 1,
  },
} as const;
const COOKIES = {
  analytics: ['_ga', '_ga_A55ENT0000', '_ga_A55ENT0001', '_hjSessionUser_3456789', '_hjSession_3456789'],
  advertising: ['_fbp', 'li_fat_id'],
  functional: [],
} as const;
// The container's tags (examples/third-party/public/tag-manager/container.js), each fired once.
const CONTAINER_TAGS = { 'meta-pixel': 1, 'linkedin-insight': 1, hotjar: 1, 'linkedin-image': 1, 'ga4-page-view': 1, youtube: 1, 'ga4-engagement': 1 };
// Every GA4 hit that reaches Google after "Accept all", with the state it carries.
const GA4_GRANTED = [
  'region1.google-analytics.com/g/collect via=gtag gcs=G111',
  'region1.google-analytics.com/g/collect via=tag-manager-beacon gcs=G111',
  'www.google-analytics.com/g/collect via=tag-manager-fetch gcs=G111',
];
type Category = keyof typeof HITS;
const CATEGORIES = Object.keys(HITS) as Category[];
const ALL_HITS = Object.assign({}, ...CATEGORIES.map((c) => HITS[c])) as Record<string, number>;
const ALL_COOKIES = CATEGORIES.flatMap((c) => COOKIES[c]).sort();
const sorted = (names: readonly string[]) => [...names].sort();

beforeEach(async () => {
  await stack.reset();
  stack.site.json.set('/site.json', { body: JSON.stringify(config) });
  stack.site.pages.set('/tm', {
    head: [
      assentEmbed(),
      snippet('google-tag-manager'),
      // The page's own Google tag: the loader waits for analytics; its `config` command is only
      // a dataLayer entry until gtag.js reads it.
      snippet('google-tag').replace(/<script async[^>]*><\/script>/, (tag) => markForAssent(tag, 'analytics', 'google-analytics')),
    ].join('\n'),
    body: [
      snippet('google-tag-manager-noscript'),
      '<h1>Vocaro webinars</h1>',
      '<div data-tag-manager-slot="video"></div>',
    ].join('\n'),
  });
});

/** The Consent Mode state (`gcs`: G1, then ad_storage and analytics_storage as 1/0) of each GA4 hit that left. */
const ga4States = () =>
  stack.requests.filter((r) => r.host.endsWith('google-analytics.com')).map((r) => `${r.key} gcs=${new URL(r.url).searchParams.get('gcs')}`).sort();

/** What the container saw and did. */
const container = (v: Visit) =>
  v.page.evaluate(() => (window as unknown as { tagManagerStandIn?: { events: Array<{ event: string; consent: Record<string, string> }>; fired: Record<string, number> } }).tagManagerStandIn ?? null);

/**
 * The container ran, and the timing did what it says where the server decides: a container held
 * back until Assent was ready came after it. (Before that, whether the browser asks for the
 * container early is up to Assent: its guard holds cross-origin scripts until the config.)
 */
function expectTiming(timing: Timing) {
  const m = stack.moments;
  expect(m.at('container-served'), 'the container was requested and served').toBeDefined();
  if (timing === 'container-after-ready') expect(m.at('ready')!).toBeLessThan(m.at('container-served')!);
  if (timing === 'container-before-config') expect(m.at('config-served')! - m.at('config-requested')!).toBeGreaterThanOrEqual(ASSENT_DELAY_MS - 5);
}

/**
 * Before a decision (or after "Reject all"): nothing of any vendor left the page or stayed in
 * the jar. Soft: a leak is reported and the test goes on, so one run lists every defect.
 */
async function expectNothingLeaked() {
  expect.soft(stack.vendorHits(), 'vendor requests (the container itself aside)').toEqual({});
  expect.soft(await stack.vendorCookies(), 'vendor cookies').toEqual([]);
}

/** Consent Mode as the container met it: default first, and denied when its first event fired. */
async function expectContainerSawDenied(v: Visit) {
  const layer = await v.dataLayer();
  expectConsentDefaultFirst(layer, expect.soft);
  expect.soft(consentDefaults(layer)).toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied' });
  const seen = await container(v);
  expect(seen?.events[0], 'the container ran').toBeDefined();
  expect(seen!.events[0]!.event).toBe('gtm.js');
  expect
    .soft(seen!.events[0]!.consent, 'Consent Mode state at the container\'s gtm.js event')
    .toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied' });
}

describe('first visit, FR', () => {
  const TIMINGS: Timing[] = ['container-before-config', 'container-during-engine', 'container-after-ready'];
  for (const timing of TIMINGS)
    it(`${timing}: nothing before a decision; "Accept all" runs every held tag exactly once`, async () => {
      const v = await stack.visit('/tm', { timing });
      expectTiming(timing);
      await v.page.getByRole('button', { name: 'Accept all', exact: true }).waitFor();
      await expectNothingLeaked();
      await expectContainerSawDenied(v);

      await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
      expect(await stack.settledHits(ALL_HITS)).toEqual(ALL_HITS);
      expect(await stack.vendorCookies()).toEqual(ALL_COOKIES);
      expect(await v.page.locator('[data-tag-manager-slot="video"] iframe[src*="youtube"]').count()).toBe(1);
      const runs = await v.page.evaluate(() => (window as unknown as { fakeVendors?: Record<string, { runs: number }> }).fakeVendors ?? {});
      expect(Object.fromEntries(Object.entries(runs).map(([k, x]) => [k, x.runs]))).toEqual({ 'google-analytics': 1, 'meta-pixel': 1, 'linkedin-insight': 1, hotjar: 1 });
      // The container itself loaded once and fired each of its tags once.
      expect(stack.requests.filter((r) => r.key === 'www.googletagmanager.com/gtm.js')).toHaveLength(1);
      expect((await container(v))?.fired).toEqual(CONTAINER_TAGS);
      // Google heard the grant: the hits that reached it carry analytics and ad storage granted.
      expect(ga4States()).toEqual(GA4_GRANTED);
    });

  it('container-during-engine: "Reject all" leaves nothing, on this page and the next', async () => {
    const v = await stack.visit('/tm', { timing: 'container-during-engine' });
    await v.page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await stack.decided(v.page);
    await v.page.waitForTimeout(QUIET_MS);
    await expectNothingLeaked();
    await v.close();
    const next = await stack.visit('/tm', { timing: 'container-before-config' });
    await expectNothingLeaked();
    await expectContainerSawDenied(next);
  });

  for (const category of CATEGORIES)
    it(`granting ${category} alone: exactly ${category}'s vendors`, async () => {
      const v = await stack.visit('/tm', { timing: 'container-during-engine' });
      await expectNothingLeaked();
      await v.page.evaluate((c) => (window as unknown as { Assent: { set(d: object): void } }).Assent.set({ [c]: true }), category);
      expect(await stack.settledHits(HITS[category])).toEqual(HITS[category]);
      expect(await stack.vendorCookies()).toEqual(sorted(COOKIES[category]));
    });

  it('withdrawal ("Reject all" in the preferences) deletes the vendor cookies the config lists', async () => {
    const v = await stack.visit('/tm', { timing: 'container-after-ready' });
    await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    await stack.settledHits(ALL_HITS);
    expect(await stack.vendorCookies()).toEqual(ALL_COOKIES);
    await v.page.getByRole('button', { name: 'Cookie settings' }).click();
    await v.page.getByRole('button', { name: 'Reject all', exact: true }).click();
    await expect.poll(() => stack.vendorCookies()).toEqual([]);
  });
});

describe('returning visitor', () => {
  /** A first visit that decides, then a clean log for the next page. */
  async function decided(choice: 'Accept all' | 'Reject all', keepSavedVerdict: boolean) {
    const first = await stack.visit('/tm', { timing: 'container-after-ready' });
    await first.page.getByRole('button', { name: choice, exact: true }).click();
    await stack.decided(first.page);
    if (choice === 'Accept all') await stack.settledHits(ALL_HITS);
    if (!keepSavedVerdict) await first.page.evaluate(() => localStorage.clear());
    await first.close();
    stack.requests.length = 0;
  }

  for (const timing of ['container-before-config', 'container-after-ready'] as Timing[])
    it(`fast path, ${timing}: accepted, every tag runs once; Consent Mode default precedes gtm.js`, async () => {
      await decided('Accept all', true);
      const v = await stack.visit('/tm', { timing });
      expectTiming(timing);
      expect(stack.moments.at('engine-requested'), 'the fast path does not load the engine').toBeUndefined();
      expect(await stack.settledHits(ALL_HITS)).toEqual(ALL_HITS);
      expectConsentDefaultFirst(await v.dataLayer(), expect.soft);
      // The visitor's grant reached Google's tags in time (within the default's wait_for_update):
      // every hit carries it, none went out cookieless first.
      expect(ga4States()).toEqual(GA4_GRANTED);
      expect(await stack.vendorCookies()).toEqual(ALL_COOKIES);
    });

  it('fast path, container-before-config: rejected, nothing leaks; Consent Mode default precedes gtm.js', async () => {
    await decided('Reject all', true);
    const v = await stack.visit('/tm', { timing: 'container-before-config' });
    expectTiming('container-before-config');
    // (The held YouTube iframe's placeholder needs the engine's labels: it may load, per the README.)
    await expectNothingLeaked();
    await expectContainerSawDenied(v);
  });

  it('engine path, container-during-engine: rejected, nothing leaks; Consent Mode default precedes gtm.js', async () => {
    await decided('Reject all', false);
    const v = await stack.visit('/tm', { timing: 'container-during-engine' });
    expectTiming('container-during-engine');
    await expectNothingLeaked();
    await expectContainerSawDenied(v);
  });
});
