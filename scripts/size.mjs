#!/usr/bin/env node
// Prints raw, gzip (level 9) and brotli (quality 11) bytes of every shipped browser bundle and
// exits 1 when one is over its budget. Budgets are gzip bytes.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
const bundles = [
  // Every page: the gate, the sealed-verdict fast path, the widget, window.Assent. Issue 2 asked
  // for 6 KB, then toward 4.5 KB; the budget is today's size plus a little headroom.
  { file: 'packages/embed/dist/assent.js', what: 'assent.js (every page)', budget: 5.5 * KB },
  // The engine, loaded only to decide or record (first visit, new config, decisions, queued
  // receipts): config validation, region table, decisions, receipts, outbox, labels. Budget is
  // today's size plus a little headroom, so growth fails CI.
  { file: 'packages/embed/dist/assent-core.js', what: 'assent-core.js (engine, on demand)', budget: 12.25 * KB, combined: 'first' },
  // The UI carries no texts: English is a language file like the others.
  { file: 'packages/embed/dist/assent-ui.js', extra: ['packages/embed/dist/i18n/en.js'], what: 'assent-ui.js + i18n/en.js', budget: 11 * KB },
];
// A visitor in another language also downloads one catalogue beside assent-ui.js: count the largest.
const I18N = 'packages/embed/dist/i18n';
const catalogues = existsSync(I18N) ? readdirSync(I18N).filter((f) => /^[a-z]{2}(?:-[A-Z]{2})?\.js$/.test(f)) : [];
const largest = catalogues
  .map((f) => ({ f, n: gzipSync(readFileSync(`${I18N}/${f}`), { level: 9 }).length }))
  .sort((a, b) => b.n - a.n)[0];
if (largest)
  bundles.push({
    file: 'packages/embed/dist/assent-ui.js',
    extra: [`${I18N}/${largest.f}`],
    what: `assent-ui.js + largest language (${largest.f})`,
    // Issue 5: the UI with its CSS and any one language within 11 KB.
    budget: 11 * KB,
    combined: false,
  });

// Issue 5: assent.js + assent-ui.js (with its CSS and English) under vanilla-cookieconsent 3.1's
// full banner, 15.5 KB gzip (JS + CSS): the budget is that figure. A first visit also fetches the
// engine; that total's budget is today's size plus a little headroom, so growth fails CI.
const COMBINED_BUDGET = 15.5 * KB;
const FIRST_VISIT_BUDGET = 27.5 * KB;

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
let combined = 0;
let firstVisit = 0;
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
  if (counts === true) combined += g;
  if (counts) firstVisit += g;
  const over = g > budget;
  failed ||= over;
  rows.push([what, buf.length, g, files.reduce((n, f) => n + br(f), 0), `${budget} ${over ? 'OVER' : 'ok'}`]);
}
const overCombined = combined > COMBINED_BUDGET;
const overFirst = firstVisit > FIRST_VISIT_BUDGET;
failed ||= overCombined || overFirst;
rows.push(['assent.js + assent-ui.js + en.js', '', combined, '', `${COMBINED_BUDGET} ${overCombined ? 'OVER' : 'ok'}`]);
rows.push(['first visit: + assent-core.js', '', firstVisit, '', `${FIRST_VISIT_BUDGET} ${overFirst ? 'OVER' : 'ok'}`]);

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
