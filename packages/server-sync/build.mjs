// server-sync bundles for Node: the library entry and the CLI. Node builtins and our npm
// dependencies stay external; the shared schema (@assent/sdk/schema) is inlined from source.
import { builtinModules } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
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
    // Stale hashed chunks of earlier builds would pile up beside the new ones (dist/types stays).
    plugins: [{ name: 'clean-chunks', buildStart: () => rmSync(`${dir}chunks`, { recursive: true, force: true }) }, ...nodePlugins()],
    output: { dir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
];
