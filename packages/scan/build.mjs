// @assent/scan for Node: the library entry and the `assent-scan` CLI. Node builtins and the npm
// dependencies stay external; the SDK's config validation (@assent/sdk) is inlined from source.
import { builtinModules } from 'node:module';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { nodePlugins } from '../../scripts/rollup-plugins.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@assent/'));
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const external = (id) => builtins.has(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

const dir = new URL('./dist/', import.meta.url).pathname;

export default [
  {
    input: { index: new URL('./src/index.ts', import.meta.url).pathname, cli: new URL('./src/cli.ts', import.meta.url).pathname },
    external,
    plugins: [
      // Stale hashed chunks of earlier builds would pile up beside the new ones (dist/types stays).
      { name: 'clean-chunks', buildStart: () => rmSync(`${dir}chunks`, { recursive: true, force: true }) },
      ...nodePlugins(),
      { name: 'executable-cli', writeBundle: () => chmodSync(`${dir}cli.js`, 0o755) },
    ],
    output: {
      dir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
  },
];
