#!/usr/bin/env node
// Benchmark (not a test) of a consent banner's first visit and of the returning visit, Assent side
// by side with vanilla-cookieconsent 3.1.0, Osano cookieconsent 3.1.1 and Klaro 0.7.22, in headless
// Chromium through the Chrome DevTools Protocol. One shared test page (bench/ui/page.mjs) per
// library, each in its minimal documented setup (bench/ui/libraries.mjs), served gzipped with
// realistic cache headers by the bench's own loopback server (bench/ui/server.mjs), under CPU
// throttling (1×, 4×) and network emulation (loopback, Slow 4G, Fast 4G). Runs are alternated
// across libraries (the order rotates every round), each in a fresh browser context.
//
// Per library and condition, medians and ranges over --runs: library requests and gzip bytes, the
// last library byte, banner root in DOM, banner painted / visible / settled (bench/ui/probe.mjs
// defines each), LCP and its element, long tasks, the library's main-thread script time (a CDP
// CPU profile attributed by script URL, bench/ui/cpu-profile.mjs), and the returning visit's
// consent-applied time (after "Accept all", a second page view in the same profile: when the gated
// analytics script runs). Prints markdown and writes it into bench/ui.md (--out).
// Needs the built bundles (`pnpm build`). See `node bench/ui.mjs --help`.
import { cpus, loadavg } from 'node:os';
import { launchChromiumBrowser } from '../e2e/support/chromium.mjs';
import { startServer } from './ui/server.mjs';
import { measureVisit } from './ui/visit.mjs';
import { readOptions, SHARED_HELP } from './ui/options.mjs';
import { tables, writeResults } from './ui/report.mjs';

const opts = readOptions({
  warmup: { type: 'string', default: '1' },
  out: { type: 'string', default: 'bench/ui.md' },
  'no-write': { type: 'boolean' },
  profile: { type: 'string', default: 'on' },
});
if (opts.values.help) {
  console.log(`node bench/ui.mjs [options]\n${SHARED_HELP}\n  --warmup N            unmeasured rounds per condition first (default 1)\n  --out FILE            where the results section goes (default bench/ui.md)\n  --no-write            print only
  --profile on|off      record the CPU profile that "library JS" comes from (default on; its
                        sampling, every 100 µs, costs every library alike)`);
  process.exit(0);
}
const { runs, cpus: cpuRates, nets, page: kind, viewport, libraries } = opts;
const warmup = Number(opts.values.warmup) || 0;
const profile = opts.values.profile !== 'off';
const conditions = cpuRates.flatMap((cpu) => nets.map((net) => ({ cpu, net })));
const key = (cond, lib) => `${cond.cpu}|${cond.net}|${lib.id}`;
const results = new Map();

const server = await startServer(libraries);
const browser = await launchChromiumBrowser();
let closing = null;
const close = () => (closing ??= Promise.allSettled([browser.close(), server.close()]));
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    console.error(`\n${sig}: closing the browser (its temporary profile is removed)`);
    close().then(() => process.exit(130));
  });

const started = new Date();
const loadBefore = loadavg();
const total = conditions.length * (runs + warmup) * libraries.length;
let done = 0;
const progress = (cond, lib, r) =>
  process.stderr.write(`\r[${++done}/${total}] ${cond.cpu}× ${cond.net} ${lib.label}: visible ${r.visibleAt === null ? '–' : Math.round(r.visibleAt)} ms`.padEnd(90));

try {
  for (const cond of conditions) {
    for (let w = 0; w < warmup; w++)
      for (const lib of libraries) progress(cond, lib, await measureVisit({ browser, server, lib, kind, viewport, profile, ...cond }));
    for (let i = 0; i < runs; i++) {
      // Alternated: one run of each library per round, starting one library further every round.
      const order = libraries.map((_, j) => libraries[(i + j) % libraries.length]);
      for (const lib of order) {
        const r = await measureVisit({ browser, server, lib, kind, viewport, profile, ...cond });
        delete r.profile;
        if (r.errors.length) process.stderr.write(`\n${lib.label} (${cond.cpu}× ${cond.net}): ${[...new Set(r.errors)].slice(0, 3).join(' | ')}\n`);
        results.set(key(cond, lib), [...(results.get(key(cond, lib)) ?? []), r]);
        progress(cond, lib, r);
      }
    }
  }
} finally {
  process.stderr.write('\n');
  await close();
}

const version = browser.version();
const minutes = ((Date.now() - started.getTime()) / 60000).toFixed(1);
const { summary, detail } = tables(conditions, libraries, (cond, lib) => results.get(key(cond, lib)) ?? []);
const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
const command = ['node bench/ui.mjs', ...process.argv.slice(2)].join(' ');
const section = `## Results (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)

\`${command}\` (after \`pnpm build\`): Chromium ${version} headless, ${viewport.width}×${viewport.height}, page \`${kind}\`,
${runs} runs per cell after ${warmup} warm-up round(s), alternated across libraries; ${minutes} min.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average (1 / 5 / 15 min)
${la(loadBefore)} before, ${la(loadavg())} after. Cells: median (min–max) in ms from navigation start
unless named otherwise.${libraries.filter((l) => l.id.startsWith('assent')).map((l) => `\n${l.label}: ${l.describe}.`).join('')}

${summary}

${detail}
`;
console.log(`\n${section}`);
if (!opts.values['no-write']) {
  await writeResults(opts.values.out, section);
  console.error(`written to ${opts.values.out}`);
}
