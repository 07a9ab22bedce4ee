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
// ASSENT_SOURCEMAP=1: source maps beside the bundles, for bench/profile-first-visit.mjs (never shipped).
const sourcemap = process.env.ASSENT_SOURCEMAP === '1';

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

/** One language's built-in data: its catalogue in KEYS order and its core label line. */
async function builtIn(lang) {
  const [{ KEYS }, { LABELS }] = await Promise.all([loadData('banner-ui/src/i18n/keys.ts'), loadData('sdk/src/i18n/labels.ts')]);
  return JSON.stringify({ lang, values: await catalogueValues(lang, KEYS), labels: LABELS[lang] });
}

/**
 * `assent.js` and its language variants from one build: `built-in-texts.ts` becomes a free name
 * the minifier leaves alone, and once minified each file gets its language's data as a literal
 * there (`assent.js` English, `assent.<lang>.js` the others). One build instead of fifteen.
 */
const MARK = '__ASSENT_BUILT_IN__';
const builtInTexts = {
  name: 'assent-built-in-texts',
  // With source maps (profiling), English goes in before minifying and no variants are written:
  // a literal spliced in afterwards would shift every mapped column after it.
  load: async (id) =>
    id.endsWith('/packages/embed/src/built-in-texts.ts') ? `export const BUILT_IN = ${sourcemap ? await builtIn('en') : MARK};` : null,
};
const languageVariants = {
  name: 'assent-language-variants',
  async generateBundle(_, bundle) {
    if (sourcemap) return;
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
    const code = chunk.code;
    if (code.split(MARK).length !== 2) throw new Error(`assent.js: expected one ${MARK} after minifying`);
    chunk.code = code.replace(MARK, await builtIn('en'));
    for (const lang of LANGUAGES.filter((l) => l !== 'en'))
      this.emitFile({ type: 'asset', fileName: chunk.fileName.replace(/\.js$/, `.${lang}.js`), source: code.replace(MARK, await builtIn(lang)) });
  },
};

/**
 * V8's explicit compile hint (Chrome 136+): `//# allFunctionsCalledOnLoad` as the file's first
 * line has every function compiled eagerly, on a background thread while the file streams in,
 * instead of pre-parsed there and parsed and compiled again on the main thread at first call.
 * Almost every function of these files runs as soon as the file does. Measured with
 * `node bench/ui.mjs --assent-build` (both builds alternated in one run, 7 runs, load 4.6): a first
 * visit's main-thread JS at 1× fell from 19 / 14 / 25 ms to 12 / 9 / 8 (loopback, Slow 4G, Fast
 * 4G), at 4× from 55 / 78 / 74 to 34 / 45 / 69, banner times unchanged or sooner. Other engines
 * read it as a comment. Added after minifying (the minifier drops comments); with source maps,
 * their mappings move down one line.
 */
export const compileHint = {
  name: 'assent-compile-hint',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
      const map = bundle[`${chunk.fileName}.map`];
      if (map?.type === 'asset') {
        const json = JSON.parse(String(map.source));
        map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
      }
    }
  },
};

/**
 * What the engine borrows from `assent.js` (sdk/src/shared.ts, which a test holds equal to this
 * list): per core module, the names lent. In the engine's build an import of such a module becomes
 * a module that reads those names from `window.AssentShared` (set by the loader before it inserts
 * the engine), so a first visit downloads them once: about 0.9 KB gzip less. Importing another
 * name of these modules fails the build ("... is not exported by ...").
 */
export const SHARED = {
  emitter: ['createEmitter'],
  'signals/browser-signals': ['readDnt', 'readGpc'],
  'signals/consent-mode': ['pushConsentUpdate', 'pushDecisionEvent'],
  'state/defaults': ['grantsOf', 'limit', 'optOutSignal', 'regimeDefaults', 'sameGrants'],
  'state/watchers': ['grantWatchers'],
  'storage/checksum': ['checksum'],
};
const SDK_SRC = `${process.cwd()}/packages/sdk/src/`;
const borrowShared = {
  name: 'assent-borrow-shared',
  async resolveId(source, importer, options) {
    if (!importer || source.startsWith('\0')) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    const key = r?.id.startsWith(SDK_SRC) ? r.id.slice(SDK_SRC.length).replace(/\.ts$/, '') : undefined;
    return key && key in SHARED ? `\0shared:${key}` : null;
  },
  load(id) {
    if (!id.startsWith('\0shared:')) return null;
    const names = SHARED[id.slice('\0shared:'.length)];
    return `const s = window.AssentShared;\n${names.map((n) => `export const ${n} = s.${n};`).join('\n')}`;
  },
};

export default [
  {
    // assent.js speaks English; assent.<lang>.js carries another language (a page picks the file
    // of its language; the language rule still decides, and fetches another language if needed).
    input: 'packages/embed/src/loader.ts',
    output: { file: `${out}/assent.js`, format: 'iife', sourcemap, plugins: [minify(), compileHint, languageVariants] },
    plugins: [builtInTexts, ...browserPlugins({ define })],
  },
  {
    input: 'packages/embed/src/engine.ts',
    output: { file: `${out}/assent-core.js`, format: 'iife', sourcemap, plugins: [minify(), compileHint] },
    plugins: [borrowShared, ...browserPlugins({ define })],
  },
  {
    input: 'packages/banner-ui/src/iife.ts',
    output: { file: `${out}/assent-ui.js`, format: 'iife', sourcemap, plugins: [minifyUI(), compileHint] },
    plugins: uiPlugins(),
  },
  ...LANGUAGES.map((lang) => ({
    input: `\0lang:${lang}`,
    // One statement and no bindings, so no function wrapper is needed: a plain classic script.
    output: { file: `${out}/i18n/${lang}.js`, format: 'es', plugins: [minify()] },
    plugins: [languageEntry(lang), ...browserPlugins()],
  })),
];
