#!/usr/bin/env node
// Two builds of server-sync side by side (not a test): the server's CPU time per stored receipt,
// from Linux /proc, with both servers up at once and the load alternating between them in small
// chunks, so both see the same machine. For comparing builds on a shared, busy machine, where
// rates and latencies of runs minutes apart (bench/server-sync.mjs) differ by more than the change.
//
//   pnpm exec rollup -c && node bench/server-sync-ab.mjs <A: module> <B: module> [--engine sqlite|postgres] [--per 1|50] [--rounds 20] [--chunk 500] [--connections 16] [--stub]
//     [--sqlite-template <file>] [--a-template <file>|empty] [--b-template <file>|empty]
//
// A and B are builds of @assent/server-sync's index.js: a copy of packages/server-sync/dist kept
// from the previous commit inside packages/server-sync/node_modules/.cache (so it resolves the
// package's dependencies), or the dist of a git worktree at that commit with its own install.
// 16 connections, 500 requests per chunk (--connections, --chunk), each request `--per` receipts spread over 2,000
// subjects; SQLite in WAL with synchronous=FULL, a temp file per build, or a throwaway PostgreSQL
// 15 cluster with fsync on, a database per build (builds may differ in their schema version).
// CPU is each server's scheduler run time over all its threads (/proc/<pid>/task/*/schedstat,
// to the nanosecond); besides the total, the median and quartiles of the rounds' B/A show how
// much the machine moved it. --sqlite-template runs both builds on flushed copies of a loaded
// SQLite file instead of empty ones (the purge benchmark keeps its 10M data set in
// packages/server-sync/node_modules/.cache/bench-purge), with receipts for its recent subjects.
// --a-template and --b-template give each build its own (the same build on an empty file as A and
// on the 10M file as B is the scale benchmark's question, asked without the minutes between its
// measurements): an empty file gets receipts as the io benchmark sends them, 70% for subjects this
// run created. Besides CPU, each build's requests/s over its chunks (at full speed: 16 connections
// always waiting) and the rounds' B/A of it.
// --rate N: latency instead of CPU and throughput. Each round gives each build --seconds (10) at a
// steady N requests/s, latency taken from each request's scheduled time; printed are each build's
// p50/p99/p99.9/max over all its rounds and the rounds' p99 B/A. Device stalls on this machine come
// in bursts of minutes, so builds compared a run apart differ by more than a change to the commit
// path; alternating seconds-long slices puts both under the same bursts. --warm-seconds first
// loads each build that long as fast as answered (a server in service rather than a fresh copy).
// --stub measures the HTTP layer alone: both servers read, validate and prepare each request as
// usual and answer 202 without storing (BENCH_STUB_INGEST of server-sync-target.mjs), so the
// storage path and its variance drop out. BENCH_TARGET_FLAGS="--cpu-prof --cpu-prof-dir=<dir>"
// profiles both servers.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres } from './pg-cluster.mjs';
import { cpuMsPrecise } from './proc-cpu.mjs';
import { fixedRate, maxThroughput, pct } from './server-sync-http.mjs';
import { ratioLine, receiptBody } from './server-sync-receipts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'sqlite' }, per: { type: 'string', default: '1' }, rounds: { type: 'string', default: '20' },
    chunk: { type: 'string', default: '500' }, connections: { type: 'string', default: '16' },
    stub: { type: 'boolean', default: false }, 'sqlite-template': { type: 'string' },
    'a-template': { type: 'string' }, 'b-template': { type: 'string' },
    rate: { type: 'string', default: '0' }, seconds: { type: 'string', default: '10' }, 'warm-seconds': { type: 'string', default: '0' },
  },
});
const [a, b] = positionals.map((p) => resolve(p));
if (!a || !b) {
  console.error('usage: node bench/server-sync-ab.mjs <A: module> <B: module> [--engine sqlite|postgres] [--per 1|50] [--rounds 20] [--chunk 500] [--connections 16] [--stub]');
  process.exit(2);
}
const PER = Number(values.per);
const ROUNDS = Number(values.rounds);
// --chunk: requests per build per round. 500 keeps both builds under the same moment of the
// machine; a change that reacts to sustained load needs chunks of seconds, since each server idles
// while the other is loaded. --connections: requests in flight; SQLite's group commits hold about
// as many receipts, so a change to what a commit costs shows differently at 16 and at 64.
const CHUNK = Number(values.chunk);
const CONNECTIONS = Number(values.connections);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const WARM_SECONDS = Number(values['warm-seconds']);

// Each build's template: a loaded SQLite file to run on a copy of, or null for an empty database.
const templateOf = (name) => {
  const t = values[`${name}-template`] ?? values['sqlite-template'];
  return t && t !== 'empty' ? resolve(t) : null;
};
const TEMPLATES = { a: templateOf('a'), b: templateOf('b') };
if ((TEMPLATES.a || TEMPLATES.b) && values.engine !== 'sqlite') {
  console.error('a template needs --engine sqlite');
  process.exit(2);
}
// With a template (a loaded database, e.g. the purge benchmark's 10M file), a build runs on its
// own flushed copy of it, and receipts come as the scale benchmark sends them: 70% for subjects
// active in the template's last 30 days, 30% for new ones.
const dataset = TEMPLATES.a || TEMPLATES.b ? await import('./server-sync-dataset.mjs') : null;
const bodies = { a: await bodiesFor(TEMPLATES.a), b: await bodiesFor(TEMPLATES.b) };

async function bodiesFor(file) {
  if (!dataset) return () => receiptBody(PER);
  // An empty file next to a loaded one: receipts as the io benchmark sends them to an empty file.
  const next = dataset.receiptBodies(file ? { pool: await dataset.recentSubjects(dataset.S.openSqlite({ file })) } : { subjects: 0 });
  return () => next(PER);
}

function start(lib, where) {
  return new Promise((resolvePromise, reject) => {
    const flags = (process.env.BENCH_TARGET_FLAGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...flags, join(here, 'server-sync-target.mjs'), values.engine, where], {
      env: { ...process.env, BENCH_LIB: lib, ...(values.stub ? { BENCH_STUB_INGEST: '1' } : {}) }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolvePromise({ child, port: Number(m[1]), agent: new Agent({ keepAlive: true, maxSockets: CONNECTIONS }) });
    });
    child.once('exit', (code) => reject(new Error(`${lib} exited with ${code}`)));
  });
}

async function load(target, n) {
  const payloads = Array.from({ length: n }, bodies[target.name.toLowerCase()]);
  let i = 0;
  let failed = 0;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (i < n) {
      const payload = payloads[i++];
      const status = await new Promise((done) => {
        const req = request({
          agent: target.agent, host: '127.0.0.1', port: target.port, method: 'POST', path: '/v1/receipts',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        }, (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode));
        });
        req.on('error', () => done(0));
        req.end(payload);
      });
      if (status !== 202) failed++;
    }
  }));
  if (failed) throw new Error(`${failed} requests were not answered 202`);
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-ab-'));
const pg = values.engine === 'postgres' ? startPostgres() : null;
/** A SQLite file, or a PostgreSQL database of its own, for build `name`. */
async function where(name) {
  if (TEMPLATES[name]) {
    const copy = join(scratch, `${name}.db`);
    dataset.copyDatabaseFile(TEMPLATES[name], copy);
    return copy;
  }
  if (!pg) return join(scratch, `${name}.db`);
  const { default: pgLib } = await import(pathToFileURL(join(here, '../packages/server-sync/node_modules/pg/lib/index.js')).href);
  const admin = new pgLib.Client({ connectionString: pg.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE bench_${name}`);
  } finally {
    await admin.end();
  }
  return pg.url.replace(/\/postgres$/, `/bench_${name}`);
}
const loadBefore = loadavg()[0];
const targets = [];
try {
  targets.push({ name: 'A', ...(await start(a, await where('a'))) }, { name: 'B', ...(await start(b, await where('b'))) });
  for (const t of targets) await load(t, 2 * CHUNK); // warm-up
  if (WARM_SECONDS) for (const t of targets) await maxThroughput(t.port, PER, WARM_SECONDS, bodies[t.name.toLowerCase()]);
  await (RATE ? compareLatency() : compareCpu());
} finally {
  for (const t of targets) {
    t.agent.destroy();
    t.child.removeAllListeners('exit');
    t.child.kill('SIGTERM');
  }
  await new Promise((r) => setTimeout(r, 500));
  pg?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

/** --rate: each build's latency at a steady rate, in alternating slices of SECONDS. */
async function compareLatency() {
  const latencies = { A: [], B: [] };
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    const p99 = {};
    for (const t of r % 2 ? [...targets].reverse() : targets) {
      const res = await fixedRate(t.port, RATE, SECONDS, bodies[t.name.toLowerCase()], (ms) => latencies[t.name].push(ms));
      if (res.errors) throw new Error(`${res.errors} requests were not answered 202 (${t.name})`);
      p99[t.name] = res.p99;
    }
    ratios.push(p99.B / p99.A);
  }
  const line = (name) => {
    const l = latencies[name].sort((x, y) => x - y);
    return `${name} p50 ${pct(l, 50).toFixed(2)}, p99 ${pct(l, 99).toFixed(2)}, p99.9 ${pct(l, 99.9).toFixed(2)}, max ${l.at(-1).toFixed(1)} ms`;
  };
  console.log(`${values.engine}, ${PER} receipt(s) per request at ${RATE} requests/s, ${ROUNDS} × ${SECONDS} s each${WARM_SECONDS ? ` after ${WARM_SECONDS} s at full speed` : ''}; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`${line('A')}; ${line('B')}`);
  const all = (name) => pct(latencies[name], 99);
  console.log(`p99: ${ratioLine(all('A'), all('B'), ratios)}`);
}

/** CPU per receipt and throughput, each build at full speed in alternating chunks. */
async function compareCpu() {
  const cpu = { A: 0, B: 0 };
  const wall = { A: 0, B: 0 };
  // B/A of each round (its two chunks ran back to back): their median and spread show how much
  // of the total's ratio is the builds and how much the machine.
  const ratios = [];
  const rateRatios = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = {};
    const took = {};
    for (const t of r % 2 ? [...targets].reverse() : targets) {
      const before = cpuMsPrecise(t.child.pid);
      const t0 = performance.now();
      await load(t, CHUNK);
      took[t.name] = performance.now() - t0;
      wall[t.name] += took[t.name];
      round[t.name] = cpuMsPrecise(t.child.pid) - before;
      cpu[t.name] += round[t.name];
    }
    ratios.push(round.B / round.A);
    rateRatios.push(took.A / took.B);
  }
  const us = (ms) => (ms * 1000) / (ROUNDS * CHUNK * PER);
  console.log(`${values.engine}${values.stub ? ' (storage stubbed: HTTP layer alone)' : ''}, ${PER} receipt(s) per request, ${ROUNDS} × ${CHUNK} requests each; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`server CPU per receipt: A ${us(cpu.A).toFixed(1)} µs, B ${us(cpu.B).toFixed(1)} µs, ${ratioLine(cpu.A, cpu.B, ratios)}`);
  const rate = (ms) => Math.round((ROUNDS * CHUNK * 1000) / ms);
  console.log(`requests/s: A ${rate(wall.A)}, B ${rate(wall.B)}, ${ratioLine(wall.B, wall.A, rateRatios)}`);
  if (pg) {
    // Transactions per request (warm-up included): group commits, and any statement run on its own.
    const { default: pgLib } = await import(pathToFileURL(join(here, '../packages/server-sync/node_modules/pg/lib/index.js')).href);
    const admin = new pgLib.Client({ connectionString: pg.url });
    await admin.connect();
    try {
      const { rows } = await admin.query("SELECT datname, xact_commit FROM pg_stat_database WHERE datname IN ('bench_a', 'bench_b') ORDER BY datname");
      const requests = (ROUNDS + 2) * CHUNK;
      console.log(`PostgreSQL transactions per request: ${rows.map((r) => `${r.datname === 'bench_a' ? 'A' : 'B'} ${(Number(r.xact_commit) / requests).toFixed(2)}`).join(', ')}`);
    } finally {
      await admin.end();
    }
  }
}
