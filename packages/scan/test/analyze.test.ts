import { describe, expect, it } from 'vitest';
import { parseConfig } from '@assent/sdk';
import { analyze, type RegionRun } from '../src/analyze.js';
import { Classifier } from '../src/classify.js';
import { buildCookieTable, siteLanguages } from '../src/cookie-table.js';
import { presetCatalogue, NO_PRESETS, type PresetCatalogue } from '../src/presets.js';
import { Site } from '../src/site.js';
import type { AssentState, RawCookie, RawPage, RawRequest } from '../src/observe.js';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400;
const { config } = parseConfig({
  policyVersion: '1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  texts: { fr: { title: 'Vos choix' } },
  services: [
    { id: 'metricly', name: 'Metricly', provider: 'Metricly Inc.', category: 'analytics', purpose: 'Counts visits', hosts: ['analytics.example'], cookies: [{ name: '_mt_*', duration: '13 months', purpose: 'Visitor id' }] },
    { id: 'adreach', name: 'AdReach', provider: 'AdReach', category: 'advertising', purpose: 'Ads', hosts: ['ads.example', 'cdn.adreach.example'], cookies: [{ name: 'ar_id', duration: '90 days', purpose: 'Ad id' }] },
    { id: 'vidhost', name: 'VidHost', provider: 'VidHost', category: 'functional', purpose: 'Videos', hosts: ['video.example'] },
  ],
});
const site = new Site(new URL('https://www.example.com/'));
const PAGE = 'https://www.example.com/';

const decided = (granted: boolean, region = 'FR'): AssentState => ({
  decisions: { necessary: true, functional: granted, analytics: granted, advertising: granted },
  services: { metricly: granted, adreach: granted, vidhost: granted },
  region,
  regime: { key: region, model: 'opt-in', language: 'fr' },
});
const cookie = (name: string, setBy: string | null = null, days: number | null = 30, domain = '.example.com'): RawCookie => ({
  name, domain, path: '/', expires: days === null ? null : NOW / 1000 + days * DAY, httpOnly: false, secure: true, sameSite: 'Lax',
  setBy: setBy ? { kind: 'script', url: setBy } : null,
});
const request = (url: string): RawRequest => ({ url, method: 'GET', resourceType: 'script', frame: PAGE, initiator: { type: 'parser', url: PAGE }, status: 200, at: NOW });
const page = (p: Partial<RawPage>): RawPage => ({ url: PAGE, phase: 'visit', status: 200, language: 'en', cookies: [], requests: [], storage: [], iframes: [], consentMode: [], assent: decided(false), ...p });

function run(states: RegionRun['states'], presets: PresetCatalogue = NO_PRESETS) {
  const classifier = new Classifier(config, site, { necessaryCookies: [{ name: 'sess' }], necessaryHosts: [], assentUrls: [], presets });
  return analyze([{ requested: 'FR', bannerFound: true, states }], classifier, config, site, NOW);
}

describe('findings', () => {
  const tracker = 'https://tracker.example/t.js';
  const result = run([
    {
      state: 'before',
      clicked: [],
      pages: [
        page({
          cookies: [cookie('sess', null, null), cookie('trk', tracker), cookie('pref')],
          requests: [request(tracker), request('https://ads.example/px.gif')],
        }),
      ],
    },
    { state: 'reject', clicked: ['Reject all'], pages: [page({ cookies: [cookie('assent', null, 180)] })] },
    {
      state: 'accept',
      clicked: ['Accept all'],
      pages: [page({ assent: decided(true), cookies: [cookie('_mt_1', 'https://analytics.example/t.js', 395), cookie('ar_x', 'https://ads.example/p.js')], requests: [request('https://analytics.example/t.js'), request('https://ads.example/p.js')] })],
    },
  ]);

  it('a leak is an undeclared vendor request, its cookie, or a declared vendor’s request before consent', () => {
    expect(result.leaks.map((l) => l.id).sort()).toEqual(['cookie:trk@example.com', 'request:ads.example', 'request:tracker.example']);
    const ads = result.leaks.find((l) => l.id === 'request:ads.example')!;
    expect(ads).toMatchObject({ category: 'advertising', service: 'adreach', occurrences: [{ region: 'FR', state: 'before', page: PAGE }] });
    expect(ads.reason).toContain('advertising');
  });

  it('after Accept all the same hosts are no leak', () => {
    expect(result.leaks.flatMap((l) => l.occurrences).some((o) => o.state === 'accept')).toBe(false);
  });

  it('undeclared: the unknown host (with its cookie in the suggestion), its cookie, a first-party cookie, a declared vendor’s unlisted cookie', () => {
    const byId = new Map(result.undeclared.map((u) => [u.id, u]));
    expect([...byId.keys()].sort()).toEqual(['cookie:ar_x@example.com', 'cookie:pref@example.com', 'cookie:trk@example.com', 'host:tracker.example']);
    expect(byId.get('host:tracker.example')!.suggestion).toMatchObject({ kind: 'service', entry: { id: 'tracker', hosts: ['tracker.example'], cookies: [{ name: 'trk', duration: '30 days' }] } });
    expect(byId.get('cookie:trk@example.com')!.suggestion).toMatchObject({ kind: 'service', entry: { hosts: ['tracker.example'] } });
    expect(byId.get('cookie:ar_x@example.com')!.suggestion).toEqual({ kind: 'add-cookie', service: 'adreach', cookie: { name: 'ar_x', duration: '30 days', purpose: expect.stringContaining('FILL IN') } });
    expect(byId.get('cookie:pref@example.com')!.suggestion).toMatchObject({ kind: 'necessary', option: expect.stringContaining('--necessary-cookie') });
  });

  it('stale: a service never seen; a host and a cookie of a seen service never seen', () => {
    expect(result.stale.map((s) => s.id).sort()).toEqual(['cookie:adreach:ar_id', 'host:adreach:cdn.adreach.example', 'service:vidhost']);
  });

  it('counts per state', () => {
    const [before, reject, accept] = result.regions[0]!.states;
    expect(before!.summary).toMatchObject({ pages: 1, cookies: 3, thirdPartyRequests: 2, thirdPartyHosts: 2, leaks: 3, undeclared: 3 });
    expect(reject!.summary).toMatchObject({ cookies: 1, leaks: 0, undeclared: 0 });
    expect(accept!.summary).toMatchObject({ cookies: 2, leaks: 0, undeclared: 1 });
  });
});

describe('the page where the visitor decides', () => {
  it('is judged by the more permissive of the decisions before and after the click', () => {
    // US opt-out: everything ran by default; a request in flight as the visitor refuses is not a leak there...
    const optOut = run([{ state: 'reject', clicked: ['Customize', 'Reject all'], pages: [page({ phase: 'decision', assentBefore: decided(true, 'US-CA'), requests: [request('https://ads.example/px.gif')] })] }]);
    expect(optOut.leaks).toEqual([]);
    // ...but in an opt-in region nothing was granted before either.
    const optIn = run([{ state: 'reject', clicked: ['Reject all'], pages: [page({ phase: 'decision', assentBefore: decided(false), requests: [request('https://ads.example/px.gif')] })] }]);
    expect(optIn.leaks.map((l) => l.id)).toEqual(['request:ads.example']);
  });

  it('a page where Assent never started allows nothing optional', () => {
    const r = run([{ state: 'before', clicked: [], pages: [page({ assent: null, requests: [request('https://analytics.example/t.js')] })] }]);
    expect(r.leaks.map((l) => l.id)).toEqual(['request:analytics.example']);
  });
});

describe('presets', () => {
  const presets = presetCatalogue([
    { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd.', category: 'analytics', purpose: 'Heatmaps', hosts: ['*.hotjar.com'], cookies: [{ name: '_hjSessionUser_*', duration: '1 year', purpose: 'Keeps a user id' }] },
  ]);
  const r = run([{ state: 'before', clicked: [], pages: [page({ cookies: [cookie('_hjSessionUser_7', 'https://static.hotjar.com/c.js', 365)], requests: [request('https://static.hotjar.com/c.js')] })] }], presets);

  it('name the vendor of an undeclared host and cookie, and are suggested as { preset }', () => {
    expect(r.undeclared.map((u) => [u.id, u.suggestion])).toEqual([
      ['cookie:_hjSessionUser_7@example.com', { kind: 'preset', preset: 'hotjar', entry: { preset: 'hotjar' } }],
      ['host:static.hotjar.com', { kind: 'preset', preset: 'hotjar', entry: { preset: 'hotjar' } }],
    ]);
    expect(r.leaks.map((l) => [l.id, l.category, l.preset])).toEqual([
      ['cookie:_hjSessionUser_7@example.com', 'analytics', 'hotjar'],
      ['request:static.hotjar.com', 'analytics', 'hotjar'],
    ]);
  });

  it('give the cookie table their provider, purpose and duration', () => {
    const table = buildCookieTable(config, site, r.cookies, [], presets, ['en']);
    expect(table[0]!.rows.find((row) => row.name === '_hjSessionUser_7')).toMatchObject({ provider: 'Hotjar Ltd.', category: 'analytics', purpose: 'Keeps a user id', duration: '1 year', declared: false });
  });
});

describe('cookie table', () => {
  const r = run([
    { state: 'accept', clicked: ['Tout accepter'], pages: [page({ language: 'fr', assent: decided(true), cookies: [cookie('assent', null, 180), cookie('_mt_1', 'https://analytics.example/t.js', 395), cookie('sess', null, null), cookie('x', null, 2)] })] },
  ]);
  const languages = siteLanguages(config, r.regions);
  const tables = buildCookieTable(config, site, r.cookies, [{ name: 'sess', purpose: 'Keeps you signed in' }], NO_PRESETS, languages);

  it('is written in each of the site’s languages', () => {
    expect(languages).toEqual(['en', 'fr']);
    expect(tables.map((t) => t.language)).toEqual(['en', 'fr']);
  });

  it('lists Assent’s cookie, the site’s necessary ones, every declared cookie and every other one seen, by category', () => {
    const [en, fr] = tables;
    expect(en!.rows.map((row) => [row.name, row.category, row.declared, row.observed])).toEqual([
      ['assent', 'necessary', true, true],
      ['sess', 'necessary', true, true],
      ['_mt_*', 'analytics', true, true],
      ['ar_id', 'advertising', true, false],
      ['x', 'unclassified', false, true],
    ]);
    expect(en!.rows[0]).toMatchObject({ provider: 'example.com', categoryLabel: 'Necessary', purpose: 'Stores your cookie choices.', duration: '6 months' });
    expect(fr!.rows[0]).toMatchObject({ categoryLabel: 'Nécessaires', purpose: 'Enregistre vos choix en matière de cookies.', duration: '6\u00a0mois' });
    expect(fr!.rows[1]).toMatchObject({ purpose: 'Keeps you signed in', duration: 'Session' });
    expect(fr!.rows[2]).toMatchObject({ provider: 'Metricly Inc.', categoryLabel: 'Analytiques', purpose: 'Visitor id', duration: '13 months' });
    expect(fr!.rows[4]).toMatchObject({ categoryLabel: 'Non classé', duration: '2\u00a0jours' });
  });
});
