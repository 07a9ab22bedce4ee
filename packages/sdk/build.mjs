import { browserPlugins } from '../../scripts/rollup-plugins.mjs';

export const version = JSON.parse(await (await import('node:fs/promises')).readFile('packages/sdk/package.json', 'utf8')).version;
export const define = { __ASSENT_VERSION__: JSON.stringify(version) };

export default [
  {
    // The npm build: ESM entry points, readable (the integrator's bundler minifies).
    input: {
      index: 'packages/sdk/src/index.ts',
      internal: 'packages/sdk/src/internal.ts',
      schema: 'packages/sdk/src/schema/index.ts',
      widget: 'packages/sdk/src/widget/index.ts',
    },
    output: { dir: 'packages/sdk/dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: browserPlugins({ define }),
  },
];
