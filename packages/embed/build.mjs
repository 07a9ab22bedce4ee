// The script-tag files, all written to packages/embed/dist (one folder to serve):
// - assent.js: on every page (IIFE, sets window.Assent); it draws the first layer itself, with its
//   texts built in (English); assent.<lang>.js is the same file with another language built in;
// - assent-core.js: the engine, loaded when something must be decided or recorded;
// - assent-ui.js: the dialogs (Preact), loaded when a visitor opens preferences;
// - i18n/<lang>.js: one script per language: the UI's texts and the core's labels.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';
import { define } from '../sdk/build.mjs';
import { minifyUI, uiPlugins } from '../banner-ui/build.mjs';

const out = 'packages/embed/dist';

/** Loads a TypeScript module of the workspace at build time: catalogues, labels and key lists are plain data. */
async function loadData(file) {
  const source = await readFile(`packages/${file}`, 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const { LANGUAGES } = await loadData('sdk/src/i18n/language.ts');

/** A language's catalogue as values in KEYS order; a missing text fails the build. */
async function catalogueValues(lang, keys) {
  const catalogue = await loadData(`banner-ui/src/i18n/${lang}.ts`);
  const messages = lang === 'en' ? catalogue.en : catalogue.default;
  return keys.map((key) => {
    if (typeof messages[key] !== 'string') throw new Error(`banner-ui/src/i18n/${lang}.ts: no text for "${key}"`);
    return messages[key];
  });
}

/**
 * A virtual entry for `i18n/<lang>.js`: one statement that queues the language's texts for
 * whoever asks (`assent.js` reads the queue, so the file may arrive before or after it asks): the
 * UI's values in KEYS order, then the core's label line.
 */
const languageEntry = (lang) => ({
  name: 'assent-language-entry',
  resolveId: (id) => (id === `\0lang:${lang}` ? id : null),
  async load(id) {
    if (id !== `\0lang:${lang}`) return null;
    const [{ KEYS }, { LABELS }] = await Promise.all([loadData('banner-ui/src/i18n/keys.ts'), loadData('sdk/src/i18n/labels.ts')]);
    const entry = [lang, await catalogueValues(lang, KEYS), LABELS[lang]];
    return `(self.AssentL10n=self.AssentL10n||[]).push(${JSON.stringify(entry)});`;
  },
});

/**
 * Replaces `built-in-texts.ts` in a build of `assent.js` with one language's first-layer texts
 * and widget name, as literal data (the source module reads the English catalogue instead, for
 * the type checker and the tests).
 */
const builtInTexts = (lang) => ({
  name: 'assent-built-in-texts',
  async load(id) {
    if (!id.endsWith('/packages/embed/src/built-in-texts.ts')) return null;
    const [{ FIRST_LAYER_KEYS }, { LABELS }] = await Promise.all([loadData('banner-ui/src/i18n/en.ts'), loadData('sdk/src/i18n/labels.ts')]);
    const values = await catalogueValues(lang, FIRST_LAYER_KEYS);
    const texts = Object.fromEntries(FIRST_LAYER_KEYS.map((k, i) => [k, values[i]]));
    return `export const BUILT_IN = ${JSON.stringify({ lang, texts, cookieSettings: LABELS[lang].split('|')[0] })};`;
  },
});

const loader = (lang) => ({
  input: 'packages/embed/src/loader.ts',
  output: { file: `${out}/${lang === 'en' ? 'assent' : `assent.${lang}`}.js`, format: 'iife', plugins: [minify()] },
  plugins: [builtInTexts(lang), ...browserPlugins({ define })],
});

export default [
  loader('en'),
  {
    input: 'packages/embed/src/engine.ts',
    output: { file: `${out}/assent-core.js`, format: 'iife', plugins: [minify()] },
    plugins: browserPlugins({ define }),
  },
  {
    input: 'packages/banner-ui/src/iife.ts',
    output: { file: `${out}/assent-ui.js`, format: 'iife', plugins: [minifyUI()] },
    plugins: uiPlugins(),
  },
  ...LANGUAGES.map((lang) => ({
    input: `\0lang:${lang}`,
    // One statement and no bindings, so no function wrapper is needed: a plain classic script.
    output: { file: `${out}/i18n/${lang}.js`, format: 'es', plugins: [minify()] },
    plugins: [languageEntry(lang), ...browserPlugins()],
  })),
];
