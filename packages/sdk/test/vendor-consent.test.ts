// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://www.shop.example.com/"}
/**
 * Vendor consent APIs on a real consent instance: restricted mode under US opt-outs, the UET
 * default before the tag, vendor globals never created, a throwing vendor, and withdrawal
 * deleting every cookie the presets list (names, `*` patterns, parent-domain variants).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsent, type SiteConfigInput } from '../src/index.js';
import { PRESETS, PRESET_IDS } from '../src/presets/index.js';
import { runVendorCalls, vendorConsentCalls } from '../src/signals/vendor-consent.js';

type Win = Window & typeof globalThis & Record<string, unknown>;
const baseline = new Set(Object.keys(window));
/** The test page's window, GPC on or off; afterEach puts it back as it was. */
const newWindow = (opts: { gpc?: boolean } = {}) => {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: opts.gpc ? true : undefined, configurable: true });
  return window as Win;
};
afterEach(() => {
  const win = window as Win;
  for (const key of Object.keys(window)) if (!baseline.has(key)) delete win[key];
  for (const c of document.cookie.split('; ')) for (const d of ['', ';domain=.example.com', ';domain=.shop.example.com']) document.cookie = `${c.split('=')[0]}=;path=/;max-age=0${d}`;
  localStorage.clear();
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
});
const site = (services: unknown[]): SiteConfigInput => ({
  policyVersion: '1',
  privacyPolicyUrl: '/privacy',
  categories: ['functional', 'analytics', 'advertising'],
  services: services as SiteConfigInput['services'],
});
/** A recording `fbq` shaped like the one Meta's snippet defines: calls queue until the library loads. */
const recordingFbq = () => {
  const calls: unknown[][] = [];
  const fbq = (...args: unknown[]) => void calls.push(args);
  return { fbq, calls };
};
/** The dataLayer entries as plain arrays (gtag commands) or objects (events). */
const layer = (win: Win) => ((win.dataLayer as unknown[]) ?? []).map((e) => ((e as { event?: string }).event ? e : Array.from(e as ArrayLike<unknown>)));

afterEach(() => void vi.restoreAllMocks());

describe('restricted mode under a US opt-out', () => {
  const services = (restrict: boolean) => [
    { preset: 'meta-pixel', category: 'analytics', ...(restrict && { restrictOnOptOut: true }) },
    { preset: 'google-analytics', saleOrShare: true, ...(restrict && { restrictOnOptOut: true }) },
    { preset: 'google-ads' },
  ];

  it('by default, GPC switches a sale/share service off, and its vendor is told to stop', async () => {
    const win = newWindow({ gpc: true });
    const { fbq, calls } = recordingFbq();
    win.fbq = fbq;
    const consent = createConsent(site(services(false)), { region: 'US-CA', gate: false });
    await consent.ready;
    expect(consent.allows('analytics', 'meta-pixel')).toBe(false);
    expect(consent.allows('analytics', 'google-analytics')).toBe(false);
    expect(consent.get().analytics).toBe(true);
    expect(calls.at(-1)).toEqual(['consent', 'revoke']);
    expect(calls.some((c) => c[0] === 'dataProcessingOptions')).toBe(false);
    expect(layer(win).some((c) => Array.isArray(c) && c[1] === 'restricted_data_processing')).toBe(false);
  });

  it('with restrictOnOptOut, GPC keeps the service running in Limited Data Use and restricted data processing', async () => {
    const win = newWindow({ gpc: true });
    const { fbq, calls } = recordingFbq();
    win.fbq = fbq;
    const consent = createConsent(site(services(true)), { region: 'US-CA', gate: false });
    await consent.ready;
    expect(consent.get()).toMatchObject({ analytics: true, advertising: false });
    expect(consent.allows('analytics', 'meta-pixel')).toBe(true);
    expect(consent.allows('analytics', 'google-analytics')).toBe(true);
    expect(consent.allows('advertising', 'google-ads')).toBe(false);
    expect(calls.slice(-2)).toEqual([['consent', 'grant'], ['dataProcessingOptions', ['LDU'], 0, 0]]);
    const commands = layer(win);
    expect(commands).toContainEqual(['set', 'restricted_data_processing', true]);
    // Consent Mode, from the core: no ad personalisation, analytics on.
    expect(commands.filter((c) => Array.isArray(c) && c[0] === 'consent').at(-1)).toEqual([
      'consent', expect.any(String), expect.objectContaining({ ad_personalization: 'denied', analytics_storage: 'granted' }),
    ]);
  });

  it('"Your Privacy Choices" restricts instead of switching off, and opting back in lifts the restriction', async () => {
    const win = newWindow();
    const { fbq, calls } = recordingFbq();
    win.fbq = fbq;
    const consent = createConsent(site(services(true)), { region: 'US-CA', gate: false });
    await consent.ready;
    expect(calls.slice(-2)).toEqual([['consent', 'grant'], ['dataProcessingOptions', []]]);
    consent.setSaleShareOptOut(true);
    expect(consent.allows('analytics', 'meta-pixel')).toBe(true);
    expect(consent.allows('advertising', 'google-ads')).toBe(false);
    expect(calls.slice(-2)).toEqual([['consent', 'grant'], ['dataProcessingOptions', ['LDU'], 0, 0]]);
    expect(layer(win).filter((c) => Array.isArray(c) && c[1] === 'restricted_data_processing').at(-1)).toEqual(['set', 'restricted_data_processing', true]);
    consent.setSaleShareOptOut(false);
    expect(calls.slice(-2)).toEqual([['consent', 'grant'], ['dataProcessingOptions', []]]);
    expect(layer(win).filter((c) => Array.isArray(c) && c[1] === 'restricted_data_processing').at(-1)).toEqual(['set', 'restricted_data_processing', false]);
  });

  it('in an opt-in region, refusing the category still switches the service off', async () => {
    const win = newWindow();
    const { fbq, calls } = recordingFbq();
    win.fbq = fbq;
    const consent = createConsent(site(services(true)), { region: 'FR', gate: false });
    await consent.ready;
    consent.rejectAll();
    expect(consent.allows('analytics', 'meta-pixel')).toBe(false);
    expect(calls.at(-1)).toEqual(['consent', 'revoke']);
  });
});

describe('vendor globals', () => {
  it('are never created (Meta’s snippet returns early when fbq exists), and a snippet loaded later still initialises', async () => {
    const win = newWindow();
    const consent = createConsent(site([{ preset: 'meta-pixel' }, { preset: 'tiktok-pixel' }, { preset: 'microsoft-clarity' }]), { region: 'FR', gate: false });
    await consent.ready;
    consent.acceptAll();
    consent.rejectAll();
    consent.acceptAll();
    for (const g of ['fbq', '_fbq', 'ttq', 'clarity']) expect(win[g], g).toBeUndefined();
    // What Meta's published snippet does: define the queue only when fbq is absent, then init.
    const snippet = (w: Win) => {
      if (w.fbq) return false;
      const queue: unknown[][] = [];
      w.fbq = Object.assign((...a: unknown[]) => void queue.push(a), { queue });
      (w.fbq as (...a: unknown[]) => void)('init', '123');
      return true;
    };
    expect(snippet(win)).toBe(true);
    consent.rejectAll();
    expect((win.fbq as unknown as { queue: unknown[][] }).queue).toEqual([['init', '123'], ['consent', 'revoke']]);
  });

  it('UET’s documented queue is created with the default before the tag, then updated', async () => {
    const win = newWindow();
    const consent = createConsent(site([{ preset: 'microsoft-uet' }]), { region: 'FR', gate: false });
    await consent.ready;
    expect(win.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }]);
    consent.acceptAll();
    expect(win.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]);
  });

  it('a vendor API that throws is reported, and neither the other vendors nor the decision suffer', async () => {
    const win = newWindow();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    win.fbq = () => {
      throw new Error('boom');
    };
    const granted: string[] = [];
    win.ttq = { grantConsent: () => granted.push('ttq'), revokeConsent: () => {} };
    const consent = createConsent(site([{ preset: 'meta-pixel' }, { preset: 'tiktok-pixel' }]), { region: 'FR', gate: false });
    await consent.ready;
    consent.acceptAll();
    expect(granted).toEqual(['ttq']);
    expect(consent.allows('advertising', 'meta-pixel')).toBe(true);
    expect(win.document.cookie).toMatch(/assent=/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[assent] fbq(…) failed'), expect.any(Error));
  });

  it('a vendor whose global appears right after the decision (a snippet the gate released) is told once more', async () => {
    const win = newWindow();
    const consent = createConsent(site([{ preset: 'microsoft-clarity' }]), { region: 'FR', gate: false });
    await consent.ready;
    const log: unknown[][] = [];
    consent.acceptAll();
    win.clarity = (...a: unknown[]) => void log.push(a); // the released snippet defines its queue
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }]]);
    // A deferred call never overrides a newer decision.
    delete win.clarity;
    consent.rejectAll();
    consent.acceptAll();
    win.clarity = (...a: unknown[]) => void log.push(a);
    consent.rejectAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(log.slice(1)).toEqual([['consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }]]);
  });

  it('calls are plain data: the same calls replay on another window', () => {
    const config = { services: [{ id: 'm', category: 'advertising' as const, consentApi: 'meta' as const }, { id: 'u', category: 'advertising' as const, consentApi: 'microsoft-uet' as const }] };
    const granted = { granted: true, basis: 'consent' as const };
    const calls = vendorConsentCalls(config as never, { categories: { functional: granted, analytics: granted, advertising: granted }, services: { m: granted, u: granted } });
    const replayed = JSON.parse(JSON.stringify(calls)) as typeof calls;
    const win: Record<string, unknown> = {};
    const log: unknown[][] = [];
    win.fbq = (...a: unknown[]) => void log.push(a);
    runVendorCalls(win, replayed);
    expect(log).toEqual([['consent', 'grant']]);
    expect(win.uetq).toEqual(['consent', 'default', { ad_storage: 'granted' }]);
  });
});

describe('withdrawal', () => {
  /** A concrete cookie name for a listed name or pattern. */
  const concrete = (name: string) => name.replace(/\*/g, 'X1');
  const firstParty = PRESET_IDS.flatMap((id) => PRESETS[id]!.cookies.filter((c) => !c.domain).map((c) => concrete(c.name)));

  it('deletes every first-party cookie the presets list: names, patterns, host-only and on parent domains', async () => {
    expect(firstParty.length).toBeGreaterThan(50);
    const win = newWindow();
    // All presets in one config, in three groups so each consent cookie stays within its size limit.
    for (const ids of [PRESET_IDS.slice(0, 11), PRESET_IDS.slice(11, 22), PRESET_IDS.slice(22)]) {
      const consent = createConsent(site(ids.map((preset) => ({ preset }))), { region: 'FR', gate: false });
      await consent.ready;
      consent.acceptAll();
      const mine = ids.flatMap((id) => PRESETS[id]!.cookies.filter((c) => !c.domain).map((c) => concrete(c.name)));
      for (const name of mine)
        for (const domain of ['', ';domain=.example.com', ';domain=.shop.example.com']) win.document.cookie = `${name}=1;path=/${domain}`;
      win.document.cookie = 'site_pref=1;path=/';
      const names = () => win.document.cookie.split('; ').map((c) => c.split('=')[0]);
      // Three cookies of each name: host-only and on two parent domains.
      for (const name of mine) expect(names().filter((n) => n === name), name).toHaveLength(3);
      consent.rejectAll();
      expect(names().filter((n) => mine.includes(n!))).toEqual([]);
      expect(names()).toContain('site_pref');
      consent.destroy();
      win.document.cookie = 'assent=;path=/;max-age=0';
    }
  });
});
