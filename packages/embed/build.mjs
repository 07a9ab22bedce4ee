// The script-tag files, all written to packages/embed/dist (one folder to serve):
// - assent.js: on every page (IIFE, sets window.Assent);
// - assent-core.js: the engine, loaded when something must be decided or recorded;
// - assent-ui.js: the Preact UI (sets window.AssentUI), and i18n/<lang>.js, one script per language.
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';
import { define } from '../sdk/build.mjs';
import { LANGUAGES, languageEntry, minifyUI, uiPlugins } from '../banner-ui/build.mjs';
import { leanPreact, quietPreactCycles } from '../banner-ui/lean-preact.mjs';

const out = 'packages/embed/dist';

export default [
  {
    input: 'packages/embed/src/loader.ts',
    output: { file: `${out}/assent.js`, format: 'iife', plugins: [minify()] },
    plugins: browserPlugins({ define }),
  },
  {
    input: 'packages/embed/src/engine.ts',
    output: { file: `${out}/assent-core.js`, format: 'iife', plugins: [minify()] },
    plugins: browserPlugins({ define }),
  },
  {
    input: 'packages/banner-ui/src/iife.ts',
    output: { file: `${out}/assent-ui.js`, format: 'iife', plugins: [minifyUI()] },
    plugins: [leanPreact('packages/banner-ui/src'), ...uiPlugins()],
    onwarn: quietPreactCycles,
  },
  ...LANGUAGES.map((lang) => ({
    input: `\0lang:${lang}`,
    // One statement and no bindings, so no function wrapper is needed: a plain classic script.
    output: { file: `${out}/i18n/${lang}.js`, format: 'es', plugins: [minify()] },
    plugins: [languageEntry(lang), ...browserPlugins()],
  })),
];
