import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/site-config.js';
import { resolveRegime } from '../src/policy/resolve.js';
import { REGION_TABLE } from '../src/policy/table.js';
import { applySignalTo, askReason, decide } from '../src/state/decide.js';
import { regimeDefaults, type Signals } from '../src/state/defaults.js';
import { siteConfig } from './fixtures.js';

const { config } = parseConfig(siteConfig());
const NOW = Date.UTC(2026, 10, 29);
const DAY = 86_400_000;
const none: Signals = { gpc: false, dnt: false, minor: false };
const gpc: Signals = { ...none, gpc: true };
const ctx = (region: string | null, signals: Signals = none) => ({
  config,
  regime: resolveRegime(region, region ? 'attribute' : 'fallback'),
  signals,
  subjectId: 'a'.repeat(32),
  now: NOW,
  previous: null,
});
const grants = (d: { categories: Record<string, { granted: boolean }> }) =>
  Object.fromEntries(Object.entries(d.categories).map(([k, v]) => [k, v.granted]));

// Every row of the table against the sample situations of issue 3: each row is reached through
// a region code that resolves to it (a member state for EEA, an unlisted state for US, a
// province for CA, no region for *).
const probe: Record<string, string | null> = { '*': null, EEA: 'PT', US: 'US-WY', CA: 'CA-ON' };
const rows = Object.keys(REGION_TABLE).map((key) => probe[key] !== undefined ? probe[key]! : key);

it('every probe resolves to its own row', () => {
  Object.keys(REGION_TABLE).forEach((key, i) => expect(resolveRegime(rows[i]!, rows[i] ? 'attribute' : 'fallback').key).toBe(key));
});

describe.each(rows)('region %s', (region) => {
  const c = ctx(region);
  const optOut = c.regime.model === 'opt-out';

  it('first visit: asks, and only an opt-out row runs anything by default', () => {
    expect(askReason(null, c.regime, config, NOW)).toBe('none');
    const d = regimeDefaults(c.regime, config, none);
    expect(grants(d)).toEqual({ functional: optOut, analytics: optOut, advertising: optOut });
    for (const v of Object.values(d.categories)) expect(v.basis).toBe('default');
  });

  it('returning visitor within lifetime: record stands', () => {
    const r = decide({ analytics: true }, 'custom', c);
    expect(askReason(r, c.regime, config, NOW + 10 * DAY)).toBeNull();
    expect(grants(r)).toEqual({ functional: false, analytics: true, advertising: false });
    expect(r.categories.analytics.basis).toBe('consent');
  });

  it('expired: asks again', () => {
    const r = decide({ analytics: true }, 'custom', c);
    const lifetime = optOut ? 365 : 180;
    expect(r.expiresAt - NOW).toBe(lifetime * DAY);
    expect(askReason(r, c.regime, config, r.expiresAt)).toBe('expired');
  });

  it('policy bump: opt-in rows ask again, opt-out rows keep the choice', () => {
    const r = decide({ analytics: true }, 'custom', c);
    const bumped = parseConfig(siteConfig({ policyVersion: '2027-01' })).config;
    expect(askReason(r, c.regime, bumped, NOW)).toBe(optOut ? null : 'policy');
  });

  it('a service added to a granted category asks again, in every row', () => {
    const r = decide({ analytics: true }, 'custom', c);
    const more = siteConfig();
    more.services.push({ id: 'heatmap', name: 'Heat', provider: 'HeatCo', category: 'analytics', purpose: 'Heatmaps', hosts: ['heat.test'] });
    expect(askReason(r, c.regime, parseConfig(more).config, NOW)).toBe('new-service');
  });

  it('GPC: advertising and sale/share services are off before any choice, by signal', () => {
    const d = regimeDefaults(c.regime, config, gpc);
    expect(d.categories.advertising).toEqual({ granted: false, basis: optOut ? 'signal' : 'default' });
    expect(d.services.ads!.granted).toBe(false);
  });

  it('GPC: "accept all" does not override it, an explicit custom choice does', () => {
    const g = ctx(region, gpc);
    const all = decide({ functional: true, analytics: true, advertising: true }, 'accept-all', g);
    expect(all.categories.advertising).toEqual({ granted: false, basis: 'signal' });
    expect(all.services.ads!.granted).toBe(false);
    expect(all.categories.analytics.granted).toBe(true);
    expect(all.gpc).toBe(true);
    const custom = decide({ advertising: true }, 'custom', g);
    expect(custom.categories.advertising).toEqual({ granted: true, basis: 'consent' });
  });

  it('GPC appearing after a grant opts out again, recorded as gpc', () => {
    const r = decide({ functional: true, analytics: true, advertising: true }, 'accept-all', c);
    const next = applySignalTo(r, ctx(region, gpc))!;
    expect(next.method).toBe('gpc');
    expect(next.categories.advertising).toEqual({ granted: false, basis: 'signal' });
    expect(next.categories.analytics.granted).toBe(true);
    expect(applySignalTo(next, ctx(region, gpc))).toBeNull();
  });

  it('a declared minor never gets advertising', () => {
    const m = ctx(region, { ...none, minor: true });
    expect(regimeDefaults(m.regime, config, m.signals).categories.advertising.granted).toBe(false);
    const r = decide({ functional: true, analytics: true, advertising: true }, 'custom', m);
    expect(r.categories.advertising.granted).toBe(false);
    expect(r.services.ads!.granted).toBe(false);
    expect(r.declaredMinor).toBe(true);
  });
});

describe('askReason', () => {
  it('a regime-default record from an opt-out region is no consent in an opt-in region', () => {
    const us = ctx('US-CA');
    const r = { ...decide({}, 'regime-default', us), ...regimeDefaults(us.regime, config, none) };
    expect(askReason(r, us.regime, config, NOW)).toBeNull();
    expect(askReason(r, ctx('FR').regime, config, NOW)).toBe('regime');
    const explicit = decide({ analytics: true }, 'custom', us);
    expect(askReason(explicit, ctx('FR').regime, config, NOW)).toBeNull();
  });
});

describe('decide', () => {
  it('per-service choices: a refused service stays off in a granted category', () => {
    const r = decide({ analytics: true, advertising: true, services: { ads: false } }, 'custom', ctx('FR'));
    expect(r.services.stats).toEqual({ granted: true, basis: 'consent' });
    expect(r.services.ads).toEqual({ granted: false, basis: 'consent' });
  });

  it('a service cannot run when its category is refused', () => {
    const r = decide({ analytics: false, services: { stats: true } }, 'custom', ctx('FR'));
    expect(r.services.stats!.granted).toBe(false);
  });

  it('DNT is ignored unless the site opts in', () => {
    const dnt = { ...none, dnt: true };
    const us = resolveRegime('US-CA', 'attribute');
    expect(regimeDefaults(us, config, dnt).categories.advertising.granted).toBe(true);
    const honouring = parseConfig(siteConfig({ honourDnt: true })).config;
    expect(regimeDefaults(us, honouring, dnt).categories.advertising).toEqual({ granted: false, basis: 'signal' });
  });

  it('lifetime is capped by the site', () => {
    const capped = parseConfig(siteConfig({ cookie: { maxLifetimeDays: 30 } })).config;
    const r = decide({}, 'reject-all', { ...ctx('US-CA'), config: capped });
    expect(r.expiresAt - NOW).toBe(30 * DAY);
  });
});
