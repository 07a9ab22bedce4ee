// Build parts of the examples: the Portal's browser bundle and the demo back ends' server-side
// consent cookie reader (it reuses the SDK's TypeScript codec, so it is compiled here).
import { existsSync } from 'node:fs';
import { browserPlugins, minify, nodePlugins } from '../scripts/rollup-plugins.mjs';

const configs = [
  {
    input: 'examples/shared/consent-cookie.ts',
    output: { file: 'examples/dist/consent-cookie.mjs', format: 'es' },
    plugins: nodePlugins(),
  },
];

if (existsSync('examples/portal/src/main.ts')) {
  configs.push({
    input: 'examples/portal/src/main.ts',
    // Directory output: the banner UI loads each language as a separate chunk on demand.
    output: {
      dir: 'examples/portal/dist',
      format: 'es',
      entryFileNames: 'app.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      plugins: [minify()],
    },
    plugins: browserPlugins(),
  });
}

export default configs;
