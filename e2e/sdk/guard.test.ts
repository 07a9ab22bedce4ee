/**
 * The dynamic-insertion guard, one insertion route at a time, in real Chromium: every way page
 * code can put a script, iframe or image aimed at a service host into the document is held
 * until its category is granted, then released. Checked on the engine's path (first visit) and
 * on the fast path (a returning visitor whose saved verdict is replayed without the engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThirdParty, type ThirdPartyServer } from '../../examples/third-party/server.mjs';
import { launch, watchedPage, type Browser, type WatchedPage } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let tp: ThirdPartyServer;
let site: SiteServer;
let browser: Browser;

const config = {
  policyVersion: 'e2e-guard',
  privacyPolicyUrl: '/privacy',
  ui: { src: '/stub-ui.js', widget: { hidden: true } },
  services: [
    { id: 'metricly', name: 'Metricly', provider: 'Metricly Inc.', category: 'analytics', purpose: 'Statistics', hosts: ['analytics.localhost'] },
    { id: 'adnet', name: 'AdNet', provider: 'AdNet Ltd.', category: 'advertising', purpose: 'Ads', hosts: ['ads.localhost'] },
  ],
};

/** Each route inserts one element toward the ads host, tagged `?via=<route>`. */
const ROUTES = [
  'appendChild', 'insertBefore', 'replaceChild', 'append', 'prepend', 'before', 'after', 'replaceWith',
  'insertAdjacentElement', 'fragment', 'nested', 'innerHTML', 'outerHTML', 'insertAdjacentHTML',
  'setAttribute-src', 'setAttribute-srcset', 'img.src', 'iframe.src', 'script.src', 'encoded-host', 'split-host',
  'entity-host-html', 'encoded-host-html', 'setAttributeNS-img', 'setAttributeNS-script', 'module',
];

/** Runs in the page: inserts through every route. */
function insertAll(ads: string): void {
  const url = (via: string) => `${ads}/px.gif?via=${via}`;
  // Node routes insert a script (it requests nothing until connected) whose source the guard has
  // not seen (parsed by a Range, whose scripts still run once inserted), so only the insertion
  // itself can catch it. HTML routes insert an image (parsed scripts never run); attribute routes
  // give a connected element its source.
  const script = (via: string) =>
    document.createRange().createContextualFragment(`<script src="${url(via)}"></script>`).firstChild as HTMLScriptElement;
  const img = () => Object.assign(document.createElement('img'), { alt: '', width: 1, height: 1 });
  const tag = (via: string) => `<img alt="" width="1" height="1" src="${url(via)}">`;
  const box = document.createElement('div');
  document.body.append(box);
  const slot = () => box.appendChild(document.createElement('span'));
  box.appendChild(script('appendChild'));
  box.insertBefore(script('insertBefore'), box.firstChild);
  box.replaceChild(script('replaceChild'), slot());
  box.append(script('append'));
  box.prepend(script('prepend'));
  slot().before(script('before'));
  slot().after(script('after'));
  slot().replaceWith(script('replaceWith'));
  box.insertAdjacentElement('beforeend', script('insertAdjacentElement'));
  const frag = document.createDocumentFragment();
  frag.append(script('fragment'));
  box.append(frag);
  const wrap = document.createElement('p');
  wrap.append(script('nested'));
  box.append(wrap);
  box.appendChild(document.createElement('div')).innerHTML = tag('innerHTML');
  slot().outerHTML = tag('outerHTML');
  box.insertAdjacentHTML('beforeend', tag('insertAdjacentHTML'));
  box.appendChild(img()).setAttribute('src', url('setAttribute-src'));
  box.appendChild(img()).setAttribute('srcset', `${url('setAttribute-srcset')} 1x`);
  box.appendChild(img()).src = url('img.src');
  const frame = box.appendChild(document.createElement('iframe'));
  frame.title = 'ad';
  frame.src = url('iframe.src');
  const s = document.createElement('script');
  document.head.appendChild(s);
  s.src = url('script.src');
  // Spellings the URL parser turns into the service's host: a percent-encoded dot, a line break.
  box.appendChild(img()).src = url('encoded-host').replace('ads.localhost', 'ads%2Elocalhost');
  box.appendChild(img()).src = url('split-host').replace('ads.localhost', 'ads.local\nhost');
  box.insertAdjacentHTML('beforeend', tag('entity-host-html').replace('ads.localhost', 'ads&#46;localhost'));
  box.insertAdjacentHTML('beforeend', tag('encoded-host-html').replace('ads.localhost', 'ads%2Elocalhost'));
  box.appendChild(img()).setAttributeNS(null, 'src', url('setAttributeNS-img'));
  // A connected script without a source runs once it gets one.
  box.appendChild(document.createElement('script')).setAttributeNS(null, 'src', url('setAttributeNS-script'));
  // A module keeps its type through the hold: it is released as a module.
  const module = script('module');
  module.type = 'module';
  box.append(module);
}

const routesSeen = () =>
  [...new Set(tp.list({ host: 'ads.localhost' }).map((r) => new URLSearchParams(r.query).get('via')))].filter(Boolean).sort();
const assent = (w: WatchedPage, call: string) => w.page.evaluate((c) => new Function(`return window.Assent.${c}`)(), call);

beforeAll(async () => {
  tp = await startThirdParty({ port: 0 });
  site = await startSite();
  browser = await launch();
  site.pages.set('/guard', { body: `<h1>Guard</h1>${assentTag(config, { 'data-assent-region': 'GB' })}` });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await tp?.close();
});

async function open(): Promise<WatchedPage> {
  const w = await watchedPage(browser);
  await w.page.goto(`${site.url}/guard`);
  await w.page.waitForFunction(() => (window as unknown as { Assent?: { ready?: unknown } }).Assent?.ready);
  await w.page.evaluate(() => (window as unknown as { Assent: { ready: Promise<void> } }).Assent.ready);
  return w;
}

/** Inserts through every route, checks nothing left the page, grants advertising, checks all arrived. */
async function holdsThenReleases(w: WatchedPage): Promise<void> {
  tp.clear();
  await w.page.evaluate(insertAll, tp.vendorUrl('ads.localhost'));
  await w.page.waitForTimeout(500);
  expect(tp.requests).toEqual([]);
  expect(w.errors).toEqual([]);
  await assent(w, 'set({ analytics: true, advertising: true })');
  await expect.poll(routesSeen, { timeout: 5000 }).toEqual([...ROUTES].sort());
  expect(await w.page.evaluate(() => document.querySelector('script[data-assent-active][src*="via=module"]')?.getAttribute('type'))).toBe('module');
  expect(w.errors).toEqual([]);
}

describe('the guard holds every insertion route until the category is granted', () => {
  it('on the engine path (first visit)', async () => {
    await browser.context.clearCookies();
    const w = await open();
    await holdsThenReleases(w);
    await w.page.close();
  });

  it('on the fast path (returning visitor, engine not loaded)', async () => {
    await browser.context.clearCookies();
    const first = await open();
    await assent(first, 'set({ analytics: true })');
    await first.page.waitForTimeout(300);
    await first.page.close();
    const w = await open();
    expect(w.requests.some((r) => r.includes('/assent/assent-core.js'))).toBe(false);
    await holdsThenReleases(w);
    await w.page.close();
  });

  it('destroy() takes the guard out: insertions go through unchecked', async () => {
    await browser.context.clearCookies();
    const w = await open();
    tp.clear();
    await assent(w, 'destroy()');
    await w.page.evaluate((ads) => {
      const i = document.createElement('img');
      i.alt = '';
      i.src = `${ads}/px.gif?via=after-destroy`;
      document.body.appendChild(i);
    }, tp.vendorUrl('ads.localhost'));
    await expect.poll(routesSeen).toEqual(['after-destroy']);
    await w.page.close();
  });
});
