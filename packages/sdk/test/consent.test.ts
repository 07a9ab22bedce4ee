// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../src/create-consent.js';
import { ConfigError } from '../src/config/parse.js';
import { validateReceipt, type Receipt } from '../src/schema/receipt.js';
import { siteConfig } from './fixtures.js';

type DL = { dataLayer?: unknown[] };
const clearCookies = () => {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]!.trim();
    if (name) document.cookie = `${name}=;Path=/;Max-Age=0`;
  }
};
const commands = () =>
  ((window as DL).dataLayer ?? []).map((e) => {
    const a = Array.from(e as ArrayLike<unknown>);
    return (e as { event?: string }).event ?? `${String(a[0])} ${String(a[1])}`;
  });

let posted: Receipt[][] = [];
beforeEach(() => {
  clearCookies();
  localStorage.clear();
  delete (window as DL).dataLayer;
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
  posted = [];
  vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
    posted.push((JSON.parse(String(init.body)) as { receipts: Receipt[] }).receipts);
    return new Response('{"accepted":1,"duplicates":0}', { status: 202 });
  }));
});
afterEach(() => vi.unstubAllGlobals());

const create = (region: string | null, over = {}) =>
  createConsent(siteConfig({ serverSync: { url: 'http://sync.test' }, ...over }), { region, gate: false });

describe('createConsent', () => {
  it('throws a ConfigError for a broken config and stores nothing', () => {
    expect(() => createConsent({ policyVersion: '1' } as never)).toThrow(ConfigError);
    expect(document.cookie).toBe('');
  });

  it('first visit in FR: nothing granted, asks, no cookie', async () => {
    const c = create('FR');
    await c.ready;
    expect(c.get()).toEqual({ necessary: true, functional: false, analytics: false, advertising: false });
    expect(c.needsDecision).toBe(true);
    expect(c.allows('analytics', 'stats')).toBe(false);
    expect(c.allows('necessary')).toBe(true);
    expect(document.cookie).toBe('');
    expect(c.subjectId).toMatch(/^[0-9a-f]{32}$/);
    // Time first (UUIDv7): server-sync's subject-keyed tables take recent visitors together.
    expect(Math.abs(parseInt(c.subjectId.slice(0, 12), 16) - Date.now())).toBeLessThan(60_000);
  });

  it('a decision is stored, survives a reload, and produces a valid receipt', async () => {
    const c = create('FR');
    await c.ready;
    const changes: unknown[] = [];
    c.on('change', (e) => changes.push(e.method));
    c.set({ analytics: true }, { notice: { language: 'fr', text: 'Nous utilisons des cookies…' } });
    expect(changes).toEqual(['custom']);
    expect(document.cookie).toMatch(/^assent=1\./);
    const again = create('FR');
    await again.ready;
    expect(again.needsDecision).toBe(false);
    expect(again.get().analytics).toBe(true);
    expect(again.subjectId).toBe(c.subjectId);
    await vi.waitFor(() => expect(posted.flat()).toHaveLength(1));
    const receipt = posted[0]![0]!;
    expect(validateReceipt(receipt)).toEqual([]);
    expect(receipt.subjectId).toBe(c.subjectId);
    expect(receipt.event).toMatchObject({ type: 'given', method: 'custom' });
    expect(receipt.jurisdiction).toEqual({ region: 'FR', regime: 'FR', model: 'opt-in', source: 'option' });
    expect(receipt.notice).toEqual({ language: 'fr', text: 'Nous utilisons des cookies…' });
    expect(receipt.purposes.analytics).toEqual({ granted: true, basis: 'consent' });
    expect(receipt.services.ads).toEqual({ category: 'advertising', granted: false, basis: 'consent', saleOrShare: true });
    expect(again.record()!.receiptId).toBe(receipt.receiptId);
  });

  it('chains receipts and records a withdrawal', async () => {
    const c = create('FR');
    c.acceptAll();
    const first = c.record()!.receiptId;
    const withdrawn: unknown[] = [];
    c.onWithdraw('analytics', () => withdrawn.push('analytics'));
    c.set({ functional: true, advertising: true });
    expect(withdrawn).toEqual(['analytics']);
    await vi.waitFor(() => expect(posted.flat()).toHaveLength(2));
    const second = posted.flat()[1]!;
    expect(second.previousReceiptId).toBe(first);
    expect(second.event.type).toBe('withdrawn');
  });

  it('withdrawal deletes the category cookies (names and patterns), not others', () => {
    const c = create('FR');
    c.acceptAll();
    document.cookie = 'demo_analytics_id=1;Path=/';
    document.cookie = '_st_abc=1;Path=/';
    document.cookie = 'demo_ads_id=1;Path=/';
    document.cookie = 'site_pref=1;Path=/';
    c.set({ functional: true, advertising: true });
    const names = document.cookie.split(';').map((p) => p.split('=')[0]!.trim());
    expect(names).not.toContain('demo_analytics_id');
    expect(names).not.toContain('_st_abc');
    expect(names).toContain('demo_ads_id');
    expect(names).toContain('site_pref');
  });

  it('pushes Consent Mode default before the update, with EEA countries listed one by one', async () => {
    const c = create('FR');
    await c.ready;
    c.acceptAll();
    expect(commands()).toEqual(['consent default', 'consent default', 'consent update', 'assent_consent_update']);
    const [regional, global] = (window as DL).dataLayer!.map((e) => Array.from(e as ArrayLike<unknown>)[2]) as Array<Record<string, unknown>>;
    expect(regional!.region).toContain('FR');
    expect(regional!.region).not.toContain('EU');
    expect(regional!.ad_storage).toBe('denied');
    expect(global!.region).toBeUndefined();
    expect(global!.wait_for_update).toBe(500);
    const update = Array.from((window as DL).dataLayer![2] as ArrayLike<unknown>)[2] as Record<string, string>;
    expect(update).toMatchObject({ ad_storage: 'granted', analytics_storage: 'granted', security_storage: 'granted' });
  });

  it('US-CA without GPC: defaults on, recorded as regime default, notice still shown', async () => {
    const c = create('US-CA');
    await c.ready;
    expect(c.get()).toEqual({ necessary: true, functional: true, analytics: true, advertising: true });
    expect(c.record()!.method).toBe('regime-default');
    expect(c.record()!.categories.analytics.basis).toBe('default');
    expect(c.needsDecision).toBe(true);
    await vi.waitFor(() => expect(posted.flat()[0]?.event.type).toBe('default-applied'));
  });

  it('US-CA with GPC: advertising off before any tag, receipt says GPC caused it', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const c = create('US-CA');
    await c.ready;
    expect(c.gpc).toBe(true);
    expect(c.get().advertising).toBe(false);
    expect(c.services().ads).toBe(false);
    expect(c.get().analytics).toBe(true);
    await vi.waitFor(() => expect(posted.flat()).toHaveLength(1));
    const r = posted.flat()[0]!;
    expect(r.event).toMatchObject({ type: 'gpc-opt-out', method: 'gpc' });
    expect(r.signals.gpc).toEqual({ value: true, honoured: true });
    expect(r.purposes.advertising).toEqual({ granted: false, basis: 'signal' });
  });

  it('a notice-model override runs its defaults at once, like an opt-out row', async () => {
    const c = create('ZA', { regions: { ZA: { model: 'notice', defaults: { functional: true, analytics: true } } } });
    await c.ready;
    expect(c.get()).toEqual({ necessary: true, functional: true, analytics: true, advertising: false });
    expect(c.record()!.method).toBe('regime-default');
    expect(c.needsDecision).toBe(true);
  });

  it('privacy choices: opt out of sale/share, then back in', () => {
    const c = create('US-CA');
    c.setSaleShareOptOut(true);
    expect(c.get().advertising).toBe(false);
    expect(c.services().ads).toBe(false);
    expect(c.get().analytics).toBe(true);
    expect(c.record()!.method).toBe('privacy-choices');
    c.setSaleShareOptOut(false);
    expect(c.get().advertising).toBe(true);
  });

  it('a declared minor is never opted in to advertising', () => {
    const c = create('US-CA');
    c.setAge(15);
    expect(c.get().advertising).toBe(false);
    c.acceptAll();
    expect(c.get().advertising).toBe(false);
    expect(c.record()!.declaredMinor).toBe(true);
  });

  it('a tampered cookie counts as no decision and is replaced by the next one', async () => {
    const c = create('FR');
    c.acceptAll();
    // Change the checksum's last character (to another one: 1 in 36 it already was an "x").
    document.cookie = `assent=${document.cookie.split('assent=')[1]!.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))};Path=/`;
    const again = create('FR');
    await again.ready;
    expect(again.needsDecision).toBe(true);
    expect(again.get().analytics).toBe(false);
    again.rejectAll();
    expect(create('FR').record()!.method).toBe('reject-all');
  });

  it('an invalid region falls back to the strictest regime with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const c = create('Narnia');
    await c.ready;
    expect(c.regime.key).toBe('*');
    expect(c.regime.model).toBe('opt-in');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"Narnia" is not an ISO 3166 code'));
  });

  it('asks server-sync for the region when none is given', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"region":"US-CA"}')));
    const c = createConsent(siteConfig({ serverSync: { url: 'http://sync.test' } }), { gate: false });
    expect(c.regime.key).toBe('*');
    await c.ready;
    expect(c.regime.key).toBe('US-CA');
    expect(c.regime.source).toBe('endpoint');
  });

  it('a hanging region endpoint falls back to the strictest regime within the timeout', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn((_u: string, init: RequestInit) => new Promise((_, reject) => {
      init.signal!.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    })));
    const t0 = Date.now();
    const c = createConsent(siteConfig({ serverSync: { url: 'http://sync.test', regionTimeoutMs: 200 } }), { gate: false });
    await c.ready;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(c.regime.key).toBe('*');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no answer in 200 ms'));
  });

  it.each([['{"region":"<b>"}'], ['not json'], ['{"region":42}']])('garbage from the region endpoint (%s) falls back', async (body) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body)));
    const c = createConsent(siteConfig({ serverSync: { url: 'http://sync.test' } }), { gate: false });
    await c.ready;
    expect(c.regime.key).toBe('*');
  });

  it('whenGranted runs once on grant; listeners can unsubscribe', () => {
    const c = create('FR');
    let ran = 0;
    c.whenGranted('analytics', () => ran++);
    const off = c.on('change', () => ran += 100);
    off();
    c.set({ functional: true });
    expect(ran).toBe(0);
    c.set({ analytics: true });
    c.set({ analytics: true, functional: true });
    expect(ran).toBe(1);
  });

  it('whenGranted runs at once when already granted, and its cancel stops a pending one', () => {
    const c = create('FR');
    c.set({ analytics: true });
    let now = 0;
    const cancelNow = c.whenGranted('analytics', () => now++);
    expect(now).toBe(1);
    cancelNow();
    let later = 0;
    const cancel = c.whenGranted('advertising', () => later++);
    cancel();
    c.acceptAll();
    expect([now, later]).toEqual([1, 0]);
  });
});

describe('events', () => {
  it('change listeners already see needsDecision false', async () => {
    const c = create('FR');
    await c.ready;
    let seen: boolean | undefined;
    c.on('change', () => (seen = c.needsDecision));
    c.rejectAll();
    expect(seen).toBe(false);
  });

  it('a throwing listener does not stop the decision or other listeners', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = create('FR');
    let other = false;
    c.on('change', () => {
      throw new Error('boom');
    });
    c.on('change', () => (other = true));
    c.acceptAll();
    expect(other).toBe(true);
    expect(c.get().analytics).toBe(true);
    expect(err).toHaveBeenCalled();
  });
});
