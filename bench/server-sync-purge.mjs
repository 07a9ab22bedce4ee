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
//     [--baseline-seconds 3] [--pg-settings 'max_wal_size=8GB checkpoint_timeout=15min']
//
// --pg-settings alternates each run between the cluster's settings and these (ALTER SYSTEM, then
// reloaded; only settings a reload applies). On PostgreSQL each run's database is a copy of the
// template made by file copy, then a CHECKPOINT, so the run starts without the copy's WAL pending,
// and the table shows the WAL written and the checkpoints started before and during the purge.
// --libs compares builds: a previous build's dist, copied with its chunks below
// packages/server-sync/node_modules so that it resolves the same dependencies, against
// packages/server-sync/dist/index.js (bench/server-sync.md shows how). --fresh loads the data set again.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './cli-args.mjs';
import { startPostgres } from './pg-cluster.mjs';
import { S, bulkLoad, copyDatabaseFile, log, longestGap, purgeUnderIngest, receiptBodies, recentSubjects, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { fixedRate } from './server-sync-http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = option('engine', 'sqlite');
const SIZE = Number(option('size', '1000000'));
const RATE = Number(option('rate', '1000'));
const RUNS = Number(option('runs', '2'));
const LIBS = option('libs', join(root, 'packages/server-sync/dist/index.js')).split(',').map((p) => resolve(p));
const SEED = 1000 + SIZE / 1000;
const BASELINE_SECONDS = Number(option('baseline-seconds', '3'));
const PG_SETTINGS = option('pg-settings', '').split(/\s+/).filter(Boolean).map((kv) => kv.split('='));

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
      pool: await recentSubjects(S.openSqlite({ file })),
      copy: async () => {
        const copy = join(dir, `run-${process.pid}-${n++}.db`);
        copyDatabaseFile(file, copy);
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
    pool: await recentSubjects(S.openPostgres({ connectionString: cluster.urlOf('purge_template'), max: 1 })),
    copy: async () => {
      const name = `purge_run_${n++}`;
      // FILE_COPY: PostgreSQL 15's default (WAL_LOG) writes the whole copy to the WAL, whose
      // checkpoints would then run during the measurements.
      await cluster.query(`CREATE DATABASE ${name} TEMPLATE purge_template STRATEGY FILE_COPY`);
      await cluster.query('CHECKPOINT');
      return { where: cluster.urlOf(name), drop: () => cluster.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
    },
    /** Applies `settings` ([name, value] pairs; none: the cluster's own) until the next call. */
    async settings(settings) {
      await cluster.query('ALTER SYSTEM RESET ALL');
      for (const [name, value] of settings) await cluster.query(`ALTER SYSTEM SET ${name} = '${value}'`);
      await cluster.query('SELECT pg_reload_conf()');
    },
    wal: async () => {
      const { rows: [r] } = await cluster.query(`SELECT pg_current_wal_lsn()::text AS lsn, checkpoints_timed + checkpoints_req AS checkpoints FROM pg_stat_bgwriter`);
      const [hi, lo] = r.lsn.split('/').map((h) => parseInt(h, 16));
      return { at: performance.now(), bytes: hi * 2 ** 32 + lo, checkpoints: Number(r.checkpoints) };
    },
    stop: () => cluster.stop(),
  };
}

async function run(lib, db, pool, wal) {
  const target = await startTarget(ENGINE, db.where, { BENCH_LIB: lib, BENCH_REPORT_MS: '250' });
  try {
    const body = receiptBodies({ pool });
    await fixedRate(target.port, RATE, 2, () => body(1)); // warm-up
    const answeredAt = [];
    const w0 = await wal?.();
    const baseline = await fixedRate(target.port, RATE, BASELINE_SECONDS, () => body(1), (ms, at) => answeredAt.push(at + ms));
    const w1 = await wal?.();
    baseline.gap = longestGap(answeredAt);
    const during = await purgeUnderIngest(target, RATE, body);
    const w2 = await wal?.();
    const between = (a, b) => (a ? `${f((b.bytes - a.bytes) / 2 ** 20 / ((b.at - a.at) / 1000))} MB/s, ${b.checkpoints - a.checkpoints} in ${f((b.at - a.at) / 1000)} s` : '—');
    const loop = target.lines.filter((l) => l.report).map((l) => l.report.eventLoopMaxMs);
    return { baseline, during, loopMax: Math.max(...loop), load: loadavg()[0], wal: `${between(w0, w1)}; ${between(w1, w2)}` };
  } finally {
    await stopTarget(target);
  }
}

const f = (n, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const tpl = await template();
const rows = [];
try {
  const variants = PG_SETTINGS.length ? [[], PG_SETTINGS] : [null];
  for (let i = 0; i < RUNS; i++) {
    for (const lib of LIBS) for (const settings of variants) {
      const db = await tpl.copy();
      try {
        if (settings) await tpl.settings(settings);
        const r = await run(lib, db, tpl.pool, tpl.wal);
        const build = `${lib.replace(`${root}/`, '')}${settings ? `, ${settings.length ? settings.map((kv) => kv.join('=')).join(' ') : 'default settings'}` : ''}`;
        const { baseline: b, during: d } = r;
        const purged = d.purge.error ?? `${f(d.purge.receipts, 0)} receipts, ${f(d.purge.subjects, 0)} subjects in ${f(d.purge.ms / 1000)} s`;
        const row = `| ${new Date().toISOString().slice(11, 16)} | ${f(r.load)} | ${build} | ${f(b.p50)} / ${f(b.p99)} / ${f(b.max)} (${f(b.gap)}) | ${purged} | ${f(d.p50)} / ${f(d.p99)} / ${f(d.max)} (${f(d.gap)})${d.errors ? `, errors: ${Object.entries(d.statuses).map(([k, v]) => `${v} × ${k}`).join(', ')}` : ''} | ${f(r.loopMax)} | ${r.wal} |`;
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
  '| time UTC | 1-min load | build | ingest before the purge: p50 / p99 / max ms (longest without an answer) | purge | ingest during the purge: p50 / p99 / max ms (longest without an answer) | event-loop delay max during and after the purge, ms | PostgreSQL WAL, checkpoints started: before; during the purge |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n'));
