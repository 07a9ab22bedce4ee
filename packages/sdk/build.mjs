import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';

const version = JSON.parse(await (await import('node:fs/promises')).readFile('packages/sdk/package.json', 'utf8')).version;
const define = { __ASSENT_VERSION__: JSON.stringify(version) };

export default [
  {
    // The script-tag bundle: one IIFE, sets window.Assent.
    input: 'packages/sdk/src/embed/index.ts',
    output: { file: 'packages/sdk/dist/assent.js', format: 'iife', plugins: [minify()] },
    plugins: browserPlugins({ define }),
  },
  {
    // The engine `assent.js` loads when the page has something to decide or record.
    input: 'packages/sdk/src/embed/engine.ts',
    output: { file: 'packages/sdk/dist/assent-core.js', format: 'iife', plugins: [minify()] },
    plugins: browserPlugins({ define }),
  },
  {
    // The npm build: ESM entry points, readable (the integrator's bundler minifies).
    input: {
      index: 'packages/sdk/src/index.ts',
      schema: 'packages/sdk/src/schema/index.ts',
      widget: 'packages/sdk/src/embed/widget.ts',
    },
    output: { dir: 'packages/sdk/dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: browserPlugins({ define }),
  },
];
