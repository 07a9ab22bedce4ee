#!/usr/bin/env node
// Where the bytes of a script-tag bundle come from: builds it as packages/embed/build.mjs does, with
// a source map, and prints the minified bytes each source module contributes (and, as a rough
// guide, the gzip size of those bytes on their own; gzip shares repeats across modules, so these
// add up to more than the file). Run from the repo root:
//   node scripts/size-by-module.mjs [assent.js|assent-core.js|assent-ui.js]
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import configs from '../packages/embed/build.mjs';

const name = process.argv[2] ?? 'assent.js';

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one segment of a source map's `mappings` (base64 VLQ) into its numbers. */
function vlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64[c];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}

const ui = configs.find((c) => c.output.file?.endsWith(`/${name}`));
if (!ui) throw new Error(`no bundle named ${name}`);
const bundle = await rollup({ input: ui.input, plugins: ui.plugins, onwarn: () => {} });
const { output } = await bundle.generate({ ...ui.output, file: undefined, sourcemap: true });
const { code, map } = output[0];

const bySource = new Map();
let source = 0;
code.split('\n').forEach((line, i) => {
  const segments = (map.mappings.split(';')[i] ?? '').split(',').filter(Boolean);
  let column = 0;
  const starts = segments.map((s) => {
    const [dc, ds] = vlq(s);
    column += dc;
    if (ds !== undefined) source += ds;
    return { column, source: ds === undefined ? -1 : source };
  });
  starts.forEach((s, k) => {
    const text = line.slice(s.column, starts[k + 1]?.column ?? line.length);
    const name = s.source < 0 ? '(generated)' : map.sources[s.source].replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*packages\//, '');
    bySource.set(name, (bySource.get(name) ?? '') + text);
  });
  // Text before the first mapped column of a line belongs to no module.
  if (starts.length && starts[0].column > 0) bySource.set('(generated)', (bySource.get('(generated)') ?? '') + line.slice(0, starts[0].column));
});

const gz = (s) => gzipSync(s, { level: 9 }).length;
console.log(`${name}: ${code.length} B minified, ${gz(code)} B gzip\n`);
console.log('| module | minified B | gzip B alone |');
console.log('|---|---:|---:|');
for (const [name, text] of [...bySource].sort((a, b) => b[1].length - a[1].length))
  console.log(`| ${name} | ${text.length} | ${gz(text)} |`);
