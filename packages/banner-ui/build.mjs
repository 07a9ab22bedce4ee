// The npm build of @assent/banner-ui: dist/index.js, ESM (preact and @assent/sdk external, English
// built in), one chunk per other language. The script-tag files (assent-ui.js, i18n/<lang>.js) are
// built by packages/embed, with the JSX and minifier settings exported here.
import terser from '@rollup/plugin-terser';
import { browserPlugins } from '../../scripts/rollup-plugins.mjs';

const dir = 'packages/banner-ui';

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
 * Property names terser may shorten in `assent-ui.js`, since nothing outside that file sees them:
 * Preact's internal ones (`_children`, `_dom`, ... in its sources) and the dialogs' own props,
 * state and view model. Never listed: what crosses to or from `assent.js` (the `DialogApp` the
 * controller passes, `renderDialog`, `css`), the `Consent` API and site config, Preact's public
 * names (`props`, `state`, `render`, ...), DOM properties and message keys (site overrides name
 * them). A listed name that is also a DOM property name (`label`) is still shortened
 * (`builtins`), so nothing here may be read from a DOM object.
 */
const OWN_PROPERTIES = new RegExp(
  `^(?:_[a-zA-Z].*|${[
    // props and state of the dialogs
    'app', 'sel', 'svc', 'box', 'labelledBy', 'closeLabel', 'onClose',
    // view model (content.ts)
    'servicesLabel',
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
    input: { index: `${dir}/src/index.ts`, internal: `${dir}/src/internal.ts` },
    external,
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: uiPlugins(),
  },
];
