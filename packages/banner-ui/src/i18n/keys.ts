import type { MessageKey } from './en.js';

/**
 * Every UI string's key, in the order the script-tag language files list their values
 * (`dist/i18n/<lang>.js` ships an array, not an object: the key names would cost each file about
 * 270 B gzip). `build.mjs` writes the files in this order and `addMessages` reads them back; a
 * test checks that it lists exactly the keys of `en.ts`.
 */
// One space-separated string: shorter than an array literal of 35 quoted names.
export const KEYS = (
  'title intro introOptOut refusalConsequence howToDisable recipients privacyPolicy acceptAll rejectAll customize ' +
  'saveChoices acknowledge close preferencesTitle preferencesIntro necessary necessaryPurpose functional ' +
  'functionalPurpose analytics analyticsPurpose advertising advertisingPurpose alwaysOn notForMinors services ' +
  'provider cookie duration purpose noCookies privacyChoices privacyChoicesIntro optOut gpcHonored'
).split(' ') as readonly MessageKey[];
