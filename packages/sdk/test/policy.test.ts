import { describe, expect, it } from 'vitest';
import { lookupChain, normalizeRegion, resolveRegime } from '../src/policy/resolve.js';
import { EEA, REGION_TABLE, STRICTEST } from '../src/policy/table.js';

describe('region table', () => {
  // Expected per row: [model, functional, analytics, advertising, minAge, language, privacyChoices]
  const expected: Record<string, [string, boolean, boolean, boolean, number, string, boolean]> = {
    '*': ['opt-in', false, false, false, 18, '', false],
    FR: ['opt-in', false, false, false, 15, 'fr', false],
    DE: ['opt-in', false, false, false, 16, 'de', false],
    AT: ['opt-in', false, false, false, 14, '', false],
    PT: ['opt-in', false, false, false, 16, '', false], // EEA group row
    GB: ['opt-in', false, false, false, 13, 'en', false],
    'CA-QC': ['opt-in', false, false, false, 14, 'fr-CA', false],
    'CA-ON': ['opt-in', false, false, false, 13, '', false], // CA row
    'US-CA': ['opt-out', true, true, true, 16, 'en', true],
    'US-CO': ['opt-out', true, true, true, 18, 'en', true],
    'US-WY': ['opt-out', true, true, true, 13, 'en', true], // US row
    BR: ['opt-in', false, false, false, 12, 'pt-BR', false],
    VN: ['opt-in', false, false, false, 16, 'vi', false],
    KR: ['opt-in', false, false, false, 14, 'ko', false],
    SA: ['opt-in', false, false, false, 18, 'ar', false],
    AE: ['opt-in', false, false, false, 18, 'en', false],
    ZZ: ['opt-in', false, false, false, 18, '', false], // unknown country
  };
  for (const [region, [model, f, a, ad, minAge, language, pc]] of Object.entries(expected)) {
    it(`${region} resolves to ${model}`, () => {
      const r = resolveRegime(region === '*' ? null : region, region === '*' ? 'fallback' : 'attribute');
      expect([r.model, r.defaults.functional, r.defaults.analytics, r.defaults.advertising, r.minAge, r.language, r.privacyChoices]).toEqual([
        model, f, a, ad, minAge, language, pc,
      ]);
      expect(r.honourGpc).toBe(true);
    });
  }

  it('every row honours GPC; opt-in rows re-ask on a policy bump, US rows do not', () => {
    for (const [key, row] of Object.entries(REGION_TABLE)) {
      expect(row.honourGpc, key).toBe(true);
      expect(row.reconsent, key).toBe(row.model === 'opt-in');
      if (row.model === 'opt-in') expect(row.defaults, key).toEqual(STRICTEST.defaults);
    }
  });

  it('BR must state that refusing is possible and its consequence', () => {
    expect(resolveRegime('BR', 'attribute').notices).toEqual(['refusal-consequence']);
  });

  it('looks up exact code, country, group, then *', () => {
    expect(lookupChain('US-CA')).toEqual(['US-CA', 'US', '*']);
    expect(lookupChain('FR-75')).toEqual(['FR-75', 'FR', 'EEA', '*']);
    expect(lookupChain('CA-QC')).toEqual(['CA-QC', 'CA', '*']);
    expect(lookupChain(null)).toEqual(['*']);
    expect(EEA).toHaveLength(30);
    expect(EEA).not.toContain('EU');
  });

  it('CA-QC never falls through to a loosened CA row', () => {
    const overrides = { CA: { model: 'opt-out' as const, defaults: { functional: true, analytics: true, advertising: true } } };
    expect(resolveRegime('CA-ON', 'attribute', overrides).model).toBe('opt-out');
    const qc = resolveRegime('CA-QC', 'attribute', overrides);
    expect(qc.model).toBe('opt-in');
    expect(qc.defaults.analytics).toBe(false);
  });

  it('a site override merges onto its row and says so', () => {
    const r = resolveRegime('GB', 'attribute', { GB: { model: 'opt-out', defaults: { analytics: true } } });
    expect(r.model).toBe('opt-out');
    expect(r.defaults).toEqual({ functional: false, analytics: true, advertising: false });
    expect(r.reason).toBe('GB from attribute; row GB (site override)');
  });

  it('normalises codes and rejects garbage', () => {
    expect(normalizeRegion('us-ca')).toBe('US-CA');
    expect(normalizeRegion(' ca_qc ')).toBe('CA-QC');
    for (const bad of ['', 'USA-CALIFORNIA', '12', '<script>', null, 42, 'F', 'US-'])
      expect(normalizeRegion(bad), String(bad)).toBeNull();
  });

  it('unknown region explains the fallback', () => {
    const r = resolveRegime(null, 'fallback');
    expect(r.key).toBe('*');
    expect(r.reason).toBe('no region known; row *');
  });
});
