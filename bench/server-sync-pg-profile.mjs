#!/usr/bin/env node
// Where PostgreSQL's CPU per single receipt goes, on an empty database and on a loaded one (not a
// test). Loads the scale benchmark's data set (bench/server-sync-dataset.mjs) next to an empty
// database, then on a copy of each, checkpointed and read into shared buffers: single receipts at
// full speed (70% for the data set's recent subjects), measured twice, 2 s and 60 s after the
// checkpoint. For each window it prints the server's and PostgreSQL's CPU per receipt and, per
// statement (pg_stat_statements), what each costs per receipt, its planning and execution time per
// call, buffers, whole pages logged and WAL per call. With --perf it also records the whole machine
// with `perf record -a` (cpu-clock) into <out>-<size>-w<seconds>.data, for
// `perf report -i <file> --comm postgres --sort sym`.
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && BENCH_PG_SETTINGS="..." \
//     node bench/server-sync-pg-profile.mjs [--size 10000000] [--seconds 20] [--perf] [--out /tmp/pg-profile]
//
// Statement times are wall-clock (a backend waiting for the CPU counts), so read them against each
// other and between sizes, and the CPU per receipt (from /proc) for the totals.
import { spawn } from 'node:child_process';
import { option, flag } from './cli-args.mjs';
import { startPostgres } from './pg-cluster.mjs';
import { cpuMs } from './proc-cpu.mjs';
import { S, bulkLoad, log, receiptBodies, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { fixedRate, maxThroughput } from './server-sync-http.mjs';

const SIZE = Number(option('size', '10000000'));
const SECONDS = Number(option('seconds', '20'));
const OUT = option('out', '/tmp/pg-profile');
const PERF = flag('perf');
process.env.BENCH_PG_SETTINGS = `${process.env.BENCH_PG_SETTINGS ?? ''} -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on`;

const cluster = startPostgres();
/** The statements of `database` since the reset, costliest first, per receipt of the window. */
async function statements(database, receipts) {
  const { rows } = await cluster.query(`SELECT calls, total_plan_time + total_exec_time AS total, mean_plan_time AS plan, mean_exec_time AS exec,
      (shared_blks_hit + shared_blks_read)::float8 / calls AS blocks, wal_fpi::float8 / calls AS fpi, wal_bytes::float8 / calls AS wal,
      regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND calls > 0
    ORDER BY total DESC LIMIT 12`, database);
  return rows.map((r) => `| ${r.calls} | ${(r.total * 1000 / receipts).toFixed(1)} | ${Number(r.plan).toFixed(3)} | ${Number(r.exec).toFixed(3)} | ${r.blocks.toFixed(1)} | ${r.fpi.toFixed(2)} | ${Number(r.wal).toFixed(0)} | \`${r.query.replace(/\|/g, '\\|')}\` |`);
}

const lines = [];
try {
  const dbs = [];
  for (const size of [0, SIZE]) {
    const name = `profile_${size}`;
    await cluster.query(`CREATE DATABASE ${name}`);
    const driver = S.openPostgres({ connectionString: cluster.urlOf(name), max: 4 });
    await S.migrate(driver);
    const loaded = size
      ? await bulkLoad(driver, size, 1000 + size / 1000, { postgresUrl: cluster.urlOf(name), ids: 'time' })
      : { receipts: 0, subjects: 0, ids: 'time' };
    await driver.close();
    await cluster.query('VACUUM (ANALYZE)', name);
    dbs.push({ name, size, loaded });
  }
  for (const db of dbs) {
    const copy = `${db.name}_run`;
    await cluster.query(`CREATE DATABASE ${copy} TEMPLATE ${db.name} STRATEGY FILE_COPY`);
    await cluster.prewarm(copy);
    await cluster.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements', copy);
    const target = await startTarget('postgres', cluster.urlOf(copy));
    try {
      const body = receiptBodies(db.loaded, 'recent');
      let since = 0;
      for (const after of [2, 60]) {
        await fixedRate(target.port, 1000, after - since, () => body(1));
        const perf = PERF ? spawn('perf', ['record', '-a', '-F', '1999', '-o', `${OUT}-${db.size}-w${after}.data`, '--', 'sleep', String(SECONDS)], { stdio: 'ignore' }) : null;
        await cluster.query('SELECT pg_stat_statements_reset()', copy);
        const s0 = cpuMs(target.child.pid);
        const p0 = cpuMs(cluster.pid(), true);
        const r = await maxThroughput(target.port, 1, SECONDS, body);
        const serverUs = ((cpuMs(target.child.pid) - s0) * 1000) / r.receipts;
        const pgUs = ((cpuMs(cluster.pid(), true) - p0) * 1000) / r.receipts;
        const head = `${db.size.toLocaleString('en-US')} receipts, ${after} s after the checkpoint: ${r.requestsPerSecond.toFixed(0)} req/s, server ${serverUs.toFixed(0)} µs and PostgreSQL ${pgUs.toFixed(0)} µs of CPU per receipt`;
        log(head);
        lines.push('', head, '', '| calls | µs per receipt | plan ms per call | exec ms per call | buffers per call | full-page images per call | WAL bytes per call | statement |',
          '| --- | --- | --- | --- | --- | --- | --- | --- |', ...(await statements(copy, r.receipts)));
        if (perf) await new Promise((resolve) => { perf.once('exit', resolve); perf.once('error', resolve); });
        since = after + SECONDS;
      }
    } finally {
      await stopTarget(target);
      await cluster.query(`DROP DATABASE ${copy} WITH (FORCE)`);
    }
  }
} finally {
  cluster.stop();
}
console.log(lines.join('\n'));
