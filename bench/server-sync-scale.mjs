#!/usr/bin/env node
// server-sync at production scale (not a test): bulk-loads realistic data straight into the
// database (PostgreSQL: binary COPY; SQLite: the server's own driver's inserts; rows sealed and
// encoded by the server's own code in worker threads, not through the API), then measures the
// running server at each size, in the same run as an empty database:
//   ingest: 1,000 req/s open loop (p50/p99/max), max req/s with 1 receipt, max receipts/s with 50
//   GET /v1/subjects/:id export p50/p99, /verify p50/p99 (every chain must verify)
//   POST /v1/links p50/p99, the link-event feed paged through 100,000 events
//   one retention purge of a month, with the ingest p99, max and longest time without an answer
//   measured while it runs, and the same just before it without a purge
//   database size on disk per million receipts (tables and indexes; WAL apart)
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-scale.mjs \
//     [--engines postgres,sqlite] [--pg-sizes 1000000,10000000] [--sqlite-sizes 1000000] [--seconds 5] [--pg-warm]
//     [--subject-ids time|random] [--returning recent,uniform] [--warm-seconds 2,60] [--rounds 3] [--pg-statements]
//     [--paired 10] [--paired-seconds 2] [--paired-warm-seconds 0] [--paired-only]
//
// --paired N: in each round, after the measurements above, each loaded size against the empty
// database side by side: both servers up at once (each on a fresh copy, warmed as above), full-
// speed ingest alternating between them in N pairs of --paired-seconds each, first with 1
// receipt per request, then with 50, then one receipt per request at a steady 1,000 req/s (the
// latency's p50/p99/max over each side's slices), the order flipped every pair. The machine's drift between
// measurements minutes apart (the same empty database measured at 5,192 and 6,144 req/s in two
// runs) then falls on both alike; the pairs' ratios, their median and quartiles say how much of
// the total's ratio is the size and how much the machine. --paired-only skips everything else.
// --paired-warm-seconds S: before the pairs, S more seconds of full-speed single-receipt ingest on
// each side. A 10M SQLite server measured right after its copy and a minute at 1,000 req/s ran
// 7-13% slower than after two minutes at full speed (bench/server-sync-io.mjs --warm 600000, three
// pairs of runs), which a server in service has long been through.
//
// --pg-warm measures PostgreSQL as a server that has been running a while rather than one just
// loaded: after the load's VACUUM it runs a CHECKPOINT (the load's WAL segments are recycled
// instead of new ones being created and zero-filled under the measured load) and reads the
// database's indexes, then its tables, into shared buffers (pg_prewarm) as far as they fit.
// Server settings come from BENCH_PG_SETTINGS (bench/pg-cluster.mjs); those used for the 10M
// figures are in bench/server-sync.md and packages/server-sync/docs/scaling.md.
//
// The data set (bench/server-sync-dataset.mjs): receipts spread over subjects the way visits are,
// over 13 months in time order, retention 12 months, so the oldest month is what the purge deletes.
// PostgreSQL 15 runs with fsync on (bench/pg-cluster.mjs), SQLite with WAL and synchronous=FULL.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './cli-args.mjs';
import { startPostgres } from './pg-cluster.mjs';
import { cpuMs, cpuMsPrecise } from './proc-cpu.mjs';
import { API_KEY, S, bulkLoad, copyDatabaseFile, freshSubjectId, log, longestGap, purgeUnderIngest, receiptBodies, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { fixedRate, maxThroughput, pct, send } from './server-sync-http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINES = option('engines', 'postgres,sqlite').split(',');
const PG_SIZES = option('pg-sizes', '1000000,10000000').split(',').filter(Boolean).map(Number);
const SQLITE_SIZES = option('sqlite-sizes', '1000000').split(',').filter(Boolean).map(Number);
const SECONDS = Number(option('seconds', '5'));
// --subject-ids time|random: the stored and new subjects' ids as the SDK makes them (UUIDv7, time
// first) or as SDKs before it did (128 random bits). --returning recent|uniform: which stored
// subjects the load's returning receipts come from (receiptBodies in bench/server-sync-dataset.mjs).
const IDS = option('subject-ids', 'time');
// --warm-seconds: single receipts at 1,000 req/s before the measured phases, after the start (and
// with --pg-warm the CHECKPOINT): how long the server has taken traffic when measuring begins.
// Both take lists: each combination is measured on its own copy of the same loaded database.
// --rounds: how many times each size and variant is measured, in turn (on copies of one load).
const ROUNDS = Number(option('rounds', '1'));
const VARIANTS = option('returning', 'recent').split(',').flatMap((returning) =>
  option('warm-seconds', '2').split(',').map((warm) => ({ returning, warmSeconds: Number(warm) })));
const variantLabel = (v) => (VARIANTS.length > 1 ? ` (${v.returning}, ${v.warmSeconds} s)` : '');
const PG_WARM = process.argv.includes('--pg-warm');
const PAIRS = Number(option('paired', '0'));
const PAIR_SECONDS = Number(option('paired-seconds', '2'));
const PAIRED_WARM_SECONDS = Number(option('paired-warm-seconds', '0'));
const PAIRED_ONLY = process.argv.includes('--paired-only');
if (PAIRED_ONLY && !PAIRS) {
  console.error('--paired-only needs --paired N');
  process.exit(2);
}
// --pg-statements: per statement, what PostgreSQL spent on it while the server was measured
// (pg_stat_statements: calls, planning and execution time, buffers, full-page images and WAL per
// call), printed for each size, to see which statements grow with the tables.
const PG_STATEMENTS = process.argv.includes('--pg-statements');
if (PG_STATEMENTS) {
  process.env.BENCH_PG_SETTINGS = `${process.env.BENCH_PG_SETTINGS ?? ''} -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c pg_stat_statements.max=1000`;
}

// ---- disk -----------------------------------------------------------------------------------
async function diskPostgres(url) {
  const { default: pg } = await import(join(root, 'packages/server-sync/node_modules/pg/lib/index.js'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC`);
    const [{ bytes }] = (await c.query('SELECT pg_database_size(current_database())::bigint AS bytes')).rows;
    return { total: Number(bytes), tables: rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) })) };
  } finally {
    await c.end();
  }
}

function diskSqlite(file, Database) {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    let tables = [];
    try {
      tables = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC").all();
    } catch { /* dbstat not compiled in */ }
    const { page_count: pages } = db.prepare('PRAGMA page_count').get();
    const { page_size: size } = db.prepare('PRAGMA page_size').get();
    return { total: pages * size, tables };
  } finally {
    db.close();
  }
}

/** A CHECKPOINT, then the database's indexes and tables read into shared buffers, largest last. */
async function warmPostgres(database) {
  const pages = await cluster.prewarm(database);
  log(`prewarmed ${(pages * 8 / 2 ** 20).toFixed(2)} GB`);
}

/** Starts counting statements afresh (pg_stat_statements) in `database`. */
async function resetStatements(database) {
  await cluster.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements', database);
  await cluster.query('SELECT pg_stat_statements_reset()', database);
}

/** The statements of `database` that cost PostgreSQL the most since the reset, as table rows. */
async function topStatements(database, label) {
  const { rows } = await cluster.query(`SELECT calls, total_plan_time + total_exec_time AS ms, mean_plan_time AS plan, mean_exec_time AS exec,
      rows::float8 / calls AS per_call, (shared_blks_hit + shared_blks_read)::float8 / calls AS blocks, shared_blks_read::float8 / calls AS reads,
      wal_fpi::float8 / calls AS fpi, wal_bytes::float8 / calls AS wal, regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND calls > 0
    ORDER BY 2 DESC LIMIT 14`, database);
  return rows.map((r) => `| ${label} | ${f(Number(r.calls))} | ${f(r.ms)} | ${f(r.plan, 3)} | ${f(r.exec, 3)} | ${f(r.per_call, 1)} | ${f(r.blocks, 1)} | ${f(r.reads, 2)} | ${f(r.fpi, 2)} | ${f(r.wal)} | \`${r.query.replace(/\|/g, '\\|')}\` |`);
}
const statementRows = [];

/** PostgreSQL's WAL position (bytes) and checkpoint counters, or null on SQLite. */
async function walStats(mode) {
  if (mode !== 'postgres') return null;
  const { rows: [r] } = await cluster.query(`SELECT pg_current_wal_lsn()::text AS lsn, checkpoints_timed + checkpoints_req AS checkpoints,
    checkpoint_sync_time AS sync_ms FROM pg_stat_bgwriter`);
  const [hi, lo] = r.lsn.split('/').map((h) => parseInt(h, 16));
  return { at: performance.now(), bytes: hi * 2 ** 32 + lo, checkpoints: Number(r.checkpoints), syncMs: Number(r.sync_ms) };
}
const walBetween = (a, b) => ({
  seconds: (b.at - a.at) / 1000, mbPerSecond: (b.bytes - a.bytes) / 2 ** 20 / ((b.at - a.at) / 1000),
  checkpoints: b.checkpoints - a.checkpoints, syncMs: b.syncMs - a.syncMs,
});

/** Sequential requests on one keep-alive connection: latency of each. */
async function timedRequests(port, n, request) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const ms = [];
  const statuses = {};
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await request(agent, i);
    ms.push(performance.now() - t);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    r.check?.();
  }
  agent.destroy();
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p99: pct(ms, 99), max: ms.at(-1), statuses };
}

async function measureServer(mode, where, loaded, variant) {
  const target = await startTarget(mode, where);
  const auth = { authorization: `Bearer ${API_KEY}` };
  const body = receiptBodies(loaded, variant.returning);
  const subjectAt = (i) => loaded.subjectId(Math.floor(((i * 7919) % 1_000_003) / 1_000_003 * loaded.subjects));
  try {
    await maxThroughput(target.port, 1, 1, body); // warm-up
    await fixedRate(target.port, 1000, variant.warmSeconds, () => body(1));
    // CPU time per stored receipt of the server and of the PostgreSQL cluster: unlike rates and
    // latencies it hardly moves when other work shares the machine.
    const withCpu = async (phase) => {
      const pgPid = cluster?.pid();
      const s0 = cpuMs(target.child.pid);
      const p0 = mode === 'postgres' ? cpuMs(pgPid, true) : NaN;
      const result = await phase();
      return {
        ...result,
        serverCpuUs: ((cpuMs(target.child.pid) - s0) * 1000) / result.receipts,
        pgCpuUs: mode === 'postgres' ? ((cpuMs(pgPid, true) - p0) * 1000) / result.receipts : NaN,
      };
    };
    const rate = await withCpu(() => fixedRate(target.port, 1000, SECONDS, () => body(1)));
    const single = await withCpu(() => maxThroughput(target.port, 1, SECONDS, body));
    const batched = await withCpu(() => maxThroughput(target.port, 50, SECONDS, body));
    let invalid = 0;
    const exp = loaded.subjects
      ? await timedRequests(target.port, 2000, (agent, i) => send(agent, target.port, 'GET', `/v1/subjects/${subjectAt(i)}`, undefined, auth))
      : null;
    const verify = loaded.subjects
      ? await timedRequests(target.port, 500, async (agent, i) => {
        const r = await send(agent, target.port, 'GET', `/v1/subjects/${subjectAt(i + 5000)}/verify`, undefined, auth);
        if (r.status !== 200 || !JSON.parse(r.body).valid) invalid++;
        return r;
      })
      : null;
    const links = await timedRequests(target.port, 1000, (agent, i) => send(agent, target.port, 'POST', '/v1/links',
      JSON.stringify({ subjectId: loaded.subjects ? subjectAt(i + 9000) : freshSubjectId(IDS), accountId: `bench-account-${i}` }), auth));
    // The feed, from its start, in pages of 1,000.
    const feedAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pages = [];
    let since = 0;
    let read = 0;
    const feedStart = performance.now();
    while (read < 100_000) {
      const t = performance.now();
      const r = await send(feedAgent, target.port, 'GET', `/v1/links/events?since=${since}&limit=1000`, undefined, auth);
      pages.push(performance.now() - t);
      const page = JSON.parse(r.body);
      if (!page.events?.length) break;
      read += page.events.length;
      since = page.next;
    }
    const feedSeconds = (performance.now() - feedStart) / 1000;
    feedAgent.destroy();
    pages.sort((a, b) => a - b);
    const feed = { events: read, seconds: feedSeconds, pageP50: pct(pages, 50), pageP99: pct(pages, 99) };

    // One retention purge (the oldest month), with ingest at 1,000 req/s measured while it runs,
    // and the same measure just before it, without a purge.
    // On PostgreSQL also the WAL written and the checkpoints started in each window: a commit
    // waits for its WAL's fsync, which a checkpoint's fsyncs of data files can hold up.
    await fixedRate(target.port, 1000, 1, () => body(1));
    const answeredAt = [];
    const w0 = await walStats(mode);
    const beforePurge = await fixedRate(target.port, 1000, SECONDS, () => body(1), (ms, at) => answeredAt.push(at + ms));
    const w1 = await walStats(mode);
    beforePurge.gap = longestGap(answeredAt);
    const duringPurge = await purgeUnderIngest(target, 1000, body);
    const w2 = await walStats(mode);
    const wal = w0 && { before: walBetween(w0, w1), during: walBetween(w1, w2) };
    return { rate, single, batched, exp, verify, invalid, links, feed, purge: duringPurge.purge, beforePurge, duringPurge, wal };
  } finally {
    await stopTarget(target);
  }
}

/**
 * The empty database and a loaded one side by side: both servers up, warmed alike, then full-speed
 * ingest alternating between them, PAIRS pairs per phase (1 and 50 receipts per request), the
 * first of each pair alternating. Per phase: each side's receipts/s and server CPU per receipt over
 * all its slices, and the loaded/empty ratio of every pair. Then PAIRS pairs at a steady 1,000
 * req/s, alike: each side's latency over all its slices, and every pair's p99 ratio.
 */
async function measurePaired(mode, sides, variant) {
  const targets = [];
  try {
    for (const side of sides) targets.push({ ...side, target: await startTarget(mode, side.where), body: receiptBodies(side.loaded, variant.returning) });
    for (const t of targets) {
      await maxThroughput(t.target.port, 1, 1, t.body); // warm-up, as measureServer's
      await fixedRate(t.target.port, 1000, variant.warmSeconds, () => t.body(1));
      if (PAIRED_WARM_SECONDS) await maxThroughput(t.target.port, 1, PAIRED_WARM_SECONDS, t.body);
    }
    // PAIRS pairs of `slice(k)`, one per side, the first of each pair alternating: each pair's results by side.
    const alternate = async (slice) => {
      const pairs = [];
      for (let i = 0; i < PAIRS; i++) {
        const pair = [];
        for (const k of i % 2 ? [1, 0] : [0, 1]) {
          const r = await slice(targets[k], k);
          if (r.errors) throw new Error(`${r.errors} requests were not answered 202 (${targets[k].label})`);
          pair[k] = r;
        }
        pairs.push(pair);
      }
      return pairs;
    };
    const phases = {};
    for (const per of [1, 50]) {
      const totals = targets.map(() => ({ receipts: 0, seconds: 0, cpuMs: 0 }));
      const pairs = await alternate(async ({ target, body }, k) => {
        const c0 = cpuMsPrecise(target.child.pid);
        const r = await maxThroughput(target.port, per, PAIR_SECONDS, body);
        totals[k].cpuMs += cpuMsPrecise(target.child.pid) - c0;
        totals[k].receipts += r.receipts;
        totals[k].seconds += r.receipts / r.receiptsPerSecond;
        return r;
      });
      phases[per] = {
        sides: totals.map((t) => ({ receiptsPerSecond: t.receipts / t.seconds, serverCpuUs: (t.cpuMs * 1000) / t.receipts })),
        ratios: pairs.map(([empty, loaded]) => loaded.receiptsPerSecond / empty.receiptsPerSecond).sort((x, y) => x - y),
      };
    }
    // Latency at a steady 1,000 req/s, in the same alternating slices: each side's p50/p99/max over
    // all its slices' requests (2,000 a slice), and the pairs' p99 ratios.
    const latencies = targets.map(() => []);
    const pairs = await alternate(({ target, body }, k) =>
      fixedRate(target.port, 1000, PAIR_SECONDS, () => body(1), (ms) => latencies[k].push(ms)));
    phases.rate = {
      sides: latencies.map((l) => {
        l.sort((a, b) => a - b);
        return { p50: pct(l, 50), p99: pct(l, 99), max: l.at(-1) };
      }),
      ratios: pairs.map(([empty, loaded]) => loaded.p99 / empty.p99).sort((x, y) => x - y),
    };
    return phases;
  } finally {
    for (const t of targets) await stopTarget(t.target);
  }
}

// ---- run ------------------------------------------------------------------------------------
const f = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const HEADER = '| engine | receipts (subjects) loaded | 1,000 req/s: p50 / p99 / max ms | max, 1/req: req/s (p99 ms) | max, 50/req: receipts/s (p99 ms) | export p50 / p99 / max ms | verify p50 / p99 ms (invalid) | POST /v1/links p50 / p99 ms | feed: up to 100,000 events, s (page p99 ms) | purge of a month: receipts, s | ingest at 1,000 req/s just before / during the purge: p99 / max ms (longest without an answer) | disk: bytes per receipt (MB per million) | server CPU µs per receipt (rate / 1 / 50) | PostgreSQL CPU µs per receipt (rate / 1 / 50) |';
const perMillion = (r) => (r.loaded.receipts ? (r.disk.total - r.emptyDisk) / (r.loaded.receipts / 1e6) : NaN);
const rowOf = (r) => `| ${r.engine}${variantLabel(r.variant)}${ROUNDS > 1 ? `, round ${r.round}` : ''} | ${f(r.loaded.receipts)} (${f(r.loaded.subjects)}) | ${f(r.rate.p50, 2)} / ${f(r.rate.p99, 2)} / ${f(r.rate.max, 1)}${r.rate.errors ? ` (${r.rate.errors} errors)` : ''} | ${f(r.single.requestsPerSecond)} (${f(r.single.p99, 1)}) | ${f(r.batched.receiptsPerSecond)} (${f(r.batched.p99, 1)}) | ${r.exp ? `${f(r.exp.p50, 2)} / ${f(r.exp.p99, 2)} / ${f(r.exp.max, 1)}` : '—'} | ${r.verify ? `${f(r.verify.p50, 2)} / ${f(r.verify.p99, 2)} (${r.invalid})` : '—'} | ${f(r.links.p50, 2)} / ${f(r.links.p99, 2)} | ${f(r.feed.events)} events: ${f(r.feed.seconds, 2)} (${f(r.feed.pageP99, 1)}) | ${r.purge ? `${f(r.purge.receipts)}, ${f(r.purge.ms / 1000, 1)}` : '—'} | ${f(r.beforePurge.p99, 1)} / ${f(r.beforePurge.max, 1)} (${f(r.beforePurge.gap, 1)}); ${f(r.duringPurge.p99, 1)} / ${f(r.duringPurge.max, 1)} (${f(r.duringPurge.gap, 1)})${r.duringPurge.errors ? ` (errors: ${Object.entries(r.duringPurge.statuses).map(([k, v]) => `${v} × ${k}`).join(', ')})` : ''} | ${f(perMillion(r) / 1e6)} (${f(perMillion(r) / 2 ** 20)}) | ${f(r.rate.serverCpuUs)} / ${f(r.single.serverCpuUs)} / ${f(r.batched.serverCpuUs)} | ${f(r.rate.pgCpuUs)} / ${f(r.single.pgCpuUs)} / ${f(r.batched.pgCpuUs)} |`;
const change = (x) => `${x >= 1 ? '+' : '−'}${Math.abs((x - 1) * 100).toFixed(0)}%`;
// The pairs' loaded/empty ratios (sorted): their median and quartiles.
const spreadOf = (ratios) => `(pairs: median ${change(pct(ratios, 50))}, quartiles ${change(pct(ratios, 25))} to ${change(pct(ratios, 75))})`;
const ratioOf = (p) => {
  const [empty, loaded] = p.sides;
  return `${f(empty.receiptsPerSecond)} → ${f(loaded.receiptsPerSecond)}: ${change(loaded.receiptsPerSecond / empty.receiptsPerSecond)} ${spreadOf(p.ratios)} | ${f(empty.serverCpuUs)} → ${f(loaded.serverCpuUs)}`;
};
const latencyOf = (p) => {
  const [empty, loaded] = p.sides;
  return `${f(empty.p50, 2)} / ${f(empty.p99, 2)} / ${f(empty.max, 1)} → ${f(loaded.p50, 2)} / ${f(loaded.p99, 2)} / ${f(loaded.max, 1)}: p99 ${change(loaded.p99 / empty.p99)} ${spreadOf(p.ratios)}`;
};
const pairedRowOf = (r) => `| ${r.engine} | ${f(r.size)} | ${r.variant.returning} | ${r.variant.warmSeconds} | ${r.round} | ${ratioOf(r.phases[1])} | ${ratioOf(r.phases[50])} | ${latencyOf(r.phases.rate)} |`;
const diskOf = (r) => `- ${r.engine} ${f(r.loaded.receipts)} (loaded in ${f(r.loaded.loadSeconds)} s, ${f(r.loaded.receipts / r.loaded.loadSeconds)} receipts/s): ${(r.disk.tables ?? []).slice(0, 8).map((t) => `${t.name} ${f(t.bytes / r.loaded.receipts)} B/receipt`).join(', ')}`;
const walOf = (r) => `- ${r.engine} ${f(r.loaded.receipts)}: WAL at 1,000 req/s before the purge ${f(r.wal.before.mbPerSecond, 1)} MB/s, ${r.wal.before.checkpoints} checkpoints started in ${f(r.wal.before.seconds, 1)} s (fsync ${f(r.wal.before.syncMs)} ms); during the purge ${f(r.wal.during.mbPerSecond, 1)} MB/s, ${r.wal.during.checkpoints} checkpoints in ${f(r.wal.during.seconds, 1)} s (fsync ${f(r.wal.during.syncMs)} ms)`;
const results = [];
const pairedResults = [];
const loads = [loadavg()[0]];

async function runEngine(engine, sizes, open) {
  // Every size loaded first; then, ROUNDS times, each size and variant measured on a copy of its
  // load in turn, so that what changes on the shared machine falls on both sizes alike.
  const dbs = [];
  try {
    for (const size of [0, ...sizes]) {
      const seed = 1000 + size / 1000;
      const db = await open(size);
      dbs.push(db);
      const driver = db.driver();
      await S.migrate(driver);
      db.loaded = size ? await bulkLoad(driver, size, seed, { postgresUrl: db.copyUrl, ids: IDS }) : { receipts: 0, subjects: 0, links: 0, events: 0, loadSeconds: 0, ids: IDS };
      await driver.close();
      await db.settle();
      db.size = size;
      db.diskUse = await db.disk();
      log(`${engine} ${size}: ${(db.diskUse.total / 2 ** 20).toFixed(0)} MB on disk`);
    }
    const copies = ROUNDS > 1 || VARIANTS.length > 1;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const db of PAIRED_ONLY ? [] : dbs) {
        const { size, loaded } = db;
        // Without stored subjects the returning ones are those the run made: one variant per warm-up.
        const variants = size ? VARIANTS : VARIANTS.filter((v, i) => VARIANTS.findIndex((w) => w.warmSeconds === v.warmSeconds) === i);
        for (const variant of variants) {
          // Each on a copy of its own: the measurements add receipts and purge a month.
          const run = copies ? await db.copy() : db;
          try {
            await run.warm?.();
            log(`${engine} ${size}${variantLabel(variant)}, round ${round}: measuring`);
            if (PG_STATEMENTS && run.database) await resetStatements(run.database);
            const m = await measureServer(engine, run.where, loaded, variant);
            if (PG_STATEMENTS && run.database) statementRows.push(...(await topStatements(run.database, `${engine} ${f(size)}${variantLabel(variant)}`)));
            results.push({ engine, size, variant, round, loaded, disk: db.diskUse, emptyDisk: db.emptyDisk, ...m });
            loads.push(loadavg()[0]);
            log(`${engine} ${size}: done (load average ${loadavg()[0].toFixed(1)})\n${rowOf(results.at(-1))}\n${diskOf(results.at(-1))}${m.wal ? `\n${walOf(results.at(-1))}` : ''}`);
          } finally {
            if (run !== db) await run.drop();
          }
        }
      }
      if (!PAIRS) continue;
      const [empty, ...loadedDbs] = dbs;
      for (const db of loadedDbs) {
        for (const variant of VARIANTS) {
          const runs = [await empty.copy(), await db.copy()];
          try {
            for (const run of runs) await run.warm?.();
            log(`${engine} ${db.size}${variantLabel(variant)}, round ${round}: against the empty database, side by side`);
            const phases = await measurePaired(engine, [
              { label: 'empty', where: runs[0].where, loaded: empty.loaded },
              { label: String(db.size), where: runs[1].where, loaded: db.loaded },
            ], variant);
            pairedResults.push({ engine, size: db.size, variant, round, phases });
            loads.push(loadavg()[0]);
            log(`${engine} ${db.size}: side by side done (load average ${loadavg()[0].toFixed(1)})\n${pairedRowOf(pairedResults.at(-1))}`);
          } finally {
            for (const run of runs) await run.drop();
          }
        }
      }
    }
  } finally {
    for (const db of dbs) await db.drop();
  }
}

/**
 * Each loaded size against the empty database measured in the same round with the same warm-up:
 * throughput with 1 and 50 receipts per request and p99 at 1,000 req/s, as changes in percent.
 */
function againstEmpty() {
  const pctChange = (a, b) => `${a >= b ? '+' : '−'}${Math.abs((a / b - 1) * 100).toFixed(0)}%`;
  const rows = [];
  for (const r of results.filter((x) => x.size)) {
    const empty = results.find((x) => x.engine === r.engine && !x.size && x.round === r.round && x.variant.warmSeconds === r.variant.warmSeconds);
    if (!empty) continue;
    rows.push(`| ${r.engine} | ${f(r.size)} | ${r.variant.returning} | ${r.variant.warmSeconds} | ${r.round} | ${pctChange(r.single.requestsPerSecond, empty.single.requestsPerSecond)} | ${pctChange(r.batched.receiptsPerSecond, empty.batched.receiptsPerSecond)} | ${pctChange(r.rate.p99, empty.rate.p99)} | ${pctChange(r.single.serverCpuUs + (r.single.pgCpuUs || 0), empty.single.serverCpuUs + (empty.single.pgCpuUs || 0))} |`);
  }
  return rows;
}

/** A SQLite database's files: the database, its WAL and its shared memory. */
const removeSqlite = (file) => { for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true }); };

const scratch = mkdtempSync(join(tmpdir(), 'bench-scale-'));
let cluster;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cluster?.stop();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  if (ENGINES.includes('postgres')) {
    cluster = startPostgres();
    let copies = 0;
    await runEngine('postgres', PG_SIZES, async (size) => {
      const name = `scale_${size}`;
      await cluster.query(`CREATE DATABASE ${name}`);
      const url = cluster.urlOf(name);
      const empty = await diskPostgres(url);
      return {
        database: name,
        where: url,
        copyUrl: url,
        emptyDisk: empty.total,
        driver: () => S.openPostgres({ connectionString: url, max: 4 }),
        // What autovacuum would have done by now: hint bits, visibility map, statistics.
        settle: () => cluster.query('VACUUM (ANALYZE)', name),
        warm: async () => { if (PG_WARM) await warmPostgres(name); },
        disk: () => diskPostgres(url),
        drop: () => cluster.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        copy: async () => {
          const copy = `${name}_${copies++}`;
          // FILE_COPY: PostgreSQL 15's default (WAL_LOG) would write the whole copy to the WAL.
          await cluster.query(`CREATE DATABASE ${copy} TEMPLATE ${name} STRATEGY FILE_COPY`);
          if (!PG_WARM) await cluster.query('CHECKPOINT');
          return {
            database: copy, where: cluster.urlOf(copy),
            warm: async () => { if (PG_WARM) await warmPostgres(copy); },
            drop: () => cluster.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`),
          };
        },
      };
    });
  }
  if (ENGINES.includes('sqlite')) {
    const { default: Database } = await import(join(root, 'packages/server-sync/node_modules/better-sqlite3/lib/index.js'));
    let copies = 0;
    await runEngine('sqlite', SQLITE_SIZES, async (size) => {
      const file = join(scratch, `scale-${size}.db`);
      return {
        where: file,
        emptyDisk: 0,
        driver: () => S.openSqlite({ file }),
        settle: async () => {},
        disk: async () => diskSqlite(file, Database),
        drop: async () => removeSqlite(file),
        copy: async () => {
          // disk() left the file checkpointed (TRUNCATE): the one file is the database.
          const copy = join(scratch, `scale-${size}-${copies++}.db`);
          copyDatabaseFile(file, copy);
          return { where: copy, drop: async () => removeSqlite(copy) };
        },
      };
    });
  }
} finally {
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const lines = [
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${SECONDS} s per ingest phase; subject ids: ${IDS}; ${VARIANTS.length > 1 ? 'variants (returning subjects, seconds at 1,000 req/s before measuring): on copies of one load' : `returning subjects: ${VARIANTS[0].returning}; ${VARIANTS[0].warmSeconds} s at 1,000 req/s before measuring`}${PAIRED_WARM_SECONDS ? `; side by side, ${PAIRED_WARM_SECONDS} s more at full speed before the pairs` : ''}; loopback; 1-min load average ${loads.map((l) => l.toFixed(1)).join(' → ')} (the machine is shared).`,
  '',
  HEADER,
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(rowOf),
  '',
  ...(results.some((r) => r.loaded.receipts) ? ['Disk by table (tables with their indexes and TOAST; SQLite: dbstat by table or index):',
    ...results.filter((r) => r.loaded.receipts).map(diskOf)] : []),
  ...(results.some((r) => r.wal) ? ['', 'PostgreSQL WAL and checkpoints around the purge:', ...results.filter((r) => r.wal).map(walOf)] : []),
  ...(results.some((r) => r.size) ? ['', 'Against the empty database in the same round (server and PostgreSQL CPU per receipt: one receipt per request):', '',
    '| engine | receipts loaded | returning subjects | seconds at 1,000 req/s before measuring | round | max req/s, 1/req | max receipts/s, 50/req | p99 at 1,000 req/s | CPU per receipt, 1/req |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...againstEmpty()] : []),
  ...(pairedResults.length ? ['', `Side by side with the empty database (${PAIRS} pairs of ${PAIR_SECONDS} s per phase, alternating; receipts/s empty → loaded, and server CPU µs per receipt; then 1,000 req/s in the same slices, latency empty → loaded):`, '',
    '| engine | receipts loaded | returning subjects | seconds at 1,000 req/s before measuring | round | 1/req: receipts/s | 1/req: CPU µs | 50/req: receipts/s | 50/req: CPU µs | 1,000 req/s: p50 / p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...pairedResults.map(pairedRowOf)] : []),
  ...(statementRows.length ? ['', 'PostgreSQL statements while measured (pg_stat_statements, the 14 costliest per size):', '',
    '| size | calls | total ms | plan ms per call | exec ms per call | rows per call | buffers per call | reads per call | full-page images per call | WAL bytes per call | statement |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...statementRows] : []),
];
console.log(lines.join('\n'));
