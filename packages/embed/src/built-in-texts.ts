/**
 * The language `assent.js` carries itself: its whole catalogue (UI texts in KEYS order) and the
 * core's label line, so a first visit in that language draws the banner and records the notice
 * from this one file, with no language file to fetch. The build replaces this module with one
 * language's data as a literal (`assent.js` is English, `assent.<lang>.js` another language);
 * read from the catalogues here, for the type checker and the tests.
 */
import { en, KEYS } from '@assent/banner-ui/internal';
import { LABELS, type Language } from '@assent/sdk/internal';

export const BUILT_IN: { lang: Language; values: string[]; labels: string } = {
  lang: 'en',
  values: KEYS.map((k) => en[k]),
  labels: LABELS.en,
};
