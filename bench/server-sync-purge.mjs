#!/usr/bin/env node
// A month's retention purge under ingest (not a test): does the purge stall ingest? Loads the data
// set of bench/server-sync-scale.mjs once (SQLite: kept as a template file in
// packages/server-sync/node_modules/.cache/bench-purge; PostgreSQL: a template database in a
// throwaway cluster), then for each run and each build, alternated, on a fresh copy:
//   ingest at --rate req/s (1 receipt each, open loop) for 3 s: the baseline, in the same minute;
//   then a purge of the oldest month (SIGUSR2 to the target) with ingest at the same rate.
// For both: ingest p50/p99/max and the longest time between two answers; and the target's
// event-loop delay max from the purge on, and how long the purge took.
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-purge.mjs \
//     [--engine sqlite|postgres] [--size 1000000] [--rate 1000] [--runs 2] [--libs <index.js>,<index.js>] [--fresh]
//
// --libs compares builds: a previous build's dist, copied with its chunks below
// packages/server-sync/node_modules so that it resolves the same dependencies, against
// packages/server-sync/dist/index.js (bench/server-sync.md shows how). --fresh loads the data set again.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './cli-args.mjs';
import { startPostgres } from './pg-cluster.mjs';
import { S, bulkLoad, log, longestGap, purgeUnderIngest, receiptBodies, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { fixedRate } from './server-sync-http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = option('engine', 'sqlite');
const SIZE = Number(option('size', '1000000'));
const RATE = Number(option('rate', '1000'));
const RUNS = Number(option('runs', '2'));
const LIBS = option('libs', join(root, 'packages/server-sync/dist/index.js')).split(',').map((p) => resolve(p));
const SEED = 1000 + SIZE / 1000;

/** The data set once: a template to copy for every run. */
async function template() {
  if (ENGINE === 'sqlite') {
    const dir = join(root, 'packages/server-sync/node_modules/.cache/bench-purge');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `sqlite-${SIZE}.db`);
    if (flag('fresh') || !existsSync(file)) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      const driver = S.openSqlite({ file });
      await S.migrate(driver);
      await bulkLoad(driver, SIZE, SEED);
      await driver.close();
    }
    let n = 0;
    return {
      subjects: await countSubjects(S.openSqlite({ file })),
      copy: async () => {
        const copy = join(dir, `run-${process.pid}-${n++}.db`);
        copyFileSync(file, copy);
        return { where: copy, drop: async () => { for (const s of ['', '-wal', '-shm']) rmSync(`${copy}${s}`, { force: true }); } };
      },
      stop: () => {},
    };
  }
  const cluster = startPostgres();
  await cluster.query('CREATE DATABASE purge_template');
  const driver = S.openPostgres({ connectionString: cluster.urlOf('purge_template'), max: 4 });
  await S.migrate(driver);
  await bulkLoad(driver, SIZE, SEED, { postgresUrl: cluster.urlOf('purge_template') });
  await driver.close();
  await cluster.query('VACUUM (ANALYZE)', 'purge_template');
  let n = 0;
  return {
    subjects: await countSubjects(S.openPostgres({ connectionString: cluster.urlOf('purge_template'), max: 1 })),
    copy: async () => {
      const name = `purge_run_${n++}`;
      await cluster.query(`CREATE DATABASE ${name} TEMPLATE purge_template`);
      return { where: cluster.urlOf(name), drop: () => cluster.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
    stop: () => cluster.stop(),
  };
}

async function countSubjects(driver) {
  const [{ n }] = await driver.read.all('SELECT COUNT(*) AS n FROM subjects');
  await driver.close();
  return Number(n);
}

async function run(lib, db, subjects) {
  const target = await startTarget(ENGINE, db.where, { BENCH_LIB: lib, BENCH_REPORT_MS: '250' });
  try {
    const body = receiptBodies(SEED, subjects);
    await fixedRate(target.port, RATE, 2, () => body(1)); // warm-up
    const answeredAt = [];
    const baseline = await fixedRate(target.port, RATE, 3, () => body(1), (ms, at) => answeredAt.push(at + ms));
    baseline.gap = longestGap(answeredAt);
    const during = await purgeUnderIngest(target, RATE, body);
    const loop = target.lines.filter((l) => l.report).map((l) => l.report.eventLoopMaxMs);
    return { baseline, during, loopMax: Math.max(...loop), load: loadavg()[0] };
  } finally {
    await stopTarget(target);
  }
}

const f = (n, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const tpl = await template();
const rows = [];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const lib of LIBS) {
      const db = await tpl.copy();
      try {
        const r = await run(lib, db, tpl.subjects);
        const { baseline: b, during: d } = r;
        const purged = d.purge.error ?? `${f(d.purge.receipts, 0)} receipts, ${f(d.purge.subjects, 0)} subjects in ${f(d.purge.ms / 1000)} s`;
        const row = `| ${new Date().toISOString().slice(11, 16)} | ${f(r.load)} | ${lib.replace(`${root}/`, '')} | ${f(b.p50)} / ${f(b.p99)} / ${f(b.max)} (${f(b.gap)}) | ${purged} | ${f(d.p50)} / ${f(d.p99)} / ${f(d.max)} (${f(d.gap)})${d.errors ? `, ${d.errors} errors` : ''} | ${f(r.loopMax)} |`;
        rows.push(row);
        log(row);
      } finally {
        await db.drop();
      }
    }
  }
} finally {
  tpl.stop();
}
console.log([
  `${ENGINE}, ${SIZE.toLocaleString('en-US')} receipts, ingest at ${RATE} req/s:`,
  '',
  '| time UTC | 1-min load | build | ingest before the purge: p50 / p99 / max ms (longest without an answer) | purge | ingest during the purge: p50 / p99 / max ms (longest without an answer) | event-loop delay max during and after the purge, ms |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n'));
