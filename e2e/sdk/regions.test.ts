/**
 * Region rules in Chromium, one page per case: what runs before a choice, which entry points
 * exist, and the Consent Mode commands pushed to dataLayer, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThirdParty, type ThirdPartyServer } from '../../examples/third-party/server.mjs';
import { launch, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let tp: ThirdPartyServer;
let site: SiteServer;
let browser: Browser;

type Cmd = { cmd: string; args: Record<string, unknown> | undefined } | { event: string };

beforeAll(async () => {
  tp = await startThirdParty({ port: 0 });
  site = await startSite();
  browser = await launch();
  const config = {
    policyVersion: 'regions-1',
    privacyPolicyUrl: '/privacy',
    ui: { src: '/stub-ui.js' },
    services: [
      { id: 'chat', name: 'Chat', provider: 'ChatCo', category: 'functional', purpose: 'Support chat', hosts: ['chat.localhost'] },
      { id: 'metricly', name: 'Metricly', provider: 'Metricly', category: 'analytics', purpose: 'Statistics', hosts: ['analytics.localhost'] },
      { id: 'adnet', name: 'AdNet', provider: 'AdNet', category: 'advertising', purpose: 'Ads', hosts: ['ads.localhost'], saleOrShare: true },
    ],
  };
  site.pages.set('/', (q) => ({
    body: `${assentTag(config, q.get('region') ? { 'data-assent-region': q.get('region')! } : {})}
      <script type="text/plain" data-assent-category="analytics" src="${tp.vendorUrl('analytics.localhost')}/tag.js"></script>
      <script type="text/plain" data-assent-category="advertising" src="${tp.vendorUrl('ads.localhost')}/pixel.js"></script>`,
  }));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await tp?.close();
});

async function visit(region: string | null, { gpc = false } = {}) {
  await browser.context.clearCookies();
  tp.clear();
  const page = await browser.context.newPage();
  if (gpc) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.goto(`${site.url}/${region ? `?region=${region}` : ''}`);
  await page.waitForFunction(() => (window as unknown as { Assent?: { ready: Promise<void> } }).Assent);
  await page.evaluate(() => (window as unknown as { Assent: { ready: Promise<void> } }).Assent.ready);
  await page.waitForTimeout(400);
  const dataLayer = async (): Promise<Cmd[]> =>
    page.evaluate(() =>
      ((window as unknown as { dataLayer: unknown[] }).dataLayer ?? []).map((e) => {
        const ev = (e as { event?: string }).event;
        if (ev) return { event: ev };
        const a = Array.from(e as ArrayLike<unknown>);
        return { cmd: `${String(a[0])} ${String(a[1])}`, args: a[2] as Record<string, unknown> };
      }),
    );
  const hosts = () => [...new Set(tp.requests.map((r) => r.host))].sort();
  return { page, dataLayer, hosts };
}

const denied = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted' };
const granted = { ...denied, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted' };
const strip = (cmds: Cmd[]) => cmds.map((c) => ('event' in c ? c.event : `${c.cmd}${c.args?.region ? ' (EEA+GB+CH)' : ''}`));

describe('regions in the browser', () => {
  it('FR: nothing runs before a choice; default denied, then update on accept', async () => {
    const v = await visit('FR');
    expect(v.hosts()).toEqual([]);
    const before = await v.dataLayer();
    expect(strip(before)).toEqual(['consent default (EEA+GB+CH)', 'consent default']);
    expect(before[1]).toEqual({ cmd: 'consent default', args: { ...denied, wait_for_update: 500 } });
    const regional = (before[0] as unknown as { args: { region: string[] } }).args.region;
    expect(regional).toContain('FR');
    expect(regional).toContain('DE');
    expect(regional).not.toContain('EU');
    await v.page.evaluate(() => (window as unknown as { Assent: { acceptAll(): void } }).Assent.acceptAll());
    await v.page.waitForTimeout(400);
    expect(v.hosts()).toEqual(['ads.localhost', 'analytics.localhost']);
    const after = await v.dataLayer();
    expect(strip(after)).toEqual(['consent default (EEA+GB+CH)', 'consent default', 'consent update', 'assent_consent_update']);
    expect(after[2]).toEqual({ cmd: 'consent update', args: granted });
    await v.page.close();
  });

  it('CA-QC: opt-in, French by default, nothing runs', async () => {
    const v = await visit('CA-QC');
    expect(v.hosts()).toEqual([]);
    const regime = await v.page.evaluate(() => (window as unknown as { Assent: { regime: { model: string; language: string } } }).Assent.regime);
    expect(regime).toMatchObject({ model: 'opt-in', language: 'fr-CA' });
    // The banner speaks Canadian French; the footer widget steps aside until it is answered.
    await v.page.getByRole('region', { name: 'Vos choix en matière de témoins' }).waitFor();
    expect(await v.page.getByRole('button', { name: 'Paramètres des témoins' }).count()).toBe(0);
    expect(strip(await v.dataLayer())).toEqual(['consent default (EEA+GB+CH)', 'consent default']);
    await v.page.getByRole('button', { name: 'Tout refuser' }).click();
    await v.page.getByRole('button', { name: 'Paramètres des témoins' }).waitFor();
    await v.page.close();
  });

  it('US-CA without GPC: the ad tag runs, and "Your Privacy Choices" is offered', async () => {
    const v = await visit('US-CA');
    expect(v.hosts()).toEqual(['ads.localhost', 'analytics.localhost']);
    const cmds = await v.dataLayer();
    expect(cmds[1]).toEqual({ cmd: 'consent default', args: { ...granted, wait_for_update: 500 } });
    expect(await v.page.getByRole('button', { name: 'Your Privacy Choices' }).count()).toBe(1);
    const basis = await v.page.evaluate(() => (window as unknown as { Assent: { record(): { method: string; categories: { advertising: { basis: string } } } } }).Assent.record());
    expect(basis.method).toBe('regime-default');
    expect(basis.categories.advertising.basis).toBe('default');
    await v.page.close();
  });

  it('US-CA with GPC: the ad tag never requests, analytics still runs', async () => {
    const v = await visit('US-CA', { gpc: true });
    expect(v.hosts()).toEqual(['analytics.localhost']);
    const cmds = await v.dataLayer();
    expect(cmds[1]).toEqual({
      cmd: 'consent default',
      args: { ...granted, ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500 },
    });
    const r = await v.page.evaluate(() => (window as unknown as { Assent: { gpc: boolean; record(): { method: string; gpc: boolean } } }).Assent);
    expect(r.gpc).toBe(true);
    await v.page.close();
  });

  it('unknown region: the strictest regime', async () => {
    const v = await visit(null);
    expect(v.hosts()).toEqual([]);
    const regime = await v.page.evaluate(() => (window as unknown as { Assent: { regime: { key: string; model: string; reason: string } } }).Assent.regime);
    expect(regime).toEqual(expect.objectContaining({ key: '*', model: 'opt-in', reason: 'no region known; row *' }));
    await v.page.close();
  });

  it('a garbage region attribute: strictest regime with a warning', async () => {
    const page = await browser.context.newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    tp.clear();
    await page.goto(`${site.url}/?region=${encodeURIComponent('<img>')}`);
    await page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
    await page.waitForTimeout(300);
    expect(tp.requests).toEqual([]);
    expect(logs.some((l) => l.includes('is not an ISO 3166 code'))).toBe(true);
    await page.close();
  });

  it('no region attribute: asks server-sync; a hanging or garbage answer falls back to the strictest regime within the timeout', async () => {
    const cfg = (path: string) => ({
      policyVersion: 'regions-1',
      privacyPolicyUrl: '/privacy',
      ui: { src: '/stub-ui.js' },
      serverSync: { url: `${site.url}${path}`, regionTimeoutMs: 300 },
      services: [{ id: 'adnet', name: 'AdNet', provider: 'AdNet', category: 'advertising', purpose: 'Ads', hosts: ['ads.localhost'] }],
    });
    site.json.set('/good/v1/region', { body: '{"region":"US-CA"}' });
    site.json.set('/slow/v1/region', { body: '{"region":"US-CA"}', delayMs: 5000 });
    site.json.set('/junk/v1/region', { body: '{"region":{"x":1}}' });
    site.json.set('/good/v1/receipts', { status: 202, body: '{}' });
    for (const [path, key] of [['/good', 'US-CA'], ['/slow', '*'], ['/junk', '*']] as const) {
      site.pages.set(`/endpoint${path}`, { body: assentTag(cfg(path)) });
      const page = await browser.context.newPage();
      const logs: string[] = [];
      page.on('console', (m) => logs.push(m.text()));
      const t0 = Date.now();
      await page.goto(`${site.url}/endpoint${path}`);
      await page.waitForFunction(() => (window as unknown as { Assent?: unknown }).Assent);
      const regime = await page.evaluate(async () => {
        const a = (window as unknown as { Assent: { ready: Promise<void>; regime: { key: string; source: string } } }).Assent;
        await a.ready;
        return a.regime;
      });
      expect(regime.key, path).toBe(key);
      expect(regime.source, path).toBe(key === '*' ? 'fallback' : 'endpoint');
      if (key === '*') {
        expect(Date.now() - t0, path).toBeLessThan(3000);
        expect(logs.some((l) => l.includes('region lookup failed')), path).toBe(true);
      }
      await page.close();
    }
  });
});
