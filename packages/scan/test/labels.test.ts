import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@assent/sdk';
import { LABELS, namesFor } from '../src/labels.js';
import { embedLabels } from '../../sdk/src/i18n/labels.js';
import { en } from '../../banner-ui/src/i18n/en.js';

// The UI's own catalogues, loaded the way the UI loads them: one module per language.
const catalogue = async (lang: string): Promise<Record<string, string>> =>
  lang === 'en' ? en : ((await import(`../../banner-ui/src/i18n/${lang}.ts`)) as { default: Record<string, string> }).default;

describe('the scanner clicks and names what the UI shows', () => {
  it.each(LANGUAGES)('%s: button and category names equal the banner UI and widget texts', async (lang) => {
    const ui = await catalogue(lang);
    const mine = LABELS[lang];
    for (const key of ['acceptAll', 'rejectAll', 'customize', 'necessary', 'functional', 'analytics', 'advertising'] as const)
      expect(mine[key], `${lang}.${key}`).toBe(ui[key]);
    expect(mine.cookieSettings).toBe(embedLabels(lang).cookieSettings);
  });

  it('adds the site’s own overrides to the names it looks for', () => {
    const names = namesFor('acceptAll', { en: { acceptAll: 'Sounds good' }, de: {} });
    expect(names).toContain('Sounds good');
    expect(names).toContain('Tout accepter');
  });
});
