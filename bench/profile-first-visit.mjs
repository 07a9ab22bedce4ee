#!/usr/bin/env node
// Where Assent's first visit spends main-thread time: the same page and embed as bench/ui.mjs,
// a CDP CPU profile (sampled every 100 µs) from navigation until 1 s after the banner settled, in
// --runs fresh profiles, printed per visit (mean and median) as self and total time per source
// folder, per source file and per function of Assent's bundles. Through source maps when the build
// has them (a `//# sourceMappingURL=` comment or `<file>.map` beside each bundle), so the lead sees
// what config validation, region resolution, labels and rendering cost; without them, per bundle
// and per minified function with its position. --save writes each run's .cpuprofile, which
// Chrome DevTools' Performance panel opens.
//   node bench/profile-first-visit.mjs [--runs 5] [--cpu 1] [--net none] [--top 40] [--save DIR]
//   (and bench/ui.mjs's --assent, --assent-build, --page, --viewport; see --help)
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromiumBrowser } from '../e2e/support/chromium.mjs';
import { startServer } from './ui/server.mjs';
import { measureVisit, NETWORKS } from './ui/visit.mjs';
import { readOptions, SHARED_HELP } from './ui/options.mjs';
import { breakdown, scriptTime } from './ui/cpu-profile.mjs';
import { cell, median } from './ui/report.mjs';

const opts = readOptions({ top: { type: 'string', default: '40' }, save: { type: 'string' } }, { runs: '5', cpu: '1', net: 'none', libs: 'assent' });
if (opts.values.help) {
  console.log(`node bench/profile-first-visit.mjs [options]\n${SHARED_HELP.replace('--runs N              runs per library and condition (alternated across libraries)', '--runs N              profiled first visits (default 5)')}
  --top N               functions listed (default 40)
  --save DIR            also write each run's profile as DIR/<library>-<run>.cpuprofile
Defaults here: --libs assent --cpu 1 --net none (only the first --cpu and --net are used).`);
  process.exit(0);
}
const { runs, page: kind, viewport, libraries } = opts;
const cpu = opts.cpus[0];
const net = opts.nets[0];
const top = Number(opts.values.top) || 40;

/** The file on disk behind a served path of `lib`, for its source map. */
const fileFor = (lib) => (path) => {
  if (lib.files?.[path]) return lib.files[path];
  for (const m of lib.mounts ?? []) {
    if (!path.startsWith(m.prefix)) continue;
    const rest = decodeURIComponent(path.slice(m.prefix.length));
    for (const d of m.dirs) if (existsSync(join(d, rest))) return join(d, rest);
  }
  return null;
};

const server = await startServer(libraries);
const browser = await launchChromiumBrowser();
const profiles = new Map(libraries.map((l) => [l.id, []]));
const visits = new Map(libraries.map((l) => [l.id, []]));
try {
  for (let i = 0; i < runs + 1; i++)
    for (const lib of libraries) {
      const r = await measureVisit({ browser, server, lib, kind, viewport, cpu, net, profile: true, returning: false });
      if (r.errors.length) console.error(`${lib.label}: ${r.errors.join(' | ')}`);
      if (i === 0) continue; // warm-up
      profiles.get(lib.id).push(r.profile);
      visits.get(lib.id).push(r);
      if (opts.values.save) {
        await mkdir(opts.values.save, { recursive: true });
        await writeFile(join(opts.values.save, `${lib.id}-${i}.cpuprofile`), JSON.stringify(r.profile));
      }
    }
} finally {
  await Promise.allSettled([browser.close(), server.close()]);
}

const ms = (x) => x.toFixed(2);
const rows = (head, list) => [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...list.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(`\nChromium ${browser.version()}, ${cpu}× CPU, ${NETWORKS[net].label}, page \`${kind}\`, ${runs} profiled first visits per library (after one warm-up), 100 µs sampling.`);
console.log(`Command: node bench/profile-first-visit.mjs ${process.argv.slice(2).join(' ')}`);
for (const lib of libraries) {
  const ps = profiles.get(lib.id);
  if (!ps.length) continue;
  const vs = visits.get(lib.id);
  const b = await breakdown(ps, fileFor(lib));
  const perScript = new Map();
  for (const p of ps) for (const [k, v] of scriptTime(p, lib.scripts).perScript) perScript.set(k, [...(perScript.get(k) ?? []), v]);
  console.log(`\n## ${lib.label}${lib.describe ? ` (${lib.describe})` : ''}\n`);
  console.log(`Banner visible ${cell(vs.map((v) => v.visibleAt))} ms; library JS on the main thread ${cell(vs.map((v) => v.scriptMs))} ms per visit (median (min–max)).`);
  console.log(b.mapped.length ? `Source maps: ${b.mapped.join(', ')}.` : 'No source maps in this build: figures are per bundle and minified function.');
  if (b.mapped.length && b.unmapped.length) console.log(`Without a source map: ${b.unmapped.join(', ')}.`);
  // A visit where a script ran no sampled code counts as 0.
  const all = (v) => [...v, ...Array(ps.length - v.length).fill(0)];
  console.log(`\nPer script, ms per visit, mean (median): ${[...perScript].map(([k, v]) => `${k} ${ms(all(v).reduce((a, c) => a + c, 0) / ps.length)} (${ms(median(all(v)))})`).join(', ')}\n`);
  console.log('Self: time in that code itself (and the native work it called); total: with everything it called.');
  console.log('ms per visit: the mean (self means add up to the library\'s time) and, in brackets, the median.\n');
  const t = (x) => [`${ms(x.self)} (${ms(x.selfMedian)})`, `${ms(x.total)} (${ms(x.totalMedian)})`];
  console.log(rows(['source folder', 'self', 'total'], b.folders.map((f) => [f.folder, ...t(f)])));
  console.log('');
  console.log(rows(['source file', 'self', 'total'], b.files.map((f) => [f.file, ...t(f)])));
  console.log('');
  console.log(rows(['function', 'where', 'self', 'total'], b.functions.slice(0, top).map((f) => [f.name, f.where, ...t(f)])));
}
