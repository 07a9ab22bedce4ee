/**
 * How a language's catalogue reaches the UI. The npm build imports it as a chunk; the script-tag
 * build loads `i18n/<lang>.js` beside `assent-ui.js`. Either way only the language in use is
 * fetched, English included: `assent-ui.js` carries no texts of its own.
 */
import type { Language } from '@assent/sdk';
import type { Messages } from './en.js';

/** Loads one language's complete catalogue. Rejects when it cannot. */
export type CatalogueLoader = (lang: Language) => Promise<Messages>;

/**
 * A loader that falls back to English when a language fails or takes over `ms`, so a missing
 * translation never holds the banner back. English has no fallback: without it the UI cannot start.
 */
export const withFallback =
  <T>(loader: (lang: Language) => Promise<T>, ms: number) =>
  (lang: Language): Promise<T> =>
    lang === 'en'
      ? loader(lang)
      : Promise.race([loader(lang), new Promise<never>((_, reject) => setTimeout(reject, ms, `not loaded in ${ms} ms`))]).catch(
          (why: unknown) => {
            console.warn(`[assent] ${lang} texts: ${why}; showing English`);
            return loader('en');
          },
        );
