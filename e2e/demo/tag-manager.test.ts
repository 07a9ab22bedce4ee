/**
 * The demo's tag-manager page (/tag-manager): GTM's container snippet loads the third-party
 * origin's stand-in container, which injects Meta Pixel, LinkedIn Insight and Hotjar scripts, a
 * LinkedIn `new Image()` pixel, a YouTube iframe and GA4 hits by itself. Observed at the fake
 * vendors' own request log and in the cookie jar: nothing reaches a vendor before consent,
 * everything once after "Tout accepter", and Consent Mode's default precedes the container's
 * first event.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_VENDOR_HOSTS } from '../../examples/third-party/server.mjs';
import { eventually, newVisitor, settle, siteCookies, visit, useTestDemo } from './harness.js';

const env = useTestDemo();

const CONTAINER = 'www.googletagmanager.com.localhost/gtm.js';
/** What the container's tags send once they may, each once (host under `.localhost`, path, tag). */
const HITS = {
  'connect.facebook.net.localhost/en_US/fbevents.js': 1,
  'www.facebook.com.localhost/tr/': 1,
  'snap.licdn.com.localhost/li.lms-analytics/insight.min.js': 1,
  'px.ads.linkedin.com.localhost/collect/ via=insight': 1,
  'px.ads.linkedin.com.localhost/collect/ via=tag-manager-image': 1,
  'static.hotjar.com.localhost/c/hotjar-3456789.js': 1,
  'in.hotjar.com.localhost/api/v2/client/sites/3456789/visit-data': 1,
  'www.google-analytics.com.localhost/g/collect via=tag-manager-fetch': 1,
  'region1.google-analytics.com.localhost/g/collect via=tag-manager-beacon': 1,
  'www.youtube.com.localhost/embed/M7lc1UVf-VE': 1,
};
const COOKIES = ['_fbp', '_ga', '_ga_A55ENT0000', '_hjSessionUser_3456789', '_hjSession_3456789', 'li_fat_id'];

/** Requests to the real vendors' stand-ins since `since` (the demo's own four vendors aside): `key → count`. */
function vendorHits(since: number): Record<string, number> {
  const hits: Record<string, number> = {};
  for (const r of env.demo.thirdParty.list({ since })) {
    if (DEMO_VENDOR_HOSTS.includes(r.host)) continue;
    const via = new URLSearchParams(r.query).get('via');
    const key = `${r.host}${r.path}${via ? ` via=${via}` : ''}`;
    hits[key] = (hits[key] ?? 0) + 1;
  }
  return hits;
}

describe('/tag-manager, first visit in FR', () => {
  it('is linked from the navigation and embeds Assent first in <head>, synchronously', async () => {
    const html = await (await fetch(`${env.demo.urls.site}/tag-manager?region=FR`)).text();
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const first = /<script\b[^>]*>/.exec(head)?.[0] ?? '';
    expect(first).toMatch(/src="\/assent\/assent\.js"/);
    expect(first).not.toMatch(/\basync\b|\bdefer\b/);
    expect(head.indexOf('assent.js')).toBeLessThan(head.indexOf('gtm.js'));
    const home = await (await fetch(`${env.demo.urls.site}/`)).text();
    expect(home).toMatch(/<a href="\/tag-manager"[^>]*>Tag manager<\/a>/);
  });

  it('nothing reaches a vendor before a decision; "Tout accepter" sends every tag once', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, '/tag-manager', 'FR');
    await page.getByRole('button', { name: 'Tout accepter', exact: true }).waitFor();
    await eventually(() => env.demo.thirdParty.list({ since: t0 }).some((r) => `${r.host}${r.path}` === CONTAINER), 'the container request');
    await settle(page);

    expect.soft(vendorHits(t0), 'vendor requests before a decision (the container aside)').toEqual({ [CONTAINER]: 1 });
    const cookies = [...(await siteCookies(env.visitor, env.demo)).keys()].filter((n) => n !== 'assent' && n !== 'demo_region');
    expect.soft(cookies, 'vendor cookies before a decision').toEqual([]);
    const order = await page.evaluate(() =>
      ((window as unknown as { dataLayer: unknown[] }).dataLayer ?? []).map((e) =>
        e && typeof (e as { length?: unknown }).length === 'number' ? Array.from(e as ArrayLike<unknown>).slice(0, 2).join(':') : String((e as { event?: unknown }).event),
      ),
    );
    const firstDefault = order.findIndex((l) => l === 'consent:default');
    expect.soft(firstDefault, `dataLayer: ${order.join(' | ')}`).toBeGreaterThanOrEqual(0);
    expect.soft(firstDefault, `consent default before gtm.js; dataLayer: ${order.join(' | ')}`).toBeLessThan(order.indexOf('gtm.js'));

    const t1 = Date.now();
    await page.getByRole('button', { name: 'Tout accepter', exact: true }).click();
    await eventually(() => Object.keys(HITS).every((k) => k in vendorHits(t1)), 'every tag of the container after "Tout accepter"');
    await settle(page, 500);
    expect(vendorHits(t1)).toEqual(HITS);
    const after = await siteCookies(env.visitor, env.demo);
    for (const name of COOKIES) expect(after.has(name), `cookie ${name}`).toBe(true);
    expect(env.visitor.problems).toEqual([]);
  });
});
