/**
 * Catalogue loader of the script-tag build. `dist/i18n/<lang>.js` is a one-line script that
 * hands its data to `AssentUI.addMessages`; it is inserted with the page's nonce, as `assent.js`
 * inserts `assent-ui.js`, so a strict CSP that allows one allows the other.
 */
import type { CatalogueLoader } from './loader.js';
import type { Catalogue } from './messages.js';

const waiting = new Map<string, (c: Catalogue) => void>();

/** Called by a language script: delivers its catalogue. */
export function addMessages(lang: string, catalogue: Catalogue): void {
  waiting.get(lang)?.(catalogue);
  waiting.delete(lang);
}

/** A loader fetching `<base>i18n/<lang>.js`, where `base` is the folder `assent-ui.js` came from. */
export function scriptCatalogue(base: string, nonce?: string): CatalogueLoader {
  return (lang) =>
    new Promise<Catalogue>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(`i18n/${lang}.js`, base).href;
      if (nonce) s.nonce = nonce;
      waiting.set(lang, resolve);
      const fail = (why: string) => {
        s.remove();
        // Still waiting means the script never delivered (error, or not a catalogue).
        if (waiting.delete(lang)) reject(new Error(`${s.src} ${why}`));
      };
      s.onerror = () => fail('could not be loaded');
      s.onload = () => fail('did not deliver its texts');
      document.head.append(s);
    });
}
