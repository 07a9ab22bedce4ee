// The console's bundle: dist/console.js (Preact, Chart.js and the app, one ES module) and
// dist/console.css, which server-sync serves at /console/assets/. Visitors' pages never load them.
import { readFileSync } from 'node:fs';
import { browserPlugins, minify } from '../../scripts/rollup-plugins.mjs';

const dir = 'packages/console';

/** Copies the stylesheet beside the script (a file, not injected: the page's CSP allows no inline style). */
const stylesheet = {
  name: 'assent-console-css',
  buildStart() {
    this.addWatchFile(`${dir}/src/console.css`);
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'console.css', source: readFileSync(`${dir}/src/console.css`, 'utf8') });
  },
};

export default [
  {
    input: `${dir}/src/main.tsx`,
    output: { file: `${dir}/dist/console.js`, format: 'es', sourcemap: true, plugins: [minify()] },
    plugins: [...browserPlugins(), stylesheet],
  },
];
