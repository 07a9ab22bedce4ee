/**
 * The script-tag build (`assent-ui.js`): sets `window.AssentUI`, which `assent.js` calls once it
 * has loaded this file. It carries no texts: the visitor's language, English included, is loaded
 * from `i18n/<lang>.js` beside this file, with the page's nonce.
 */
import type { Consent } from '@assent/sdk';
import { withFallback } from './i18n/loader.js';
import { addMessages, scriptCatalogue } from './i18n/script-loader.js';
import { mount, type MountOptions, type UIHandle } from './mount.js';

const ownScript = document.currentScript as HTMLScriptElement | null;

function mountUI(consent: Consent, options: MountOptions): UIHandle {
  // Where this file came from: its own script element, else the URL the site config names.
  const base = ownScript?.src || (consent.config.ui.src && new URL(consent.config.ui.src, document.baseURI).href) || document.baseURI;
  return mount(consent, options, withFallback(scriptCatalogue(base, options.nonce), 4000));
}

(window as Window & { AssentUI?: unknown }).AssentUI = { mountUI, addMessages };
