/**
 * The language files of the script tag. `i18n/<lang>.js` is one statement that queues
 * `[lang, values, labels]` on `window.AssentL10n`: the UI's texts in KEYS order and the core's
 * label line. Whoever reads the queue takes what is there and what comes later, so a file may
 * arrive before or after it is asked for. Files are inserted with the page's nonce, as the
 * engine is, so a strict CSP that allows one allows the other.
 */
import { KEYS, buildMessages, withFallback, type Messages } from '@assent/banner-ui/internal';
import { parseLabels, type EmbedLabels, type Language } from '@assent/sdk/internal';
import { BUILT_IN } from './built-in-texts.js';

/** One language's texts, with the site's overrides applied. */
export interface Catalogue {
  lang: Language;
  messages: Messages;
  labels: EmbedLabels;
}

type Entry = [string, string[], string];
type L10nWindow = Window & { AssentL10n?: unknown[] | { push(entry: unknown): void } };

/**
 * A loader of `<base>i18n/<lang>.js?v=<version>`, falling back to English when a language fails
 * or takes over `fallbackMs` (English itself has no fallback). `overrides` are the site config's
 * `texts`. A file that does not deliver what this release expects (another version's) counts as
 * failed.
 */
export function catalogueLoader(
  win: L10nWindow,
  base: string,
  version: string,
  nonce: string | undefined,
  overrides: Record<string, Record<string, string>>,
  fallbackMs = 4000,
): { load(lang: Language): Promise<Catalogue>; now(lang: Language): Catalogue | undefined } {
  const doc = win.document;
  const arrived = new Map<string, Entry>();
  const waiting = new Map<string, () => void>();
  const take = (entry: unknown) => {
    const [lang, values, labels] = (Array.isArray(entry) ? entry : []) as Partial<Entry>;
    if (
      typeof lang !== 'string' ||
      !Array.isArray(values) ||
      values.length !== KEYS.length ||
      !values.every((v) => typeof v === 'string') ||
      typeof labels !== 'string' ||
      labels.split('|').length !== 7
    )
      return;
    arrived.set(lang, [lang, values, labels]);
    waiting.get(lang)?.();
  };
  // This file's own language is here already: no file to fetch for it.
  take([BUILT_IN.lang, BUILT_IN.values, BUILT_IN.labels]);
  const queued = win.AssentL10n;
  if (Array.isArray(queued)) queued.forEach(take);
  win.AssentL10n = { push: take };

  const files = new Map<string, Promise<Catalogue>>();
  /** A language's texts when they have arrived (this file's own language always has). */
  const now = (lang: Language): Catalogue | undefined => {
    const entry = arrived.get(lang);
    if (!entry) return;
    const own = overrides[lang];
    return { lang, messages: buildMessages(Object.fromEntries(KEYS.map((k, i) => [k, entry[1][i]])) as Messages, own), labels: parseLabels(entry[2], own) };
  };
  const fetchOne = (lang: Language) =>
    new Promise<Catalogue>((resolve, reject) => {
      const deliver = () => resolve(now(lang)!);
      if (arrived.has(lang)) return deliver();
      waiting.set(lang, deliver);
      const s = doc.createElement('script');
      s.src = new URL(`i18n/${lang}.js?v=${version}`, base).href;
      if (nonce) s.nonce = nonce;
      // Runs after the script: still waiting means it never delivered (an error, or not ours).
      s.onload = s.onerror = (e: Event | string) => {
        s.remove();
        if (!waiting.delete(lang) || arrived.has(lang)) return;
        reject(new Error(`${s.src} ${typeof e !== 'string' && e.type === 'load' ? 'did not deliver its texts' : 'could not be loaded'}`));
      };
      doc.head.append(s);
    });
  const load = (lang: Language) => {
    let p = files.get(lang);
    if (!p) files.set(lang, (p = fetchOne(lang)));
    return p;
  };
  return { load: withFallback(load, fallbackMs), now };
}
