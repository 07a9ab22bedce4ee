// Builds of @assent/banner-ui:
// - dist/assent-ui.js: IIFE for the script tag (Preact, CSS and English inside), sets window.AssentUI;
// - dist/i18n/<lang>.js: one small script per other language, loaded by assent-ui.js on demand;
// - dist/index.js: ESM for npm (preact and @assent/sdk external), one chunk per language.
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';

const LANGUAGES = ['fr', 'fr-CA', 'es', 'pt-BR', 'de', 'it', 'nl', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'ar'];
const dir = 'packages/banner-ui';

/** A virtual entry that hands one catalogue to the already loaded UI. */
const languageEntry = (lang) => ({
  name: 'assent-language-entry',
  resolveId: (id) => (id === `\0lang:${lang}` ? id : null),
  load: (id) =>
    id === `\0lang:${lang}`
      ? `import m from ${JSON.stringify(`${process.cwd()}/${dir}/src/i18n/${lang}.ts`)};\nwindow.AssentUI && window.AssentUI.addMessages(${JSON.stringify(lang)}, m);`
      : null,
});

const external = (id) => id === 'preact' || id.startsWith('preact/') || id === '@assent/sdk' || id.startsWith('@assent/sdk/');

export default [
  {
    input: `${dir}/src/iife.ts`,
    output: { file: `${dir}/dist/assent-ui.js`, format: 'iife', plugins: [minify()] },
    plugins: browserPlugins(),
  },
  ...LANGUAGES.map((lang) => ({
    input: `\0lang:${lang}`,
    output: { file: `${dir}/dist/i18n/${lang}.js`, format: 'iife', plugins: [minify()] },
    plugins: [languageEntry(lang), ...browserPlugins()],
  })),
  {
    input: `${dir}/src/index.ts`,
    external,
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: 'index.js', chunkFileNames: 'i18n/[name]-[hash].js' },
    plugins: browserPlugins(),
  },
];
