// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/preact';
import { LANGUAGES } from '@assent/sdk';
import { en, FIRST_LAYER_KEYS } from '../src/i18n/en.js';
import { KEYS } from '../src/i18n/keys.js';
import { importCatalogue } from '../src/i18n/import-loader.js';
import { withFallback } from '../src/i18n/loader.js';
import { buildMessages } from '../src/i18n/messages.js';
import { fakeConsent } from './fake-consent.js';
import { show } from './helpers.js';

describe('catalogues', () => {
  it('every shipped language translates every key', async () => {
    for (const lang of LANGUAGES) {
      const c = await importCatalogue(lang);
      expect(Object.keys(c).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(c)) expect(typeof value === 'string' && value.trim() !== '', `${lang}.${key}`).toBe(true);
      expect(c.services, lang).toContain('{count}');
    }
  });

  it('site texts override known keys only, and blank ones are ignored', async () => {
    const fr = await importCatalogue('fr');
    const m = buildMessages(fr, { acceptAll: 'Allow all', rejectAll: '  ', nonsense: 'x', title: 42 });
    expect(m.acceptAll).toBe('Allow all');
    expect(m.rejectAll).toBe(fr.rejectAll);
    expect(m.title).toBe(fr.title);
    expect(m).not.toHaveProperty('nonsense');
    expect(buildMessages(en)).toEqual(en);
  });

  it('a catalogue that fails or hangs falls back to English; English itself has no fallback', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const english = (lang: string) => (lang === 'en' ? Promise.resolve(en) : null);
    await expect(withFallback((l) => english(l) ?? Promise.reject(new Error('404')), 1000)('fr')).resolves.toBe(en);
    await expect(withFallback((l) => english(l) ?? new Promise(() => {}), 10)('fr')).resolves.toBe(en);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]?.[0]).toBe('[assent] fr texts: not loaded in 10 ms; showing English');
    await expect(withFallback(() => Promise.reject(new Error('404')), 10)('en')).rejects.toThrow('404');
    warn.mockRestore();
  });
});

describe('language of the UI', () => {
  it('Arabic is laid out right to left', async () => {
    await show(fakeConsent({ region: 'SA' }));
    const host = document.querySelector('.assent-ui') as HTMLElement;
    expect(host.dir).toBe('rtl');
    expect(host.lang).toBe('ar');
    expect(screen.getByRole('button', { name: 'قبول الكل' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'رفض الكل' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'تخصيص' })).toBeTruthy();
  });

  it('the site config wins over the regime, which wins over the page', async () => {
    document.documentElement.lang = 'de';
    await show(fakeConsent({ region: 'FR', config: { language: 'es' } }));
    expect(screen.getByRole('button', { name: 'Aceptar todo' })).toBeTruthy();
  });

  it('without config or regime language, the page language applies', async () => {
    document.documentElement.lang = 'de-AT';
    await show(fakeConsent({ region: null }));
    expect(screen.getByRole('button', { name: 'Alle akzeptieren' })).toBeTruthy();
    expect((document.querySelector('.assent-ui') as HTMLElement).dir).toBe('ltr');
  });

  it('an unsupported page language falls back to English', async () => {
    document.documentElement.lang = 'tlh';
    await show(fakeConsent({ region: null }));
    expect(screen.getByRole('button', { name: 'Accept all' })).toBeTruthy();
  });

  it('site text overrides show on screen and in the recorded notice', async () => {
    const consent = fakeConsent({ region: 'GB', config: { texts: { en: { acceptAll: 'Allow all', title: 'Cookies at Vocaro' } } } });
    await show(consent);
    fireEvent.click(screen.getByRole('button', { name: 'Allow all' }));
    expect(consent.calls[0]?.options?.notice?.text.split('\n')[0]).toBe('Cookies at Vocaro');
  });

  it('markup in a translation renders as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">Accept';
    const consent = fakeConsent({ region: 'GB', config: { texts: { en: { title: evil, acceptAll: evil } } } });
    await show(consent);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(evil);
    expect(screen.getByRole('button', { name: evil })).toBeTruthy();
    expect(document.querySelector('.assent-ui img')).toBeNull();
  });
});

describe('language files of the script tag', () => {
  it('KEYS lists exactly the keys of the English catalogue, and the first layer\'s keys are among them', () => {
    expect([...KEYS].sort()).toEqual(Object.keys(en).sort());
    expect(FIRST_LAYER_KEYS.every((k) => KEYS.includes(k))).toBe(true);
  });
});
