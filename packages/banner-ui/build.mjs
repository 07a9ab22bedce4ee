// The npm build of @assent/banner-ui: dist/index.js, ESM (preact and @assent/sdk external, English
// built in), one chunk per other language. The script-tag files (assent-ui.js, i18n/<lang>.js) are
// built by packages/embed with the plugins exported here.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import terser from '@rollup/plugin-terser';
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';
import { leanPreact, quietPreactCycles } from './lean-preact.mjs';

export const LANGUAGES = ['en', 'fr', 'fr-CA', 'es', 'pt-BR', 'de', 'it', 'nl', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'ar'];
const dir = 'packages/banner-ui';

/**
 * Loads a TypeScript module of this package at build time (the catalogues and their key order
 * are plain data), so the language files can be written as literal data.
 */
async function loadData(file) {
  const source = await readFile(`${dir}/src/${file}`, 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** A virtual entry that hands one catalogue's values, in KEYS order, to the already loaded UI. */
export const languageEntry = (lang) => ({
  name: 'assent-language-entry',
  resolveId: (id) => (id === `\0lang:${lang}` ? id : null),
  async load(id) {
    if (id !== `\0lang:${lang}`) return null;
    const [{ KEYS }, catalogue] = await Promise.all([loadData('i18n/keys.ts'), loadData(`i18n/${lang}.ts`)]);
    const messages = lang === 'en' ? catalogue.en : catalogue.default;
    const values = KEYS.map((key) => {
      if (typeof messages[key] !== 'string') throw new Error(`i18n/${lang}.ts: no text for "${key}"`);
      return messages[key];
    });
    return `window.AssentUI?.addMessages(${JSON.stringify(lang)}, ${JSON.stringify(values)});`;
  },
});

/**
 * JSX as `h(type, props, ...children)` calls (the classic runtime) instead of the automatic
 * runtime's `jsx(type, { ...props, children: [...] })`: the same Preact elements in about 180 B
 * less gzip. tsc and the component tests keep the automatic runtime; only the bundles differ.
 */
const classicJsx = {
  name: 'assent-classic-jsx',
  // Appended, not prepended (imports are hoisted): no line moves, so the source map stays exact.
  transform: (code, id) =>
    /banner-ui\/src\/.*\.tsx$/.test(id) ? { code: `${code}\nimport { h as $h, Fragment as $F } from 'preact';`, map: null } : null,
};
export const uiPlugins = () => [
  classicJsx,
  ...browserPlugins({
    tsconfigRaw: {
      compilerOptions: { jsx: 'react', jsxFactory: '$h', jsxFragmentFactory: '$F', verbatimModuleSyntax: true, target: 'ES2020' },
    },
  }),
];

/**
 * Property names terser may shorten, since nothing outside the IIFE sees them: Preact's internal
 * ones (`_children`, `_dom`, ... in its sources) and the UI's own component props, state, App
 * fields and view model. Never listed: the `Consent` API and site config, Preact's public names
 * (`props`, `state`, `render`, ...), DOM properties, message keys (site overrides name them) and
 * `window.AssentUI`. A listed name that is also a DOM property name (`root`, `label`) is still
 * shortened (`builtins`), so nothing here may be read from a DOM object.
 */
const OWN_PROPERTIES = new RegExp(
  `^(?:_[a-zA-Z].*|${[
    // App: state, fields and what the views call
    'banner', 'dialog', 'root', 'pageFocus', 'dialogOpener', 'focusNext', 'minor', 'closeDialog', 'decide', 'save', 'saveOptOut',
    // props and state of the views
    'app', 'initial', 'entering', 'sel', 'svc', 'box', 'labelledBy', 'closeLabel', 'onClose',
    // view model (content.ts)
    'paragraphs', 'asks', 'label', 'servicesLabel',
  ].join('|')})$`,
);
/** The shared minifier plus a third pass and short names for {@link OWN_PROPERTIES}. */
export const minifyUI = () =>
  terser({
    compress: { passes: 3, pure_getters: true },
    mangle: { properties: { regex: OWN_PROPERTIES, builtins: true } },
    format: { comments: false },
  });

const external = (id) => id === 'preact' || id.startsWith('preact/') || id === '@assent/sdk' || id.startsWith('@assent/sdk/');

export default [
  {
    input: `${dir}/src/index.ts`,
    external,
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: 'index.js', chunkFileNames: 'i18n/[name]-[hash].js' },
    plugins: uiPlugins(),
  },
];
