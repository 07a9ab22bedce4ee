// Builds of @assent/banner-ui:
// - dist/assent-ui.js: IIFE for the script tag (Preact, the UI, its CSS; no texts), sets window.AssentUI;
// - dist/i18n/<lang>.js: one small script per language, English included, loaded by assent-ui.js
//   for the language in use;
// - dist/index.js: ESM for npm (preact and @assent/sdk external, English built in), one chunk per
//   other language.
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';

const LANGUAGES = ['en', 'fr', 'fr-CA', 'es', 'pt-BR', 'de', 'it', 'nl', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'ar'];
const dir = 'packages/banner-ui';

/** A virtual entry that hands one catalogue to the already loaded UI. */
const languageEntry = (lang) => ({
  name: 'assent-language-entry',
  resolveId: (id) => (id === `\0lang:${lang}` ? id : null),
  load: (id) =>
    id === `\0lang:${lang}`
      ? `import ${lang === 'en' ? '{ en as m }' : 'm'} from ${JSON.stringify(`${process.cwd()}/${dir}/src/i18n/${lang}.ts`)};\nwindow.AssentUI && window.AssentUI.addMessages(${JSON.stringify(lang)}, m);`
      : null,
});

/**
 * JSX as `h(type, props, ...children)` calls (the classic runtime) instead of the automatic
 * runtime's `jsx(type, { ...props, children: [...] })`: the same Preact elements in about 180 B
 * less gzip. tsc and the component tests keep the automatic runtime; only the bundles differ.
 */
const classicJsx = {
  name: 'assent-classic-jsx',
  transform: (code, id) => (/banner-ui\/src\/.*\.tsx$/.test(id) ? `import { h as $h, Fragment as $F } from 'preact';\n${code}` : null),
};
const uiPlugins = () => [
  classicJsx,
  ...browserPlugins({
    tsconfigRaw: {
      compilerOptions: { jsx: 'react', jsxFactory: '$h', jsxFragmentFactory: '$F', verbatimModuleSyntax: true, target: 'ES2020' },
    },
  }),
];

const external = (id) => id === 'preact' || id.startsWith('preact/') || id === '@assent/sdk' || id.startsWith('@assent/sdk/');

export default [
  {
    input: `${dir}/src/iife.ts`,
    output: { file: `${dir}/dist/assent-ui.js`, format: 'iife', plugins: [minify()] },
    plugins: uiPlugins(),
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
    plugins: uiPlugins(),
  },
];
