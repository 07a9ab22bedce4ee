import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/parse.js';
import { parseConfig } from '../src/site-config.js';
import { siteConfig } from './fixtures.js';
import { PRESETS, PRESET_IDS } from '../src/presets/index.js';

const errorsOf = (input: unknown) => {
  try {
    parseConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).errors.map((x) => `${x.path}: ${x.message}`);
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('fills defaults for a minimal config', () => {
    const { config, warnings } = parseConfig(siteConfig());
    expect(warnings).toEqual([]);
    expect(config.categories).toEqual(['functional', 'analytics', 'advertising']);
    expect(config.cookie).toEqual({ name: 'assent', domain: undefined, maxLifetimeDays: 395 });
    expect(config.services[0]!.saleOrShare).toBe(false);
    expect(config.services[2]!.saleOrShare).toBe(true);
    expect(config.consentMode).toEqual({ enabled: true, waitForUpdate: 500 });
    expect(config.honourDnt).toBe(false);
  });

  it('names the bad field and what was expected', () => {
    const bad = siteConfig();
    (bad.services[1] as { category: string }).category = 'marketing';
    expect(errorsOf(bad)).toEqual(['/services/1/category: expected one of functional, analytics, advertising']);
    expect(errorsOf({ ...siteConfig(), policyVersion: 3 })).toEqual(['/policyVersion: expected a string, got number']);
    expect(errorsOf({ ...siteConfig(), colour: 'red' })).toEqual(['/colour: is not a known field']);
    expect(errorsOf({ privacyPolicyUrl: '/p', services: [] })).toEqual(['/policyVersion: is required']);
    expect(errorsOf(null)).toEqual(['/: expected an object, got null']);
    expect(errorsOf('{"policyVersion"')).toEqual(['/: expected an object, got string']);
  });

  it('reports every error at once, including cross-field ones', () => {
    const cfg = siteConfig({ categories: ['analytics'] });
    cfg.services.push({ ...cfg.services[1]! });
    const errs = errorsOf(cfg);
    expect(errs).toContain('/services/3/id: duplicate service id "stats"');
    expect(errs).toContain('/services/0/category: "functional" is not in /categories');
    expect(errs).toContain('/services/2/category: "advertising" is not in /categories');
  });

  it('rejects hosts, cookie names and URLs that cannot be right', () => {
    const cfg = siteConfig();
    cfg.services[0]!.hosts = ['https://chat.localhost/path'];
    cfg.services[1]!.cookies = [{ name: 'a b', duration: '1d', purpose: 'x' }];
    cfg.privacyPolicyUrl = 'javascript:alert(1)';
    const errs = errorsOf(cfg);
    expect(errs.some((e) => e.startsWith('/services/0/hosts/0: does not match'))).toBe(true);
    expect(errs.some((e) => e.startsWith('/services/1/cookies/0/name: does not match'))).toBe(true);
    expect(errs.some((e) => e.startsWith('/privacyPolicyUrl: does not match'))).toBe(true);
  });

  it('refuses services whose decisions cannot all fit in the consent cookie, and accepts what fits', () => {
    const many = (n: number, id: (i: number) => string) =>
      siteConfig({
        services: Array.from({ length: n }, (_, i) => ({
          id: id(i), name: `S${i}`, provider: 'P', category: 'analytics', purpose: 'p', hosts: [`s${i}.example`],
        })),
      });
    expect(errorsOf(many(200, (i) => `service-with-a-long-id-${i}`))).toEqual([
      expect.stringMatching(/^\/services: 200 services need a consent cookie of \d+ characters; browsers keep at most 3800/),
    ]);
    // 100 services with short ids fit.
    const { config } = parseConfig(many(100, (i) => `svc-${i}`));
    expect(config.services).toHaveLength(100);
  });

  it('turns a malformed region override into the strictest rule, with a warning', () => {
    const { config, warnings } = parseConfig(
      siteConfig({ regions: { 'US-CA': { model: 'opt-whatever' } as never, GB: { defaults: { analytics: true } } } }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/region override "US-CA" is malformed \(\/model: expected one of/);
    expect(config.regions['US-CA']!.model).toBe('opt-in');
    expect(config.regions['US-CA']!.defaults).toEqual({ functional: false, analytics: false, advertising: false });
    expect(config.regions.GB).toEqual({ defaults: { analytics: true } });
  });
});

describe('parseConfig with vendor presets', () => {
  const withPresets = (services: unknown[], over = {}) => ({ policyVersion: '1', privacyPolicyUrl: '/p', services, ...over });
  const presetErrors = (input: unknown, withTable = true) => {
    try {
      parseConfig(input, withTable ? PRESETS : undefined);
    } catch (e) {
      return (e as ConfigError).errors.map((x) => `${x.path}: ${x.message}`);
    }
    throw new Error('expected a ConfigError');
  };

  it('expands a preset into a complete service, with its consent API and without its sources', () => {
    const { config } = parseConfig(withPresets([{ preset: 'meta-pixel' }]), PRESETS);
    const meta = PRESETS['meta-pixel']!;
    expect(config.services).toEqual([
      {
        id: 'meta-pixel', name: meta.name, provider: 'Meta', category: 'advertising', purpose: meta.purpose, hosts: meta.hosts,
        cookies: meta.cookies, saleOrShare: true, privacyPolicyUrl: meta.privacyPolicyUrl, consentApi: 'meta',
      },
    ]);
    expect(config.categories).toEqual(['advertising']);
  });

  it('applies overrides on top, each replacing the preset field whole, and keeps hand-written services as they are', () => {
    const { config } = parseConfig(
      withPresets([
        { preset: 'youtube', id: 'videos', category: 'functional', saleOrShare: false, purpose: 'Product videos.' },
        { preset: 'google-analytics', hosts: ['www.googletagmanager.com/gtag/js?id=G-', 'metrics.example.com'], cookies: [{ name: '_ga', duration: '13 months', purpose: 'Visitor id.' }] },
        { id: 'chat', name: 'Chat', provider: 'ChatCo', category: 'functional', purpose: 'Chat', hosts: ['chat.example'] },
      ]),
      PRESETS,
    );
    expect(config.services[0]).toMatchObject({ id: 'videos', category: 'functional', saleOrShare: false, purpose: 'Product videos.', hosts: PRESETS.youtube!.hosts });
    expect(config.services[1]!.hosts).toEqual(['www.googletagmanager.com/gtag/js?id=G-', 'metrics.example.com']);
    expect(config.services[1]!.cookies).toEqual([{ name: '_ga', duration: '13 months', purpose: 'Visitor id.' }]);
    expect(config.services[2]).toEqual({ id: 'chat', name: 'Chat', provider: 'ChatCo', category: 'functional', purpose: 'Chat', hosts: ['chat.example'], cookies: [], saleOrShare: false });
  });

  it('parses its own output again unchanged (the consent core re-validates what it is given)', () => {
    const { config } = parseConfig(withPresets(PRESET_IDS.slice(0, 12).map((preset) => ({ preset }))), PRESETS);
    expect(parseConfig(config).config).toEqual(config);
  });

  it('names the preset field for an unknown preset', () => {
    expect(presetErrors(withPresets([{ preset: 'hotjar' }, { preset: 'facebook-pixel' }, { preset: 'meta' }]))).toEqual([
      '/services/1/preset: unknown preset "facebook-pixel"',
      '/services/2/preset: unknown preset "meta"',
    ]);
  });

  it('names the preset field when no table is available (the script tag without assent-presets.js)', () => {
    expect(presetErrors(withPresets([{ preset: 'hotjar' }]), false)).toEqual([
      '/services/0/preset: "hotjar" needs the presets table (assent-presets.js)',
    ]);
    expect(() => parseConfig(withPresets([{ preset: '__proto__' }]), PRESETS)).toThrow(/unknown preset "__proto__"/);
  });

  it('names the bad override, as for any service', () => {
    expect(presetErrors(withPresets([{ preset: 'hotjar', category: 'marketing' }]))).toEqual([
      '/services/0/category: expected one of functional, analytics, advertising',
    ]);
    expect(presetErrors(withPresets([{ preset: 'hotjar', colour: 'red' }]))).toEqual(['/services/0/colour: is not a known field']);
    expect(presetErrors(withPresets([{ preset: 'hotjar', hosts: ['https://hotjar.com/x'] }]))[0]).toMatch(/^\/services\/0\/hosts\/0: does not match/);
    expect(presetErrors(withPresets([{ preset: 'hotjar', consentApi: 'carrier-pigeon' }]))[0]).toMatch(/^\/services\/0\/consentApi: expected one of meta, google/);
    expect(presetErrors(withPresets([{ preset: 42 }]))).toContain('/services/0/preset: expected a string, got number');
    expect(presetErrors(withPresets([{ preset: 'youtube' }, { preset: 'youtube' }]))).toEqual(['/services/1/id: duplicate service id "youtube"']);
    expect(presetErrors(withPresets([{ preset: 'hotjar' }], { categories: ['functional'] }))).toEqual(['/services/0/category: "analytics" is not in /categories']);
  });

  it('accepts restrictOnOptOut only where it can keep a service running restricted', () => {
    const ok = parseConfig(withPresets([{ preset: 'google-analytics', saleOrShare: true, restrictOnOptOut: true }, { preset: 'meta-pixel', category: 'analytics', restrictOnOptOut: true }]), PRESETS);
    expect(ok.config.services.map((s) => s.restrictOnOptOut)).toEqual([true, true]);
    const why = 'needs a saleOrShare service outside advertising, with the meta or google consentApi';
    expect(presetErrors(withPresets([{ preset: 'hotjar', saleOrShare: true, restrictOnOptOut: true }]))).toEqual([`/services/0/restrictOnOptOut: ${why}`]);
    expect(presetErrors(withPresets([{ preset: 'google-analytics', restrictOnOptOut: true }]))).toEqual([`/services/0/restrictOnOptOut: ${why}`]);
    expect(presetErrors(withPresets([{ preset: 'meta-pixel', restrictOnOptOut: true }]))).toEqual([`/services/0/restrictOnOptOut: ${why}`]);
  });
});
