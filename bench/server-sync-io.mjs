#!/usr/bin/env node
// Where a single receipt's cost goes on SQLite (not a test): one server on an empty file or on a
// copy of a loaded one, single-receipt requests as fast as answered, and per receipt:
// - the server's CPU by thread (/proc/<pid>/task/*/schedstat): the event loop, where better-sqlite3
//   runs every statement and commit, apart from the others (the checkpoint worker, V8's compiler
//   and collector threads);
// - its I/O (/proc/<pid>/io): bytes asked for by read and write calls (rchar, wchar) and their
//   count, against what reached the disk (read_bytes, write_bytes).
// Run it on an empty file and on a loaded one, with a warm-up long enough for V8 to have compiled
// the hot paths (a few thousand requests are not: the compiler threads then still take a tenth
// of the CPU, and the first measurements of a fresh server mostly measure that).
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-io.mjs \
//     [--template <file> | --in-place <file>] [--warm 30000] [--requests 10000] [--connections 64] [--per 1] [--lib <index.js>] [--perf <perf.data>]
//
// --template: a SQLite file to run on a copy of (the scale and purge benchmarks keep theirs in
// packages/server-sync/node_modules/.cache/bench-purge); receipts then come as the scale benchmark
// sends them, 70% for subjects active in its last 30 days, 30% for new ones. Without it, an empty
// file, with 70% of receipts for subjects this run created. --perf records the server with
// `perf record -g` during the measured requests. --per: receipts per request (50: the batched
// ingest of the scale benchmark); figures stay per receipt.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './cli-args.mjs';
import { threadCpuNs } from './proc-cpu.mjs';
import { S, copyDatabaseFile, receiptBodies, recentSubjects, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { groupCommits, postMany } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TEMPLATE = option('template', '');
// --in-place <file>: run on that file itself, not on a fresh copy (the run adds its receipts to
// it), to tell a fresh copy's effect on the disk from the server's own: a file copied ten minutes
// before gave the same figures as fresh copies (bench/server-sync.md, session 15).
const IN_PLACE = option('in-place', '');
const WARM = Number(option('warm', '30000'));
const REQUESTS = Number(option('requests', '10000'));
const CONNECTIONS = Number(option('connections', '64'));
const PER = Number(option('per', '1'));
const LIB = resolve(option('lib', join(here, '../packages/server-sync/dist/index.js')));
const PERF = option('perf', '');

const io = (pid) => Object.fromEntries(readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n').map((l) => {
  const [k, v] = l.split(': ');
  return [k, Number(v)];
}));

// As the scale benchmark sends them: for the template's recent subjects, or for this run's.
const loaded = IN_PLACE || TEMPLATE;
const body = receiptBodies(loaded ? { pool: await recentSubjects(S.openSqlite({ file: loaded })) } : { subjects: 0 });
const scratch = mkdtempSync(join(tmpdir(), 'bench-io-'));
const file = IN_PLACE ? resolve(IN_PLACE) : join(scratch, 'server.db');
if (TEMPLATE && !IN_PLACE) copyDatabaseFile(resolve(TEMPLATE), file);
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
let target = null;
try {
  target = await startTarget('sqlite', file, { BENCH_LIB: LIB });
  const { child, port } = target;
  await postMany(agent, port, WARM, CONNECTIONS, () => body(PER));
  let perf = null;
  if (PERF) {
    perf = spawn('perf', ['record', '-q', '-g', '-p', String(child.pid), '-o', PERF], { stdio: 'inherit' });
    await new Promise((r) => setTimeout(r, 1000));
  }
  const commits0 = await groupCommits(port);
  const cpu0 = threadCpuNs(child.pid);
  const io0 = io(child.pid);
  const t0 = performance.now();
  await postMany(agent, port, REQUESTS, CONNECTIONS, () => body(PER));
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = threadCpuNs(child.pid);
  const io1 = io(child.pid);
  const commits1 = await groupCommits(port);
  if (perf) {
    perf.kill('SIGINT');
    await new Promise((r) => perf.once('exit', r));
  }
  // The event loop's thread has the process's id; every other thread is "other".
  const us = (ns) => ns / 1000 / REQUESTS / PER;
  let main = 0;
  let other = 0;
  for (const [tid, ns] of cpu1) {
    const d = ns - (cpu0.get(tid) ?? 0);
    if (tid === String(child.pid)) main += d;
    else other += d;
  }
  const per = (k) => (io1[k] - io0[k]) / REQUESTS / PER;
  console.log(`${IN_PLACE ? `${IN_PLACE} in place` : TEMPLATE ? `copy of ${TEMPLATE}` : 'empty file'}: ${WARM} requests of warm-up, then ${REQUESTS} requests of ${PER} receipt(s) on ${CONNECTIONS} connections`);
  console.log(`  ${Math.round(REQUESTS / seconds)} req/s, ${Math.round((REQUESTS * PER) / seconds)} receipts/s; server CPU per receipt ${us(main + other).toFixed(1)} µs (event loop ${us(main).toFixed(1)}, other threads ${us(other).toFixed(1)})`);
  console.log(`  per receipt: read ${(per('rchar') / 1024).toFixed(1)} KB in ${per('syscr').toFixed(1)} calls, ${(per('read_bytes') / 1024).toFixed(1)} KB from disk; ` +
    `wrote ${(per('wchar') / 1024).toFixed(1)} KB in ${per('syscw').toFixed(1)} calls, ${(per('write_bytes') / 1024).toFixed(1)} KB to disk`);
  const [transactions, committed] = [commits1[0] - commits0[0], commits1[1] - commits0[1]];
  console.log(`  ${Math.round(transactions / seconds)} commits/s, ${(committed / transactions).toFixed(1)} receipts per commit`);
} finally {
  agent.destroy();
  if (target) await stopTarget(target);
  rmSync(scratch, { recursive: true, force: true });
}
