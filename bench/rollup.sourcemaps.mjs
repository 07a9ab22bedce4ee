// The script-tag files of packages/embed (assent.js, assent-core.js, assent-ui.js, i18n/) built
// as shipped, plus source maps, into bench/out/embed-maps (git-ignored), for
// bench/profile-first-visit.mjs to name original files and functions:
//   pnpm exec rollup -c bench/rollup.sourcemaps.mjs --silent
//   node bench/profile-first-visit.mjs --assent-build maps=bench/out/embed-maps
// The shipped build is untouched; only the output folder and `sourcemap` differ.
import embed from '../packages/embed/build.mjs';

const OUT = 'bench/out/embed-maps';
export default embed.map((config) => ({
  ...config,
  output: { ...config.output, sourcemap: true, file: config.output.file.replace(/^packages\/embed\/dist/, OUT) },
}));
