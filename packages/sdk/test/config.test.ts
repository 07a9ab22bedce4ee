import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config/parse.js';
import { siteConfig } from './fixtures.js';

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
