/** The languages Assent ships texts for. */
export const LANGUAGES = ['en', 'fr', 'fr-CA', 'es', 'pt-BR', 'de', 'it', 'nl', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages written right to left. */
export const RTL: readonly string[] = ['ar'];

/**
 * Picks the first candidate Assent supports: an exact tag (`fr-CA`), else its base language
 * (`fr-BE` → `fr`, `pt` → `pt-BR`), else English.
 */
export function resolveLanguage(...candidates: Array<string | null | undefined>): Language {
  for (const raw of candidates) {
    if (!raw) continue;
    const tag = raw.toLowerCase();
    const exact = LANGUAGES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const base = tag.split('-')[0];
    const byBase = LANGUAGES.find((l) => l.split('-')[0] === base);
    if (byBase) return byBase;
  }
  return 'en';
}

/**
 * The language Assent speaks to a visitor, the one rule every text follows (banner, dialogs,
 * widget, placeholders, the notice a receipt records): an explicit choice (a `lang` option), else
 * the site's, else the regime's (Quebec is French), else the page's `lang`, else the browser's;
 * English when none of them is shipped.
 */
export const visitorLanguage = (
  config: { language?: string },
  regime: { language: string },
  win?: { document: Document; navigator: Navigator },
  explicit?: string,
): Language =>
  resolveLanguage(explicit, config.language, regime.language || undefined, win?.document.documentElement.lang, win?.navigator.language);
