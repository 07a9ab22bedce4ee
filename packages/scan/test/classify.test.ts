import { describe, expect, it } from 'vitest';
import { parseConfig } from '@assent/sdk';
import { Classifier, bestHostMatch, cookieSpecMatches, hostMatches, isAllowed } from '../src/classify.js';
import { presetCatalogue, NO_PRESETS, type PresetMatch } from '../src/presets.js';
import { Site } from '../src/site.js';
import type { AssentState } from '../src/observe.js';

const u = (s: string) => new URL(s);

describe('host patterns', () => {
  it.each([
    ['ads.example', 'https://ads.example/px', true],
    ['ads.example', 'https://x.ads.example/px', false],
    ['*.metricly.example', 'https://metricly.example/t.js', true],
    ['*.metricly.example', 'https://cdn.metricly.example/t.js', true],
    ['*.metricly.example', 'https://evilmetricly.example/t.js', false],
    ['chat.localhost:4175', 'http://chat.localhost:4175/w.js', true],
    ['chat.localhost:4175', 'http://chat.localhost:4176/w.js', false],
    ['www.googletagmanager.com/gtag/js', 'https://www.googletagmanager.com/gtag/js?id=G-1', true],
    ['www.googletagmanager.com/gtag/js', 'https://www.googletagmanager.com/gtm.js?id=GTM-1', false],
    ['www.googletagmanager.com/gtag/js', 'https://www.googletagmanager.com/gtag/jsx', false],
    ['www.googletagmanager.com/gtag/js', 'https://www.googletagmanager.com/gtag/js/extra', true],
    ['www.googletagmanager.com/gtag/js?id=AW-', 'https://www.googletagmanager.com/gtag/js?id=AW-123', true],
    ['www.googletagmanager.com/gtag/js?id=AW-', 'https://www.googletagmanager.com/gtag/js?id=G-123', false],
  ])('%s matches %s: %s', (pattern, url, expected) => expect(hostMatches(pattern, u(url))).toBe(expected));

  it('picks the most specific pattern when two entries share a host', () => {
    const entries = [
      { id: 'tag-manager', hosts: ['www.googletagmanager.com'] },
      { id: 'ads', hosts: ['www.googletagmanager.com/gtag/js?id=AW-'] },
      { id: 'analytics', hosts: ['www.googletagmanager.com/gtag/js'] },
    ];
    expect(bestHostMatch(u('https://www.googletagmanager.com/gtm.js?id=GTM-1'), entries)?.id).toBe('tag-manager');
    expect(bestHostMatch(u('https://www.googletagmanager.com/gtag/js?id=G-1'), entries)?.id).toBe('analytics');
    expect(bestHostMatch(u('https://www.googletagmanager.com/gtag/js?id=AW-1'), entries)?.id).toBe('ads');
    expect(bestHostMatch(u('https://example.com/'), entries)).toBeUndefined();
  });

  it('matches cookie names with * and an optional domain', () => {
    expect(cookieSpecMatches({ name: '_ga_*' }, { name: '_ga_ABC123', domain: '.example.com' })).toBe(true);
    expect(cookieSpecMatches({ name: '_ga_*' }, { name: '_ga', domain: '.example.com' })).toBe(false);
    expect(cookieSpecMatches({ name: 'a.b' }, { name: 'aXb', domain: 'example.com' })).toBe(false);
    expect(cookieSpecMatches({ name: 'id', domain: 'example.com' }, { name: 'id', domain: '.www.example.com' })).toBe(true);
    expect(cookieSpecMatches({ name: 'id', domain: 'example.com' }, { name: 'id', domain: 'other.com' })).toBe(false);
  });
});

const { config } = parseConfig({
  policyVersion: '1',
  privacyPolicyUrl: '/privacy',
  serverSync: { url: 'https://consent.example.net' },
  services: [
    { id: 'metricly', name: 'Metricly', provider: 'Metricly Inc.', category: 'analytics', purpose: 'Counts visits', hosts: ['analytics.example'], cookies: [{ name: '_mt_*', duration: '13 months', purpose: 'Visitor id' }] },
    { id: 'adreach', name: 'AdReach', provider: 'AdReach', category: 'advertising', purpose: 'Ads', hosts: ['ads.example'] },
  ],
});
const site = new Site(u('https://www.example.com/'));
const hotjar: PresetMatch = { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd.', category: 'analytics', purpose: 'Heatmaps', hosts: ['*.hotjar.com'], cookies: [{ name: '_hjSessionUser_*', duration: '1 year', purpose: 'User id' }] };
const classifier = new Classifier(config, site, {
  necessaryCookies: [{ name: 'sess*' }],
  necessaryHosts: ['fonts.gstatic.com'],
  assentUrls: ['https://cdn.example.org/assent/assent.js'],
  presets: presetCatalogue([hotjar]),
});

describe('classifying what the browser saw', () => {
  it('requests: Assent, a config service, a declared necessary host, a preset, nothing', () => {
    expect(classifier.request('https://consent.example.net/v1/receipts')).toMatchObject({ category: 'necessary', source: 'assent' });
    expect(classifier.request('https://cdn.example.org/assent/assent-core.js')).toMatchObject({ category: 'necessary', source: 'assent' });
    expect(classifier.request('https://analytics.example/t.js')).toMatchObject({ category: 'analytics', source: 'config', service: 'metricly' });
    expect(classifier.request('https://fonts.gstatic.com/a.woff2')).toMatchObject({ category: 'necessary', source: 'declared' });
    expect(classifier.request('https://static.hotjar.com/c.js')).toMatchObject({ category: 'analytics', source: 'preset', preset: 'hotjar' });
    expect(classifier.request('https://tracker.example/t.js')).toMatchObject({ category: 'unclassified', source: 'none' });
    expect(classifier.request('not a url')).toMatchObject({ category: 'unclassified', source: 'none' });
  });

  it('cookies: the consent cookie, a declared pattern, necessary, preset, set by a declared host, nothing', () => {
    const c = (name: string, setBy: string | null = null, domain = '.example.com') =>
      classifier.cookie({ name, domain, setBy: setBy ? { kind: 'script', url: setBy } : null });
    expect(c('assent')).toMatchObject({ category: 'necessary', source: 'assent' });
    expect(c('assent', null, 'elsewhere.org')).toMatchObject({ source: 'none' }); // another site's "assent" is not ours
    // The session marker of a decision kept across a navigation is Assent's own too.
    expect(c('assent_pending')).toMatchObject({ category: 'necessary', source: 'assent' });
    expect(c('assent_pendingx')).toMatchObject({ source: 'none' });
    expect(c('_mt_42')).toMatchObject({ category: 'analytics', source: 'config', service: 'metricly' });
    expect(c('session_id')).toMatchObject({ category: 'necessary', source: 'declared' });
    expect(c('_hjSessionUser_99')).toMatchObject({ category: 'analytics', source: 'preset', preset: 'hotjar' });
    expect(c('ar_uid', 'https://ads.example/pixel.js')).toMatchObject({ category: 'advertising', source: 'setter', service: 'adreach' });
    expect(c('whatever', 'https://www.example.com/app.js')).toMatchObject({ category: 'unclassified', source: 'none' });
    expect(classifier.isVendorCookie({ setBy: { kind: 'script', url: 'https://tracker.example/t.js' } })).toBe(true);
    expect(classifier.isVendorCookie({ setBy: { kind: 'response', url: 'https://api.example.com/login' } })).toBe(false);
  });

  it('without presets, a vendor’s cookie is unknown', () => {
    const plain = new Classifier(config, site, { necessaryCookies: [], necessaryHosts: [], assentUrls: [], presets: NO_PRESETS });
    expect(plain.cookie({ name: '_hjSessionUser_99', domain: '.example.com', setBy: null })).toMatchObject({ category: 'unclassified', source: 'none' });
  });
});

describe('allowed by the visitor’s decisions', () => {
  const state = (granted: Partial<AssentState['decisions']>, services: Record<string, boolean> = {}): AssentState => ({
    decisions: { necessary: true, functional: false, analytics: false, advertising: false, ...granted },
    services,
    region: 'FR',
    regime: null,
  });
  const analytics = { category: 'analytics', source: 'config', service: 'metricly', preset: null } as const;
  const unknown = { category: 'unclassified', source: 'none', service: null, preset: null } as const;

  it('a service by its own decision, a category by the category’s', () => {
    expect(isAllowed(analytics, state({ analytics: true }, { metricly: true }), false)).toBe(true);
    expect(isAllowed(analytics, state({ analytics: true }, { metricly: false }), false)).toBe(false);
    expect(isAllowed({ ...analytics, service: null }, state({ analytics: true }), false)).toBe(true);
    expect(isAllowed(analytics, state({}), false)).toBe(false);
  });
  it('an unknown vendor only once everything is granted; an unknown first-party cookie is not judged', () => {
    expect(isAllowed(unknown, state({ functional: true, analytics: true }), true)).toBe(false);
    expect(isAllowed(unknown, state({ functional: true, analytics: true, advertising: true }), true)).toBe(true);
    expect(isAllowed(unknown, state({}), false)).toBe(true);
  });
  it('without Assent nothing optional is allowed', () => {
    expect(isAllowed(analytics, null, false)).toBe(false);
    expect(isAllowed({ ...unknown, category: 'necessary' }, null, true)).toBe(true);
  });
});
