// Shared rollup plugins: TypeScript/TSX through esbuild, workspace packages read from source.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

export const browserPlugins = (extra = {}) => [
  nodeResolve({ extensions: ['.mjs', '.js', '.ts', '.tsx'], exportConditions: ['source'], browser: true }),
  esbuild({ target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', tsconfig: './tsconfig.base.json', ...extra }),
];

export const nodePlugins = () => [
  nodeResolve({ extensions: ['.mjs', '.js', '.ts'], exportConditions: ['source', 'node'], preferBuiltins: true }),
  esbuild({ target: 'node20', tsconfig: './tsconfig.base.json' }),
];

/** Minifier for shipped browser bundles: two passes, top-level mangling, no comments. */
export const minify = () =>
  terser({ compress: { passes: 2, pure_getters: true }, mangle: { properties: false }, format: { comments: false } });
