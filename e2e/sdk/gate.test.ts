/**
 * The tag gate in real Chromium: third-party vendors on *.localhost, every request and cookie
 * recorded. Decisions are made through the public `window.Assent` API (the UI is stubbed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThirdParty, type ThirdPartyServer } from '../../examples/third-party/server.mjs';
import { launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let tp: ThirdPartyServer;
let site: SiteServer;
let browser: Browser;

const config = (extra: Record<string, unknown> = {}) => ({
  policyVersion: 'e2e-1',
  privacyPolicyUrl: '/privacy',
  ui: { src: '/stub-ui.js' },
  services: [
    { id: 'metricly', name: 'Metricly', provider: 'Metricly Inc.', category: 'analytics', purpose: 'Statistics', hosts: ['analytics.localhost'], cookies: [{ name: 'demo_analytics_id', duration: '13 months', purpose: 'Visitor id' }] },
    { id: 'adnet', name: 'AdNet', provider: 'AdNet Ltd.', category: 'advertising', purpose: 'Ads', hosts: ['ads.localhost'], cookies: [{ name: 'demo_ads_id', duration: '90 days', purpose: 'Ad id' }], saleOrShare: true },
    { id: 'vidhost', name: 'VidHost', provider: 'VidHost', category: 'functional', purpose: 'Video', hosts: ['video.localhost'] },
  ],
  ...extra,
});

const thirdPartyRequests = (requests: string[]) => requests.filter((r) => /\/\/[a-z]+\.localhost[:/]/.test(r));
const cookieNames = async () => (await browser.context.cookies(site.url)).map((c) => c.name).sort();

beforeAll(async () => {
  tp = await startThirdParty({ port: 0 });
  site = await startSite();
  browser = await launch();
  const v = (h: string) => tp.vendorUrl(h);
  site.pages.set('/gated', () => ({
    body: `
      <h1>Gated page</h1>
      ${assentTag(config(), { 'data-assent-region': 'GB' })}
      <script type="text/plain" data-assent-category="analytics" data-assent-service="metricly" src="${v('analytics.localhost')}/tag.js"></script>
      <script type="text/plain" data-assent-category="analytics" data-assent-service="metricly" nonce="{{nonce}}">window.order=(window.order||[]).concat('inline-after-tag:'+(window.demoAnalytics?'tag-ran':'tag-missing'))</script>
      <script type="text/plain" data-assent-category="analytics" nonce="{{nonce}}">window.order=(window.order||[]).concat('second')</script>
      <script type="text/plain" data-assent-category="advertising" data-assent-service="adnet" src="${v('ads.localhost')}/pixel.js"></script>
      <iframe title="Product video" data-assent-category="functional" data-assent-service="vidhost" data-src="${v('video.localhost')}/embed" width="320" height="180"></iframe>
      <script type="text/plain" data-assent-category="marketing" nonce="{{nonce}}">window.unknownRan=true</script>
      <script type="text/plain" data-assent-category="marketing" nonce="{{nonce}}">window.unknownRan=true</script>`,
  }));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await tp?.close();
});

async function openGated(path = '/gated') {
  const w = await watchedPage(browser);
  await w.page.goto(site.url + path);
  await w.page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
  await w.page.evaluate(() => (window as unknown as { Assent: { ready: Promise<void> } }).Assent.ready);
  return w;
}

describe('before a decision (GB, opt-in)', () => {
  it('makes zero third-party requests and sets zero cookies, also for dynamic insertions', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const w = await openGated();
    await w.page.evaluate((ads) => {
      const s = document.createElement('script');
      s.src = `${ads}/pixel.js?dynamic=1`;
      document.head.appendChild(s);
      const holder = document.createElement('div');
      holder.innerHTML = `<img src="${ads}/px.gif?html=1" alt=""><iframe src="${ads}/frame"></iframe>`;
      document.body.append(holder);
      document.body.insertAdjacentHTML('beforeend', `<img src="${ads}/px.gif?adjacent=1" alt="">`);
      const i = document.createElement('iframe');
      document.body.appendChild(i);
      i.src = `${ads}/late`;
      const img = document.createElement('img');
      img.setAttribute('src', `${ads}/px.gif?attr=1`);
      document.body.append(img);
    }, tp.vendorUrl('ads.localhost'));
    await w.page.waitForTimeout(800);
    expect(thirdPartyRequests(w.requests)).toEqual([]);
    expect(tp.requests).toEqual([]);
    expect(await cookieNames()).toEqual([]);
    expect(w.errors).toEqual([]);
    // The iframe shows an accessible placeholder instead.
    const ph = w.page.getByRole('group', { name: 'VidHost' });
    await expect(ph.getByRole('button', { name: 'Load once' }).count()).resolves.toBe(1);
    await expect(ph.getByRole('button', { name: 'Allow functional cookies' }).count()).resolves.toBe(1);
    expect(await w.page.evaluate(() => (window as unknown as { unknownRan?: boolean }).unknownRan)).toBeUndefined();
    expect(w.console.filter((c) => c.includes('unknown category "marketing"'))).toHaveLength(1);
    await w.page.close();
  });
});

describe('while the config loads', () => {
  it('holds cross-origin insertions, then releases those no service claims', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const cfg = config();
    cfg.services = cfg.services.filter((x) => x.id !== 'vidhost');
    site.json.set('/slow-site.json', { body: JSON.stringify(cfg), delayMs: 700 });
    site.pages.set('/slow', {
      body: `<script src="/assent/assent.js" data-assent-config="/slow-site.json" data-assent-region="GB"></script>
        <script nonce="{{nonce}}">
          for (const src of ['${tp.vendorUrl('video.localhost')}/embed?early=1', '${tp.vendorUrl('ads.localhost')}/frame?early=1']) {
            const f = document.createElement('iframe');
            f.src = src;
            document.body.appendChild(f);
          }
        </script>`,
    });
    const w = await watchedPage(browser);
    await w.page.goto(`${site.url}/slow`);
    await w.page.waitForTimeout(400);
    expect(tp.requests).toEqual([]); // config not there yet: both held
    await w.page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
    await expect.poll(() => tp.requests.map((r) => `${r.host}${r.path}`)).toEqual(['video.localhost/embed']);
    await w.page.waitForTimeout(300);
    expect(tp.list({ host: 'ads.localhost' })).toEqual([]);
    await w.page.close();
  });
});

describe('decisions', () => {
  it('reject all: still nothing, also after reload', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const w = await openGated();
    await w.page.evaluate(() => (window as unknown as { Assent: { rejectAll(): void } }).Assent.rejectAll());
    await w.page.waitForTimeout(300);
    await w.page.reload();
    await w.page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
    await w.page.waitForTimeout(500);
    expect(thirdPartyRequests(w.requests)).toEqual([]);
    expect(await cookieNames()).toEqual(['assent']);
    expect(await w.page.evaluate(() => (window as unknown as { Assent: { needsDecision: boolean } }).Assent.needsDecision)).toBe(false);
    await w.page.close();
  });

  it('analytics only: the analytics tag runs (in page order), the ads host stays silent', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const w = await openGated();
    await w.page.evaluate(() => (window as unknown as { Assent: { set(c: object): void } }).Assent.set({ analytics: true }));
    await w.page.waitForFunction(() => (window as unknown as { order?: string[] }).order?.length === 2);
    expect(await w.page.evaluate(() => (window as unknown as { order: string[] }).order)).toEqual(['inline-after-tag:tag-ran', 'second']);
    await w.page.waitForTimeout(300);
    const hosts = new Set(tp.requests.map((r) => r.host));
    expect([...hosts]).toEqual(['analytics.localhost']);
    expect(tp.requests.map((r) => r.path)).toEqual(['/tag.js', '/collect']);
    expect(await cookieNames()).toEqual(['assent', 'demo_analytics_id']);

    // A script inserted later toward the ads host waits for advertising.
    await w.page.evaluate((ads) => {
      const s = document.createElement('script');
      s.src = `${ads}/pixel.js?late=1`;
      document.body.appendChild(s);
    }, tp.vendorUrl('ads.localhost'));
    await w.page.waitForTimeout(300);
    expect(tp.list({ host: 'ads.localhost' })).toEqual([]);
    await w.page.evaluate(() => (window as unknown as { Assent: { set(c: object): void } }).Assent.set({ analytics: true, advertising: true }));
    await w.page.waitForFunction(() => document.cookie.includes('demo_ads_id'));
    const adPaths = tp.list({ host: 'ads.localhost' }).map((r) => r.path + r.query);
    expect(adPaths).toContain('/pixel.js');
    expect(adPaths).toContain('/pixel.js?late=1');

    // Withdrawing analytics deletes its cookie, keeps the others, and tells the page.
    await w.page.evaluate(() => {
      document.addEventListener('assent:withdraw', (e) => ((window as unknown as { withdrew: unknown }).withdrew = (e as CustomEvent).detail));
      (window as unknown as { Assent: { set(c: object): void } }).Assent.set({ advertising: true });
    });
    expect(await cookieNames()).toEqual(['assent', 'demo_ads_id']);
    expect(await w.page.evaluate(() => (window as unknown as { withdrew: unknown }).withdrew)).toEqual({ categories: ['analytics'] });
    await w.page.close();
  });

  it('the placeholder loads the embed once, or grants its category', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const w = await openGated();
    await w.page.getByRole('button', { name: 'Load once' }).click();
    await expect.poll(() => tp.list({ host: 'video.localhost' }).length).toBe(1);
    expect(await w.page.evaluate(() => (window as unknown as { Assent: { get(): { functional: boolean } } }).Assent.get().functional)).toBe(false);
    await w.page.reload();
    await w.page.getByRole('button', { name: 'Allow functional cookies' }).click();
    await expect.poll(() => tp.list({ host: 'video.localhost' }).length).toBe(2);
    expect(await w.page.evaluate(() => (window as unknown as { Assent: { get(): { functional: boolean } } }).Assent.get().functional)).toBe(true);
    expect(tp.list({ host: 'analytics.localhost' })).toEqual([]);
    await w.page.close();
  });
});

describe('placeholders', () => {
  it('stand in for blocked embeds, except those that opt out and 1×1 pixels', async () => {
    await browser.context.clearCookies();
    const v = (h: string) => tp.vendorUrl(h);
    site.pages.set('/placeholders', {
      body: `${assentTag(config(), { 'data-assent-region': 'GB' })}
        <iframe title="shown" data-assent-category="functional" data-assent-service="vidhost" data-src="${v('video.localhost')}/embed?n=1"></iframe>
        <iframe title="opted out" data-assent-placeholder="none" data-assent-category="functional" data-assent-service="vidhost" data-src="${v('video.localhost')}/embed?n=2"></iframe>
        <img alt="" width="1" height="1" data-assent-category="advertising" data-assent-service="adnet" data-src="${v('ads.localhost')}/px.gif">
        <img alt="banner ad" width="300" height="50" data-assent-category="advertising" data-assent-service="adnet" data-src="${v('ads.localhost')}/px.gif?n=3">`,
    });
    const w = await openGated('/placeholders');
    await expect.poll(() => w.page.getByRole('group').count()).toBe(2);
    expect(await w.page.getByRole('group', { name: 'VidHost' }).count()).toBe(1);
    expect(await w.page.getByRole('group', { name: 'AdNet Ltd.' }).count()).toBe(1);
    await w.page.close();
  });
});

describe('documented limits', () => {
  it('without interceptNetwork, fetch and CSS url() toward a service host are not held (as the README says)', async () => {
    await browser.context.clearCookies();
    tp.clear();
    const w = await openGated();
    const ads = tp.vendorUrl('ads.localhost');
    await w.page.evaluate(async (ads) => {
      await fetch(`${ads}/api?limit=fetch`, { mode: 'no-cors' }).catch(() => {});
      const d = document.createElement('div');
      d.style.backgroundImage = `url(${ads}/px.gif?limit=css)`;
      d.style.width = d.style.height = '10px';
      document.body.append(d);
    }, ads);
    await expect.poll(() => tp.list({ host: 'ads.localhost' }).map((r) => r.query).sort()).toEqual(['?limit=css', '?limit=fetch']);
    await w.page.close();
  });
});

describe('reloadOnWithdraw', () => {
  it('reloads the page after a withdrawal, with the cookies already gone', async () => {
    await browser.context.clearCookies();
    site.pages.set('/reload', {
      body: `${assentTag(config({ gate: { interceptNetwork: false, reloadOnWithdraw: true } }), { 'data-assent-region': 'GB' })}
        <script type="text/plain" data-assent-category="analytics" src="${tp.vendorUrl('analytics.localhost')}/tag.js"></script>`,
    });
    const w = await openGated('/reload');
    await w.page.evaluate(() => (window as unknown as { Assent: { acceptAll(): void } }).Assent.acceptAll());
    await w.page.waitForFunction(() => document.cookie.includes('demo_analytics_id'));
    await w.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const navigated = w.page.waitForEvent('framenavigated');
    await w.page.evaluate(() => (window as unknown as { Assent: { rejectAll(): void } }).Assent.rejectAll());
    await navigated;
    await w.page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
    expect(await w.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    expect(await cookieNames()).toEqual(['assent']);
    await w.page.close();
  });
});

describe('strict CSP', () => {
  it('activates nonce-carrying gated scripts with zero violations', async () => {
    await browser.context.clearCookies();
    site.pages.set('/csp', () => ({
      csp: [tp.vendorUrl('analytics.localhost')],
      body: `${assentTag(config(), { 'data-assent-region': 'GB' })}
        <script type="text/plain" data-assent-category="analytics" src="${tp.vendorUrl('analytics.localhost')}/tag.js"></script>
        <script type="text/plain" data-assent-category="analytics" nonce="{{nonce}}">window.cspRan=!!window.demoAnalytics</script>`,
    }));
    site.cspReports.length = 0;
    const w = await openGated('/csp');
    await w.page.evaluate(() => (window as unknown as { Assent: { acceptAll(): void } }).Assent.acceptAll());
    await w.page.waitForFunction(() => (window as unknown as { cspRan?: boolean }).cspRan === true);
    await w.page.waitForTimeout(300);
    expect(site.cspReports).toEqual([]);
    expect(w.console.filter((c) => /Content Security Policy/i.test(c))).toEqual([]);
    // The widget rendered under the same policy.
    await expect(w.page.getByRole('button', { name: 'Cookie settings' }).count()).resolves.toBe(1);
    await w.page.close();
  });
});

describe('network interception (gate.interceptNetwork)', () => {
  it('holds fetch, XHR, sendBeacon and new Image() toward service hosts', async () => {
    await browser.context.clearCookies();
    tp.clear();
    site.pages.set('/net', { body: assentTag(config({ gate: { interceptNetwork: true } }), { 'data-assent-region': 'GB' }) });
    const w = await openGated('/net');
    const ads = tp.vendorUrl('ads.localhost');
    const outcome = await w.page.evaluate(async (ads) => {
      const out: string[] = [];
      await fetch(`${ads}/api`).then(() => out.push('fetch sent'), (e: Error) => out.push(`fetch: ${e.message}`));
      await new Promise<void>((res) => {
        const x = new XMLHttpRequest();
        x.open('GET', `${ads}/xhr`);
        x.onerror = () => (out.push('xhr error'), res());
        x.onload = () => (out.push('xhr sent'), res());
        x.send();
      });
      out.push(`beacon ${navigator.sendBeacon(`${ads}/beacon`, 'x')}`);
      const img = new Image();
      img.src = `${ads}/px.gif?new-image=1`;
      return out;
    }, ads);
    await w.page.waitForTimeout(400);
    expect(outcome).toEqual(['fetch: [assent] blocked until "advertising" is granted', 'xhr error', 'beacon false']);
    expect(tp.requests).toEqual([]);
    expect(thirdPartyRequests(w.requests)).toEqual([]);
    await w.page.close();
  });

  it('malformed URLs never throw', async () => {
    const w = await openGated('/net');
    const errors = await w.page.evaluate(() => {
      const out: string[] = [];
      for (const u of ['http://[::1', 'javascript:void(0)', '//', 'http://ads.localhost:99999/x', '']) {
        try {
          const s = document.createElement('script');
          s.src = u;
          document.body.appendChild(s);
          document.body.insertAdjacentHTML('beforeend', `<img src="${u}" alt="">`);
        } catch (e) {
          out.push(String(e));
        }
      }
      return out;
    });
    expect(errors).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
