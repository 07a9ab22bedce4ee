#!/usr/bin/env node
// Prints raw, gzip (level 9) and brotli (quality 11) bytes of every shipped browser bundle and
// exits 1 when one is over its budget. Budgets are gzip bytes.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
const bundles = [
  // Target 6 KB (issue 2), then 4.5 KB. Today's core carries the full config validator, the
  // region table, the insertion guard, receipts and the outbox on every page; the budget below
  // is the measured size plus a little headroom, so growth fails CI while the split lands.
  { file: 'packages/sdk/dist/assent.js', what: 'assent.js (script tag core)', budget: 15 * KB },
  { file: 'packages/banner-ui/dist/assent-ui.js', what: 'assent-ui.js (UI, CSS, en)', budget: 11 * KB },
];
// A visitor in another language also downloads one catalogue beside assent-ui.js: count the largest.
const I18N = 'packages/banner-ui/dist/i18n';
const catalogues = existsSync(I18N) ? readdirSync(I18N).filter((f) => /^[a-z]{2}(?:-[A-Z]{2})?\.js$/.test(f)) : [];
const largest = catalogues
  .map((f) => ({ f, n: gzipSync(readFileSync(`${I18N}/${f}`), { level: 9 }).length }))
  .sort((a, b) => b.n - a.n)[0];
if (largest)
  bundles.push({
    file: 'packages/banner-ui/dist/assent-ui.js',
    extra: [`${I18N}/${largest.f}`],
    what: `assent-ui.js + largest language (${largest.f})`,
    // Target 11 KB (issue 5) for every language; English alone meets it, others do not yet.
    budget: 13 * KB,
    combined: false,
  });

// assent.js + assent-ui.js must stay under vanilla-cookieconsent 3.1's full banner (15.5 KB gzip, JS + CSS).
// Not met yet (see the assent.js budget): the combined check guards growth at today's size.
const COMBINED_BUDGET = 26 * KB;

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
let combined = 0;
const rows = [];
for (const { file, what, budget, extra = [], combined: counts = true } of bundles) {
  if (!existsSync(file)) {
    rows.push([what, 'missing', '', '', '']);
    failed = true;
    continue;
  }
  // Files are fetched (and compressed) one by one, so their compressed sizes add up.
  const files = [file, ...extra].map((f) => readFileSync(f));
  const buf = Buffer.concat(files);
  const g = files.reduce((n, f) => n + gz(f), 0);
  if (counts) combined += g;
  const over = g > budget;
  failed ||= over;
  rows.push([what, buf.length, g, files.reduce((n, f) => n + br(f), 0), `${budget} ${over ? 'OVER' : 'ok'}`]);
}
const overCombined = combined > COMBINED_BUDGET;
failed ||= overCombined;
rows.push(['assent.js + assent-ui.js', '', combined, '', `${COMBINED_BUDGET} ${overCombined ? 'OVER' : 'ok'}`]);

const head = ['bundle', 'raw B', 'gzip B', 'brotli B', 'gzip budget'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log(line(head));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
rows.forEach((r) => console.log(line(r)));
if (failed) {
  console.error('size: a bundle is missing or over budget');
  process.exit(1);
}
