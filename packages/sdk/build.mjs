import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';

export const version = JSON.parse(await (await import('node:fs/promises')).readFile('packages/sdk/package.json', 'utf8')).version;
export const define = { __ASSENT_VERSION__: JSON.stringify(version) };

/**
 * Leaves every preset's `sources` out of the browser table: they record where the facts come
 * from (the npm build and the docs keep them); no browser reads them, and they weigh about a
 * fifth of the file. Works on the parsed module, so the data file's formatting does not matter.
 */
const withoutPresetSources = () => ({
  name: 'without-preset-sources',
  transform(code, id) {
    if (!id.replace(/\\/g, '/').endsWith('/sdk/src/presets/data.ts')) return null;
    const cuts = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'Property' && !node.computed && (node.key.name ?? node.key.value) === 'sources') return void cuts.push(node);
      for (const value of Object.values(node))
        for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object') visit(child);
    };
    visit(this.parse(code));
    let out = code;
    for (const { start, end } of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + out.slice(end).replace(/^\s*,/, '');
    return { code: out, map: null };
  },
});

export default [
  {
    // The npm build: ESM entry points, readable (the integrator's bundler minifies).
    input: {
      index: 'packages/sdk/src/index.ts',
      internal: 'packages/sdk/src/internal.ts',
      schema: 'packages/sdk/src/schema/index.ts',
      presets: 'packages/sdk/src/presets/index.ts',
      widget: 'packages/sdk/src/widget/index.ts',
    },
    output: { dir: 'packages/sdk/dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: browserPlugins({ define }),
  },
  {
    // The vendor presets table for the script tag (sets window.AssentPresets), fetched only when a
    // config names a preset. Written beside the other script-tag files, in the one folder served.
    input: 'packages/sdk/src/presets/bundle.ts',
    output: { file: 'packages/embed/dist/assent-presets.js', format: 'iife', plugins: [minify()] },
    plugins: [...browserPlugins({ define }), withoutPresetSources()],
  },
];
