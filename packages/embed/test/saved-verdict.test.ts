// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '@assent/sdk';
import { readSnapshot, writeSnapshot, type PageInputs, type Snapshot } from '../src/saved-verdict.js';

const configText = JSON.stringify({
  policyVersion: 'snap-1',
  privacyPolicyUrl: '/privacy',
  services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['a.example'] }],
});
const page: PageInputs = { configText, regionAttr: 'FR' };

/** A visitor who accepted; the snapshot the engine would save for them. */
function decided(): Snapshot {
  const c = createConsent(JSON.parse(configText), { region: 'FR', gate: false });
  c.acceptAll();
  return {
    config: c.config,
    regime: c.regime,
    record: c.record()!,
    gpc: c.gpc,
    decisions: c.get(),
    services: c.services(),
    dataLayer: [['consent', 'update', { analytics_storage: 'granted' }]],
    widget: { lang: 'fr', rtl: false, cookieSettings: 'Paramètres des cookies', privacyChoices: 'Vos choix' },
  };
}

const clearCookies = () => {
  for (const c of document.cookie.split(';')) document.cookie = `${c.split('=')[0]!.trim()}=;Max-Age=0;Path=/`;
};

beforeEach(() => {
  clearCookies();
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('snapshot', () => {
  it('reads back what was written for the same inputs', () => {
    const snap = decided();
    writeSnapshot(window, page, snap);
    expect(readSnapshot(window, page, Date.now())).toEqual(JSON.parse(JSON.stringify(snap)));
  });

  it('is ignored when any input changed: config text, region attribute, consent cookie, GPC, DNT, page and browser language', () => {
    const snap = decided();
    writeSnapshot(window, page, snap);
    expect(readSnapshot(window, { ...page, configText: configText.replace('snap-1', 'snap-2') }, Date.now())).toBeNull();
    expect(readSnapshot(window, { ...page, regionAttr: 'DE' }, Date.now())).toBeNull();
    expect(readSnapshot(window, { ...page, regionAttr: null }, Date.now())).toBeNull();

    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    expect(readSnapshot(window, page, Date.now())).toBeNull();
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;

    Object.defineProperty(navigator, 'doNotTrack', { value: '1', configurable: true });
    expect(readSnapshot(window, page, Date.now())).toBeNull();
    delete (navigator as { doNotTrack?: string }).doNotTrack;

    const language = vi.spyOn(navigator, 'language', 'get').mockReturnValue('ja');
    expect(readSnapshot(window, page, Date.now())).toBeNull();
    language.mockRestore();

    document.documentElement.lang = 'de';
    expect(readSnapshot(window, page, Date.now())).toBeNull();
    document.documentElement.lang = '';
    expect(readSnapshot(window, page, Date.now())).not.toBeNull();

    document.cookie = 'assent=1.e30.0;Path=/'; // another value of the consent cookie
    expect(readSnapshot(window, page, Date.now())).toBeNull();
  });

  it('is ignored while receipts an earlier page queued wait for the engine to deliver them', () => {
    writeSnapshot(window, page, decided());
    localStorage.setItem('assent.outbox', '[]'); // an empty queue
    expect(readSnapshot(window, page, Date.now())).not.toBeNull();
    localStorage.setItem('assent.outbox', '[{"id":"r1"}]');
    expect(readSnapshot(window, page, Date.now())).toBeNull();
  });

  it('is ignored when edited, truncated or garbage', () => {
    writeSnapshot(window, page, decided());
    const raw = localStorage.getItem('assent.snapshot')!;
    for (const bad of [
      raw.replace('"analytics":true', '"analytics":false'),
      raw.slice(0, -1),
      raw.slice(raw.indexOf('.')),
      'not json',
      '',
    ]) {
      localStorage.setItem('assent.snapshot', bad);
      expect(readSnapshot(window, page, Date.now())).toBeNull();
    }
  });

  it('is ignored once the record expires', () => {
    const snap = decided();
    writeSnapshot(window, page, snap);
    expect(readSnapshot(window, page, snap.record.expiresAt - 1)).not.toBeNull();
    expect(readSnapshot(window, page, snap.record.expiresAt)).toBeNull();
  });

  it('writing null forgets it; without storage nothing throws and nothing is read', () => {
    writeSnapshot(window, page, decided());
    writeSnapshot(window, page, null);
    expect(localStorage.getItem('assent.snapshot')).toBeNull();

    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => writeSnapshot(window, page, decided())).not.toThrow();
    expect(readSnapshot(window, page, Date.now())).toBeNull();
  });
});
