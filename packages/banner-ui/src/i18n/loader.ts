/**
 * How a catalogue other than English reaches the UI. The npm build imports it as a chunk; the
 * script-tag build loads `i18n/<lang>.js` beside `assent-ui.js`. Either way only the language in
 * use is fetched.
 */
import type { Language } from '@assent/sdk';
import type { Catalogue } from './messages.js';

/** Loads one language's catalogue. Rejects when it cannot; the UI then falls back to English. */
export type CatalogueLoader = (lang: Exclude<Language, 'en'>) => Promise<Catalogue>;

/** A catalogue loader that resolves within `ms` or falls back to English, so the banner is never held back. */
export function withTimeout(loader: CatalogueLoader, ms: number): (lang: Language) => Promise<Catalogue> {
  return (lang) => {
    if (lang === 'en') return Promise.resolve({});
    return new Promise<Catalogue>((resolve) => {
      const fallback = (why: unknown) => {
        console.warn(`[assent] ${lang} texts: ${String(why)}; showing English`);
        resolve({});
      };
      const timer = setTimeout(fallback, ms, `not loaded in ${ms} ms`);
      loader(lang).then(resolve, fallback).finally(() => clearTimeout(timer));
    });
  };
}
