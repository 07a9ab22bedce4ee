// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '@assent/sdk';
import { readVerdict, saveVerdict, type PageInputs } from '../src/saved-verdict.js';

const configText = JSON.stringify({
  policyVersion: 'snap-1',
  privacyPolicyUrl: '/privacy',
  services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['a.example'] }],
});
const page: PageInputs = { configText, regionAttr: 'FR' };

/** A visitor who accepted, whose verdict the engine saves. */
function decided() {
  const c = createConsent(JSON.parse(configText), { region: 'FR', gate: false });
  c.acceptAll();
  return c;
}
const widget = { lang: 'fr', rtl: false, cookieSettings: 'Paramètres des cookies', privacyChoices: 'Vos choix' } as const;
const save = (c = decided()) => saveVerdict(window, page, c, widget);
const read = (p: PageInputs = page, now = Date.now()) => readVerdict(window, p, now);

const clearCookies = () => {
  for (const c of document.cookie.split(';')) document.cookie = `${c.split('=')[0]!.trim()}=;Max-Age=0;Path=/`;
};

beforeEach(() => {
  clearCookies();
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('saved verdict', () => {
  it('reads back what was saved for the same inputs: the record as the cookie holds it', () => {
    const c = decided();
    save(c);
    const v = read()!;
    expect(v.decisions).toEqual(c.get());
    expect(v.services).toEqual(c.services());
    expect(v.regime.key).toBe('FR');
    expect(v.widget).toEqual(widget);
    expect(v.record.subjectId).toBe(c.subjectId);
    expect(v.record.decidedAt).toBe(Math.floor(c.record()!.decidedAt / 1000) * 1000);
  });

  it('is not saved while the visitor must decide, nor when the cookie holds another record', () => {
    const undecided = createConsent(JSON.parse(configText), { region: 'FR', gate: false });
    save(undecided);
    expect(localStorage.getItem('assent.snapshot')).toBeNull();
    const c = decided();
    document.cookie = `assent=${'1.e30.0'};Path=/;Domain=localhost`; // a second copy of the cookie
    save(c);
    expect(read()).toBeNull();
  });

  it('is ignored when any input changed: config text, region attribute, consent cookie, GPC, DNT, page and browser language', () => {
    save();
    expect(read({ ...page, configText: configText.replace('snap-1', 'snap-2') })).toBeNull();
    expect(read({ ...page, regionAttr: 'DE' })).toBeNull();
    expect(read({ ...page, regionAttr: null })).toBeNull();

    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    expect(read()).toBeNull();
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;

    Object.defineProperty(navigator, 'doNotTrack', { value: '1', configurable: true });
    expect(read()).toBeNull();
    delete (navigator as { doNotTrack?: string }).doNotTrack;

    const language = vi.spyOn(navigator, 'language', 'get').mockReturnValue('ja');
    expect(read()).toBeNull();
    language.mockRestore();

    document.documentElement.lang = 'de';
    expect(read()).toBeNull();
    document.documentElement.lang = '';
    expect(read()).not.toBeNull();

    document.cookie = 'assent=1.e30.0;Path=/'; // another value of the consent cookie
    expect(read()).toBeNull();
  });

  it('is ignored while receipts an earlier page queued wait for the engine to deliver them', () => {
    save();
    localStorage.setItem('assent.outbox', '[]'); // an empty queue
    expect(read()).not.toBeNull();
    localStorage.setItem('assent.outbox', '[{"id":"r1"}]');
    expect(read()).toBeNull();
  });

  it('is ignored when edited, truncated or garbage', () => {
    save();
    const raw = localStorage.getItem('assent.snapshot')!;
    for (const bad of [
      raw.replace('"analytics":true', '"analytics":false'),
      raw.slice(0, -1),
      raw.slice(raw.indexOf('.')),
      'not json',
      '',
    ]) {
      localStorage.setItem('assent.snapshot', bad);
      expect(read()).toBeNull();
    }
  });

  it('is ignored once the record expires', () => {
    save();
    const { expiresAt } = read()!.record;
    expect(read(page, expiresAt - 1)).not.toBeNull();
    expect(read(page, expiresAt)).toBeNull();
  });

  it('a visitor who must decide again forgets it; without storage nothing throws and nothing is read', () => {
    save();
    expect(read()).not.toBeNull();
    // A new policy version: the stored record no longer stands in FR, the visitor must decide again.
    const bumped = configText.replace('snap-1', 'snap-2');
    saveVerdict(window, { ...page, configText: bumped }, createConsent(JSON.parse(bumped), { region: 'FR', gate: false }), widget);
    expect(localStorage.getItem('assent.snapshot')).toBeNull();

    // No consent cookie at all (a first visit): nothing to forget, and localStorage is not touched.
    save();
    clearCookies();
    const touched = vi.spyOn(Storage.prototype, 'removeItem');
    save(createConsent(JSON.parse(configText), { region: 'FR', gate: false }));
    expect(touched).not.toHaveBeenCalled();
    expect(read()).toBeNull(); // the saved verdict seals a cookie that is gone: it can never replay
    touched.mockRestore();

    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => save()).not.toThrow();
    expect(read()).toBeNull();
  });
});
