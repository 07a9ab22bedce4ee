#!/usr/bin/env node
// What a first-time visitor downloads of the UI, per language: dist/assent-ui.js (Preact, the UI,
// its CSS) plus that language's dist/i18n/<lang>.js, each gzipped at level 9 as it is served (two
// files, two responses, so their gzip sizes add up). Exits 1 when a language is over the issue 5
// budget (11 KB) or a file is missing. Run from the repo root after a build:
//   pnpm exec rollup -c packages/banner-ui/build.mjs && node packages/banner-ui/scripts/size-report.mjs
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const DIST = 'packages/embed/dist';
const BUDGET = 11 * 1024;
const LANGUAGES = ['en', 'fr', 'fr-CA', 'es', 'pt-BR', 'de', 'it', 'nl', 'ja', 'ko', 'vi', 'th', 'id', 'ms', 'ar'];

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (file) => {
  if (!existsSync(file)) {
    console.error(`size-report: ${file} is missing; build first`);
    process.exit(1);
  }
  return readFileSync(file);
};

const ui = read(`${DIST}/assent-ui.js`);
const rows = LANGUAGES.map((lang) => {
  const texts = read(`${DIST}/i18n/${lang}.js`);
  const total = gz(ui) + gz(texts);
  return { lang, texts: gz(texts), total, brotli: br(ui) + br(texts), over: total > BUDGET };
});

console.log(`assent-ui.js: ${ui.length} B raw, ${gz(ui)} B gzip, ${br(ui)} B brotli\n`);
console.log('| language | i18n/<lang>.js gzip B | assent-ui.js + language gzip B | brotli B | budget |');
console.log('|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.lang} | ${r.texts} | ${r.total} | ${r.brotli} | ${BUDGET} ${r.over ? 'OVER' : 'ok'} |`);
if (rows.some((r) => r.over)) {
  console.error('size-report: a language is over budget');
  process.exit(1);
}
