// The script-tag files of packages/embed built with source maps into bench/out/embed-maps
// (git-ignored), for bench/profile-first-visit.mjs to name original files and functions, without
// touching packages/embed/dist:
//   pnpm exec rollup -c bench/rollup.sourcemaps.mjs --silent
//   node bench/profile-first-visit.mjs --assent-build maps=bench/out/embed-maps
// It is packages/embed/build.mjs in its own source-map mode (ASSENT_SOURCEMAP=1: English built in
// before minifying, so the maps' columns hold), written elsewhere.
// The minifier inlines and merges functions, and a merged function is named after the source of
// its first token, so a minified profile can put one function's time under another's name. With
// ASSENT_UNMINIFIED=1 the files go unminified into bench/out/embed-maps-unminified: larger and a
// little slower, but every function in the profile is one function of the sources.
process.env.ASSENT_SOURCEMAP = '1';
const { default: embed } = await import('../packages/embed/build.mjs');

const unminified = process.env.ASSENT_UNMINIFIED === '1';
const OUT = unminified ? 'bench/out/embed-maps-unminified' : 'bench/out/embed-maps';
export default embed.map((config) => ({
  ...config,
  output: {
    ...config.output,
    // In source-map mode the output plugins are the minifier, the compile hint and a no-op (no
    // language variants); unminified keeps the hint, so V8 compiles as it does in production.
    ...(unminified && { plugins: config.output.plugins.filter((p) => p?.name === 'assent-compile-hint') }),
    sourcemap: true,
    file: config.output.file.replace(/^packages\/embed\/dist/, OUT),
  },
}));
