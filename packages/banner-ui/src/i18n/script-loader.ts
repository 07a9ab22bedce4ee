/**
 * Catalogue loader of the script-tag build. `dist/i18n/<lang>.js` is a one-line script that
 * hands its values, in {@link KEYS} order, to `AssentUI.addMessages`; it is inserted with the
 * page's nonce, as `assent.js` inserts `assent-ui.js`, so a strict CSP that allows one allows the
 * other.
 */
import type { Messages } from './en.js';
import { KEYS } from './keys.js';
import type { CatalogueLoader } from './loader.js';

const waiting = new Map<string, (c: Messages) => void>();

/**
 * Called by a language script: delivers its values in {@link KEYS} order. A list that does not
 * match (another version's file, say) is not taken: the load then fails and English is shown.
 */
export function addMessages(lang: string, values: unknown): void {
  if (!Array.isArray(values) || values.length !== KEYS.length || !values.every((v) => typeof v === 'string')) return;
  waiting.get(lang)?.(Object.fromEntries(KEYS.map((key, i) => [key, values[i]])) as Messages);
  waiting.delete(lang);
}

/** A loader fetching `<base>i18n/<lang>.js`, where `base` is the folder `assent-ui.js` came from. */
export const scriptCatalogue =
  (base: string, nonce?: string): CatalogueLoader =>
  (lang) =>
    new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(`i18n/${lang}.js`, base).href;
      if (nonce) s.nonce = nonce;
      waiting.set(lang, resolve);
      // Runs after the script: still waiting means it never delivered (error, or not a catalogue).
      s.onerror = s.onload = (e: Event | string) => {
        s.remove();
        const why = typeof e !== 'string' && e.type === 'load' ? 'did not deliver its texts' : 'could not be loaded';
        if (waiting.delete(lang)) reject(new Error(`${s.src} ${why}`));
      };
      document.head.append(s);
    });
