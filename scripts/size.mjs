#!/usr/bin/env node
// Prints raw, gzip (level 9) and brotli (quality 11) bytes of every shipped browser bundle and
// exits 1 when one is over its budget. Budgets are gzip bytes. Files are fetched (and compressed)
// one by one, so the sizes of what one visit fetches add up.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
const DIST = 'packages/embed/dist';
const I18N = `${DIST}/i18n`;

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (f) => (existsSync(f) ? readFileSync(f) : null);

const largestOf = (dir, re, fallback) =>
  (existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)) : []).map((f) => ({ f, n: gz(readFileSync(`${dir}/${f}`)) })).sort((a, b) => b.n - a.n)[0]?.f ?? fallback;
// The largest language file: a visitor in another language than the page's assent file fetches one.
const largest = largestOf(I18N, /^[a-z]{2}(?:-[A-Z]{2})?\.js$/, 'en.js');
// The largest assent.<lang>.js: assent.js with another language built in.
const variant = largestOf(DIST, /^assent\.[a-z]{2}(?:-[A-Z]{2})?\.js$/, 'assent.js');

const rows = [
  // Every page. A returning visitor whose inputs did not change downloads this file alone; a first
  // visitor gets the first layer drawn from it (its texts built in), and in an opt-in region
  // nothing else until the visitor acts (issue 19: the engine waits for the visitor).
  // Issue 13 added about 0.9 KB: host + path/query patterns in the gate, preset expansion and
  // restrictOnOptOut checks in parseConfig (the presets table is not here), loading the table,
  // and replaying vendors' consent calls on a returning visitor's page. Issue 19 added about
  // 0.5 KB: waiting for the visitor, and keeping a decision across a navigation.
  { what: 'assent.js (every page; a first visit until the visitor acts)', files: [`${DIST}/assent.js`], budget: 16.875 * KB },
  { what: `largest language variant (${variant})`, files: [`${DIST}/${variant}`], budget: 17.625 * KB },
  // Issue 19: a first visit in a language assent.js lacks adds that language's file, still one
  // round trip after assent.js. Target: 20,000 B.
  { what: 'first visit in a language the file lacks: + language file', files: [`${DIST}/assent.js`, `${I18N}/${largest}`], budget: 18.25 * KB },
  // The engine: decisions, records, receipts, placeholders. Fetched when the visitor reaches for
  // the banner or decides, with the page where the regime grants something before a decision
  // (opt-out, notice), for a blocked embed's placeholder, and when a saved verdict cannot be replayed.
  { what: 'assent-core.js (engine)', files: [`${DIST}/assent-core.js`], budget: 8 * KB },
  // The dialogs (Preact, preferences and privacy choices), when a visitor opens one.
  { what: 'assent-ui.js (dialogs, on demand)', files: [`${DIST}/assent-ui.js`], budget: 8 * KB },
  { what: `largest language file (${largest})`, files: [`${I18N}/${largest}`], budget: 1.25 * KB },
  // A first visit that decides (or an opt-out region's first visit), in assent.js's language and in the largest variant's.
  { what: 'first visit with a decision: + engine', files: [`${DIST}/assent.js`, `${DIST}/assent-core.js`], budget: 24.5 * KB },
  { what: `first visit with a decision, ${variant} + engine`, files: [`${DIST}/${variant}`, `${DIST}/assent-core.js`], budget: 25.25 * KB },
  // Issue 13: the vendor presets table, fetched only when a config names a preset and no saved
  // verdict holds the config already expanded. One file for all vendors without their `sources`
  // (5.2 KB) beat per-vendor files (0.25-0.6 KB each: 8 presets cost 8 requests for 3.3 KB) and is
  // one cached, config-independent URL.
  { what: 'assent-presets.js (when a config names presets)', files: [`${DIST}/assent-presets.js`], budget: 5.5 * KB },
  { what: 'first visit naming presets: + assent-presets.js', files: [`${DIST}/assent.js`, `${DIST}/assent-presets.js`], budget: 22.5 * KB },
  // ... and a first visit that opens preferences.
  { what: 'first visit with preferences: + engine + assent-ui.js', files: [`${DIST}/assent.js`, `${DIST}/assent-core.js`, `${DIST}/assent-ui.js`], budget: 31.5 * KB },
];

let failed = false;
const table = [];
for (const { what, files, budget } of rows) {
  const bufs = files.map(read);
  if (bufs.some((b) => !b)) {
    table.push([what, 'missing', '', '', '']);
    failed = true;
    continue;
  }
  const g = bufs.reduce((n, b) => n + gz(b), 0);
  const over = g > budget;
  failed ||= over;
  table.push([what, bufs.reduce((n, b) => n + b.length, 0), g, bufs.reduce((n, b) => n + br(b), 0), `${Math.round(budget)} ${over ? 'OVER' : 'ok'}`]);
}

// The script files start with V8's compile hint (packages/embed/build.mjs, `compileHint`): without
// it a first visit spends about twice the main-thread JS at 1×, which no byte count shows.
const HINT = '//# allFunctionsCalledOnLoad\n';
for (const file of ['assent.js', `${variant}`, 'assent-core.js', 'assent-ui.js']) {
  const b = read(`${DIST}/${file}`);
  if (b && !b.toString('utf8', 0, HINT.length).startsWith(HINT)) {
    console.error(`size: ${file} does not start with ${JSON.stringify(HINT)}`);
    failed = true;
  }
}

const head = ['bundle', 'raw B', 'gzip B', 'brotli B', 'gzip budget'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log(line(head));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
table.forEach((r) => console.log(line(r)));
if (failed) {
  console.error('size: a bundle is missing or over budget');
  process.exit(1);
}
