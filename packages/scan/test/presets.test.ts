import { describe, expect, it } from 'vitest';
import { parseConfig } from '@assent/sdk';
import { PRESETS } from '@assent/sdk/presets';
import { analyze } from '../src/analyze.js';
import { Classifier } from '../src/classify.js';
import { buildCookieTable } from '../src/cookie-table.js';
import { loadConfig } from '../src/config.js';
import { SDK_PRESETS } from '../src/presets.js';
import { Site } from '../src/site.js';
import type { RawPage } from '../src/observe.js';

const u = (s: string) => new URL(s);

describe('the SDK’s vendor presets', () => {
  it('name the vendor behind a URL, the most specific pattern first, and behind a cookie', () => {
    expect(SDK_PRESETS.forUrl(u('https://www.googletagmanager.com/gtag/js?id=G-ABC123'))?.id).toBe('google-analytics');
    expect(SDK_PRESETS.forUrl(u('https://www.googletagmanager.com/gtm.js?id=GTM-XYZ'))?.id).toBe('google-tag-manager');
    expect(SDK_PRESETS.forUrl(u('https://static.hotjar.com/c/hotjar-1.js'))?.id).toBe('hotjar');
    expect(SDK_PRESETS.forUrl(u('https://tracker.example/t.js'))).toBeUndefined();
    expect(SDK_PRESETS.forCookie('_ga_ABC123', '.example.com')?.id).toBe('google-analytics');
    expect(SDK_PRESETS.forCookie('_fbp', '.example.com')?.id).toBe('meta-pixel');
    expect(SDK_PRESETS.forCookie('session_id', '.example.com')).toBeUndefined();
  });

  it('expand `{ "preset": … }` services when the scan validates the config, as the site does', async () => {
    const { config } = await loadConfig({ policyVersion: '1', privacyPolicyUrl: '/privacy', services: [{ preset: 'hotjar' }] }, { attribute: null, url: 'https://www.example.com/' }, 'ua');
    expect(config.services).toEqual([expect.objectContaining({ id: 'hotjar', category: 'analytics', hosts: PRESETS.hotjar!.hosts })]);
    const site = new Site(u('https://www.example.com/'));
    const classifier = new Classifier(config, site, { necessaryCookies: [], necessaryHosts: [], assentUrls: [], presets: SDK_PRESETS });
    expect(classifier.request('https://static.hotjar.com/c/hotjar-1.js')).toMatchObject({ category: 'analytics', source: 'config', service: 'hotjar' });
    expect(classifier.cookie({ name: '_hjSessionUser_1', domain: '.example.com', setBy: null })).toMatchObject({ source: 'config', service: 'hotjar' });
  });

  it('turn a leak by an undeclared vendor into a `{ preset }` suggestion with the vendor’s cookie table entry', () => {
    const { config } = parseConfig({ policyVersion: '1', privacyPolicyUrl: '/privacy', services: [] }, PRESETS);
    const site = new Site(u('https://www.example.com/'));
    const classifier = new Classifier(config, site, { necessaryCookies: [], necessaryHosts: [], assentUrls: [], presets: SDK_PRESETS });
    const now = Date.UTC(2026, 0, 1);
    const page: RawPage = {
      url: 'https://www.example.com/', phase: 'visit', status: 200, language: 'en', storage: [], iframes: [], consentMode: [],
      assent: { decisions: { necessary: true, functional: false, analytics: false, advertising: false }, services: {}, region: 'FR', regime: null },
      requests: [{ url: 'https://www.googletagmanager.com/gtag/js?id=G-ABC123', method: 'GET', resourceType: 'script', frame: 'https://www.example.com/', initiator: { type: 'parser', url: 'https://www.example.com/' }, status: 200, at: now }],
      cookies: [{ name: '_ga', domain: '.example.com', path: '/', expires: now / 1000 + 730 * 86_400, httpOnly: false, secure: true, sameSite: 'Lax', setBy: { kind: 'script', url: 'https://www.googletagmanager.com/gtag/js?id=G-ABC123' } }],
    };
    const r = analyze([{ requested: 'FR', bannerFound: true, states: [{ state: 'before', clicked: [], pages: [page] }] }], classifier, config, site, now);
    expect(r.leaks.map((l) => [l.id, l.category, l.preset])).toEqual([
      ['cookie:_ga@example.com', 'analytics', 'google-analytics'],
      ['request:www.googletagmanager.com', 'analytics', 'google-analytics'],
    ]);
    expect(r.undeclared.map((x) => x.suggestion)).toEqual([
      { kind: 'preset', preset: 'google-analytics', entry: { preset: 'google-analytics' } },
      { kind: 'preset', preset: 'google-analytics', entry: { preset: 'google-analytics' } },
    ]);
    const [table] = buildCookieTable(config, site, r.cookies, [], SDK_PRESETS, ['en']);
    expect(table!.rows.find((row) => row.name === '_ga')).toMatchObject({ provider: 'Google', category: 'analytics', duration: '2 years', declared: false });
  });
});
