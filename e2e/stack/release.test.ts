/**
 * Everything held is released on grant, whenever it was held (issue 13, point 2): a script, an
 * iframe and a `new Image()` pixel toward vendor hosts inserted before Assent has its config,
 * while the engine loads, after Assent is ready (the guard's case), and tags marked in the page.
 * Before a decision none of them leaves the page; "Accept all" releases each exactly once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { vendorServices } from '../../examples/shared/vendor-services.mjs';
import { QUIET_MS, assentEmbed, markForAssent, snippet, useStack } from './harness.js';

const stack = useStack();

const config = {
  policyVersion: 'stack-release-1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  services: Object.values(vendorServices()),
  gate: { interceptNetwork: true },
};

/** Inserts a script, an iframe and a detached `new Image()`, as page code or a tag manager does. */
function insert(urls: { script: string; iframe: string; image: string }): void {
  const s = document.createElement('script');
  s.src = urls.script;
  document.head.appendChild(s);
  const f = document.createElement('iframe');
  f.title = 'Video';
  f.src = urls.iframe;
  (document.body ?? document.documentElement).appendChild(f);
  const img = new Image(1, 1);
  img.src = urls.image;
}

const STAGES = {
  'before-config': {
    script: 'https://connect.facebook.net/en_US/fbevents.js?via=before-config',
    iframe: 'https://www.youtube.com/embed/aqz-KE-bpKQ?via=before-config',
    image: 'https://px.ads.linkedin.com/collect/?pid=7654321&fmt=gif&via=before-config',
  },
  'before-engine': {
    script: 'https://snap.licdn.com/li.lms-analytics/insight.min.js?via=before-engine',
    iframe: 'https://player.vimeo.com/video/76979871?via=before-engine',
    image: 'https://www.facebook.com/tr/?id=1234567890123456&ev=PageView&via=before-engine',
  },
  guard: {
    script: 'https://static.hotjar.com/c/hotjar-3456789.js?sv=6&via=guard',
    iframe: 'https://www.youtube.com/embed/M7lc1UVf-VE?via=guard',
    image: 'https://px.ads.linkedin.com/collect/?pid=7654321&fmt=gif&via=guard',
  },
};

/** Each held thing once, and what the released vendor scripts send themselves. */
const RELEASED = {
  'connect.facebook.net/en_US/fbevents.js via=before-config': 1,
  'www.youtube.com/embed/aqz-KE-bpKQ via=before-config': 1,
  'px.ads.linkedin.com/collect/ via=before-config': 1,
  'snap.licdn.com/li.lms-analytics/insight.min.js via=before-engine': 1,
  'player.vimeo.com/video/76979871 via=before-engine': 1,
  'www.facebook.com/tr/ via=before-engine': 1,
  'static.hotjar.com/c/hotjar-3456789.js via=guard': 1,
  'in.hotjar.com/api/v2/client/sites/3456789/visit-data': 1,
  'www.youtube.com/embed/M7lc1UVf-VE via=guard': 1,
  'px.ads.linkedin.com/collect/ via=guard': 1,
  // Marked in the page: Google's tag (and the page view it sends), YouTube's embed, an image.
  'www.googletagmanager.com/gtag/js': 1,
  'region1.google-analytics.com/g/collect via=gtag': 1,
  'www.youtube.com/embed/M7lc1UVf-VE': 1,
  'www.facebook.com/tr/ via=markup': 1,
};

beforeEach(async () => {
  await stack.reset();
  stack.site.json.set('/site.json', { body: JSON.stringify(config) });
  stack.site.pages.set('/release', {
    head: [
      assentEmbed(),
      // Page code right after the tag runs before Assent has its config.
      `<script>(${insert.toString()})(${JSON.stringify(STAGES['before-config'])});</script>`,
      markForAssent(snippet('google-tag'), 'analytics', 'google-analytics'),
    ].join('\n'),
    body: [
      '<h1>Held at every stage</h1>',
      markForAssent(snippet('youtube'), 'functional', 'youtube'),
      '<img data-assent-category="advertising" data-assent-service="meta-pixel" data-src="https://www.facebook.com/tr/?id=1234567890123456&ev=PageView&via=markup" width="1" height="1" alt="">',
    ].join('\n'),
  });
});

const insertAt = (page: Page, stage: keyof typeof STAGES) => page.evaluate(`(${insert.toString()})(${JSON.stringify(STAGES[stage])})`);

describe('held at every stage, released on grant', () => {
  it('first visit (engine path): nothing leaves before a decision; "Accept all" releases each held thing once', async () => {
    const v = await stack.visit('/release', { duringEngineLoad: (page) => insertAt(page, 'before-engine') });
    expect(stack.moments.at('during-engine-load-done')!, 'inserted while the engine loaded').toBeLessThan(stack.moments.at('engine-served')!);
    await insertAt(v.page, 'guard');
    await v.page.waitForTimeout(QUIET_MS);
    expect.soft(stack.vendorHits(), 'requests before a decision').toEqual({});
    expect.soft(await stack.vendorCookies(), 'cookies before a decision').toEqual([]);

    await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    expect(await stack.settledHits(RELEASED)).toEqual(RELEASED);
    // Nothing is left waiting: no script still inert, no iframe or image without its source.
    const inert = await v.page.evaluate(() =>
      [...document.querySelectorAll('script[type="text/plain"][data-assent-category], iframe[data-src]:not([src]), img[data-src]:not([src])')].map(
        (e) => e.getAttribute('src') ?? e.getAttribute('data-src'),
      ),
    );
    expect(inert).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('a container that ran before the config (the README\'s async embed after GTM\'s snippet): what it injected is released on grant', async () => {
    // assent.js async after GTM's snippet: the container is not held, it runs once assent.js has
    // started and before the config arrives, and the guard holds the vendor scripts it injects.
    stack.site.pages.set('/async', {
      head: [snippet('google-tag-manager'), assentEmbed().replace('></script>', ' async></script>')].join('\n'),
      body: '<div data-tag-manager-slot="video"></div>',
    });
    const v = await stack.visit('/async', { timing: 'container-before-config' });
    expect(stack.moments.at('container-served')!, 'the container came before the config').toBeLessThan(stack.moments.at('config-served')!);
    const held = () =>
      v.page.evaluate(() => [...document.querySelectorAll('script[type="text/plain"][data-assent-category]')].map((e) => e.getAttribute('src')).sort());
    expect(await held()).toEqual([
      'https://connect.facebook.net/en_US/fbevents.js',
      'https://snap.licdn.com/li.lms-analytics/insight.min.js',
      'https://static.hotjar.com/c/hotjar-3456789.js?sv=6',
    ]);
    await v.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    const scripts = ['connect.facebook.net/en_US/fbevents.js', 'snap.licdn.com/li.lms-analytics/insight.min.js', 'static.hotjar.com/c/hotjar-3456789.js'];
    await stack.settledHits(Object.fromEntries(scripts.map((k) => [k, 1])));
    expect.soft(await held(), 'scripts still held after "Accept all"').toEqual([]);
    for (const k of scripts) expect.soft(stack.vendorHits()[k], k).toBe(1);
  });

  it('returning visitor who accepted (fast path): what page code inserts before the config runs once', async () => {
    const first = await stack.visit('/release');
    await first.page.getByRole('button', { name: 'Accept all', exact: true }).click();
    await stack.decided(first.page);
    await stack.settledHits(Object.fromEntries(Object.entries(RELEASED).filter(([k]) => !/before-engine|guard|in\.hotjar/.test(k))));
    await first.close();
    stack.requests.length = 0;
    const v = await stack.visit('/release');
    expect(stack.moments.at('engine-requested'), 'the fast path does not load the engine').toBeUndefined();
    await insertAt(v.page, 'guard');
    const expected = Object.fromEntries(Object.entries(RELEASED).filter(([k]) => !k.includes('before-engine')));
    expect(await stack.settledHits(expected)).toEqual(expected);
  });
});
