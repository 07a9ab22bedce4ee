/**
 * The texts `assent.js` carries for its own language: the first layer and the widget's name, so
 * a first visit draws the banner from this one file. The build replaces this module with one
 * language's data as a literal (`assent.js` is English, `assent.<lang>.js` another language);
 * read from the catalogues here, for the type checker and the tests.
 */
import { en, FIRST_LAYER_KEYS, type FirstLayerTexts } from '@assent/banner-ui/internal';
import { LABELS, type Language } from '@assent/sdk/internal';

export const BUILT_IN: { lang: Language; texts: FirstLayerTexts; cookieSettings: string } = {
  lang: 'en',
  texts: Object.fromEntries(FIRST_LAYER_KEYS.map((k) => [k, en[k]])) as FirstLayerTexts,
  cookieSettings: LABELS.en.split('|')[0]!,
};
