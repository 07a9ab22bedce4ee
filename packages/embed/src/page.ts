/**
 * What the page says to `assent.js`: its own script tag's attributes, and whether it ran in time.
 */
import { httpUrl, serviceAt, type SiteConfig } from '@assent/sdk/internal';

/** The script tag's inputs. */
export interface Page {
  script: HTMLScriptElement | null;
  /** `data-assent-config`: a URL or the JSON itself. */
  config: string | null;
  /** `data-assent-region`, or `null` (ask server-sync, else the strictest regime). */
  region: string | null;
  nonce: string | undefined;
  /** `data-assent-consent-mode="off"`: announce nothing to Consent Mode before a config URL arrives. */
  consentModeOff: boolean;
  /** Where `assent-<name>.js` and `i18n/` are: `data-assent-<name>`, else beside `assent.js`, with the release's version. */
  own(name: 'core' | 'ui', src?: string): string;
  /** The folder `assent.js` came from (the language files are there). */
  base: string;
}

/** Reads the running script tag (or, when run some other way, the first one with a config). */
export function readPage(doc: Document, version: string): Page {
  const script = (doc.currentScript ?? doc.querySelector('script[data-assent-config]')) as HTMLScriptElement | null;
  const attr = (name: string) => script?.getAttribute(`data-assent-${name}`) ?? null;
  const base = script?.src || doc.baseURI;
  return {
    script,
    config: attr('config'),
    region: attr('region'),
    nonce: script?.nonce || undefined,
    consentModeOff: attr('consent-mode') === 'off',
    own: (name, src) => new URL(src ?? attr(name) ?? `assent-${name}.js?v=${version}`, base).href,
    base,
  };
}

/** Whether `data-assent-config` holds the JSON itself rather than a URL. */
export const isInline = (config: string) => config.trim().startsWith('{');

let warned = false;
/** Warns once per page that something ran before `assent.js` could hold it, with the fix. */
const warn = (what: string) => {
  if (!warned) console.warn(`[assent] ${what}: tags may run before consent. Load assent.js synchronously, first in <head>.`);
  warned = true;
};

/**
 * Looks for the signs that `assent.js` runs late: an async or deferred tag, a document already
 * parsed, or a tag manager's or gtag's commands already in `dataLayer`. Called first thing.
 */
export function warnIfLate(win: Window & { dataLayer?: unknown }, page: Page): void {
  const s = page.script;
  const early = (Array.isArray(win.dataLayer) ? win.dataLayer : []).find(
    (e) => (e as { event?: unknown })?.event === 'gtm.js' || /^(js|config|event)$/.test(String((e as ArrayLike<unknown>)?.[0])),
  );
  if (s?.async || s?.defer || win.document.readyState !== 'loading' || early)
    warn(s?.async || s?.defer ? 'assent.js is async or deferred' : early ? 'dataLayer had commands before assent.js' : 'assent.js ran after the page');
}

/**
 * Once the config is known: a script, iframe or image toward a service's host that is in the
 * document unheld loaded before `assent.js` (or its markup lacks `data-assent-category`).
 */
export function warnIfTagsRanFirst(doc: Document, config: SiteConfig): void {
  for (const el of doc.querySelectorAll('script[src],iframe[src],img[src]')) {
    const url = httpUrl(el.getAttribute('src'), doc.baseURI);
    if (!el.hasAttribute('data-assent-category') && url && serviceAt(url, config.services)) return warn(`${url.host} loaded unheld`);
  }
}
