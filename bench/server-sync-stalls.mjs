#!/usr/bin/env node
// Where the slow requests at a steady 1,000 req/s come from (not a test). One server, receipts at
// a fixed rate for a long while, every request's latency from its scheduled time kept with that
// time, and beside them on one clock (CLOCK_MONOTONIC):
// - the load generator's and the server's event-loop delays and GC pauses (bench/pause-monitor.mjs);
// - every fsync, fdatasync, pwrite, pread, fcntl and sleep of the machine that took 5 ms or more
//   (--syscalls, --syscall-ms), by thread and file (`perf trace -T`, when perf is there and
//   --no-perf is not given; tracing every pread and pwrite costs CPU, so latencies run higher);
// - the kernel's I/O pressure (/proc/pressure/io), dirty and writeback memory (/proc/meminfo), the
//   disk's completed writes, flushes and discards (/proc/diskstats) and, on SQLite, the WAL's
//   frames from its wal-index header, sampled every 20 ms;
// - major page faults (a page read back from disk) of the load generator, the server and the
//   whole machine, with the state of the kernel's DAMON page-out, which on some VMs (this one)
//   evicts pages left idle for a minute.
// Each run of slow requests (at least --stall-ms, default 50) is then printed with what overlapped
// it (bench/server-sync.md, session 17).
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-stalls.mjs \
//     [--engine sqlite|postgres] [--template <sqlite file>] [--seconds 120] [--rate 1000] \
//     [--warm-seconds 60] [--full-speed-seconds 0] [--stall-ms 50] [--lib <index.js>] [--no-perf]
//
// --template: run SQLite on a copy of that file (the scale benchmark keeps its 10M file in
// packages/server-sync/node_modules/.cache/bench-purge), with receipts as the scale benchmark
// sends them; without it an empty database. PostgreSQL runs on a throwaway cluster
// (bench/pg-cluster.mjs, BENCH_PG_SETTINGS for its settings), empty.
// --full-speed-seconds: after the warm-up at the rate, that long as fast as answered (a server in
// service, as server-sync-scale.mjs --paired-warm-seconds).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './cli-args.mjs';
import { monitorPauses, monotonicMs, toMonotonic } from './pause-monitor.mjs';
import { startPostgres } from './pg-cluster.mjs';
import { S, copyDatabaseFile, receiptBodies, recentSubjects, startTarget, stopTarget } from './server-sync-dataset.mjs';
import { fixedRate, maxThroughput, pct } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINE = option('engine', 'sqlite');
const TEMPLATE = option('template', '');
const SECONDS = Number(option('seconds', '120'));
const RATE = Number(option('rate', '1000'));
const WARM_SECONDS = Number(option('warm-seconds', '60'));
const FULL_SPEED_SECONDS = Number(option('full-speed-seconds', '0'));
const STALL_MS = Number(option('stall-ms', '50'));
const LIB = resolve(option('lib', join(here, '../packages/server-sync/dist/index.js')));
const PERF = !flag('no-perf') && existsSync('/usr/bin/perf');
const PAUSE_MS = 10;
// The syscalls traced, and the shortest kept (ms).
const SYSCALLS = option('syscalls', 'fsync,fdatasync,ftruncate,sync_file_range,pwrite64,pread64,fcntl,nanosleep,clock_nanosleep');
const SYSCALL_MS = Number(option('syscall-ms', '5'));

// ---- the machine, every 20 ms -----------------------------------------------------------------
const disk = readFileSync('/proc/diskstats', 'utf8').split('\n').map((l) => l.trim().split(/\s+/))
  .find((f) => f[2] && !/\d$/.test(f[2]) && !f[2].startsWith('loop') && Number(f[7]) > 0)?.[2];
// SQLite's WAL, from the wal-index at the start of the -shm file, in native byte order: mxFrame,
// the frames in the WAL, at byte 16 (it falls when the WAL starts over), and nBackfill, those
// copied into the database, at 96 (after two copies of the 48-byte header). A checkpoint sets
// nBackfill once it has written and fsynced its pages, so each rise is one pass's size.
let shm = null;
const wal = () => {
  if (shm === null) return {};
  const b = Buffer.alloc(100);
  readSync(shm, b, 0, 100, 0);
  return { walFrames: b.readUInt32LE(16), backfilled: b.readUInt32LE(96) };
};
/** The frames each checkpoint pass copied, from samples in order: nBackfill's rises. */
const passSizes = (list) => list.slice(1).map((x, i) => x.backfilled - list[i].backfilled).filter((d) => d > 0);
// Major faults: the machine's (/proc/vmstat), this process's, and the server's (/proc/<pid>/stat).
let serverPid = 0;
const majorFaults = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[9]);
  } catch { return NaN; }
};
/** Whether a DAMON page-out scheme runs (sysfs admin interface), as "on", "off" or "absent". */
function damonPageout() {
  const root = '/sys/kernel/mm/damon/admin/kdamonds';
  try {
    const on = readdirSync(root).filter((d) => /^\d+$/.test(d)).some((d) => readFileSync(`${root}/${d}/state`, 'utf8').trim() === 'on'
      && readdirSync(`${root}/${d}/contexts`).some((c) => /^\d+$/.test(c) && readdirSync(`${root}/${d}/contexts/${c}/schemes`)
        .some((x) => /^\d+$/.test(x) && readFileSync(`${root}/${d}/contexts/${c}/schemes/${x}/action`, 'utf8').trim() === 'pageout')));
    return on ? 'on' : 'off';
  } catch { return 'absent'; }
}
function machine() {
  const vmstat = readFileSync('/proc/vmstat', 'utf8');
  const pressure = readFileSync('/proc/pressure/io', 'utf8');
  const total = (line) => Number(pressure.match(new RegExp(`^${line} .*total=(\\d+)`, 'm'))?.[1] ?? NaN) / 1000;
  const mem = readFileSync('/proc/meminfo', 'utf8');
  const kb = (name) => Number(mem.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? NaN);
  const d = readFileSync('/proc/diskstats', 'utf8').split('\n').map((l) => l.trim().split(/\s+/)).find((f) => f[2] === disk) ?? [];
  const n = (i) => Number(d[i] ?? NaN);
  return {
    ...wal(), at: monotonicMs(), ioFullMs: total('full'), dirtyMb: kb('Dirty') / 1024, writebackMb: kb('Writeback') / 1024,
    writes: n(7), writeMs: n(10), inFlight: n(11), discards: n(14), flushes: n(18), flushMs: n(19),
    faults: Number(vmstat.match(/^pgmajfault (\d+)/m)?.[1] ?? NaN), clientFaults: process.resourceUsage().majorPageFault,
    serverFaults: serverPid ? majorFaults(serverPid) : NaN,
  };
}

// ---- perf trace: slow syscalls -----------------------------------------------------------------
function traceSyscalls(file) {
  const p = spawn('perf', ['trace', '-T', '-a', '-e', SYSCALLS, '--duration', String(SYSCALL_MS), '-o', file], { stdio: 'ignore' });
  return async () => {
    p.kill('SIGINT');
    await new Promise((r) => p.once('exit', r));
    // "44130388.072 (12.418 ms): node/24415 fdatasync(fd: 18) = 0"
    return readFileSync(file, 'utf8').split('\n').flatMap((l) => {
      const m = l.match(/^\s*([\d.]+) \(\s*([\d.]+) ms\): (.+?)\/(\d+) (\w+)\((?:fd: (\d+))?/);
      // A call under way when tracing began has no start: perf prints a wrapped-around duration.
      return m && Number(m[2]) < 1e6 ? [{ at: Number(m[1]), ms: Number(m[2]), comm: m[3], tid: Number(m[4]), call: m[5], fd: m[6] }] : [];
    });
  };
}

/** Names the threads of the server and of PostgreSQL's processes, while they run. */
function threadNames(serverPid, pgPid) {
  const names = new Map();
  const read = (f) => { try { return readFileSync(f, 'utf8').trim(); } catch { return null; } };
  for (const tid of existsSync(`/proc/${serverPid}/task`) ? readdirTasks(serverPid) : []) {
    names.set(tid, tid === serverPid ? 'server event loop' : `server thread ${read(`/proc/${serverPid}/task/${tid}/comm`)}`);
  }
  if (pgPid) {
    for (const d of readdirProc()) {
      const stat = read(`/proc/${d}/stat`);
      if (stat && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pgPid) names.set(d, read(`/proc/${d}/cmdline`)?.replaceAll('\0', ' ').trim());
    }
  }
  return names;
}
const readdirTasks = (pid) => readdirSync(`/proc/${pid}/task`).map(Number);
const readdirProc = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

// ---- run ------------------------------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'bench-stalls-'));
let cluster = null;
let target = null;
try {
  let where;
  let loaded = { subjects: 0 };
  if (ENGINE === 'postgres') {
    cluster = startPostgres();
    where = cluster.url;
  } else {
    where = join(scratch, 'server.db');
    if (TEMPLATE) {
      loaded = { pool: await recentSubjects(S.openSqlite({ file: resolve(TEMPLATE) })) };
      copyDatabaseFile(resolve(TEMPLATE), where);
    }
  }
  const body = receiptBodies(loaded);
  target = await startTarget(ENGINE, where, { BENCH_LIB: LIB, BENCH_PAUSES_MS: String(PAUSE_MS) });
  const { port } = target;
  await maxThroughput(port, 1, 1, body);
  await fixedRate(port, RATE, WARM_SECONDS, () => body(1));
  if (FULL_SPEED_SECONDS) await maxThroughput(port, 1, FULL_SPEED_SECONDS, body);

  if (ENGINE === 'sqlite') shm = openSync(`${where}-shm`, 'r');
  serverPid = target.child.pid;
  const damon = damonPageout();
  const clientPauses = [];
  const stopClient = monitorPauses(PAUSE_MS, (p) => clientPauses.push(p));
  const samples = [machine()];
  const sampler = setInterval(() => samples.push(machine()), 20);
  const stopTrace = PERF ? traceSyscalls(join(scratch, 'perf-trace.txt')) : null;
  await new Promise((r) => setTimeout(r, 500)); // perf trace attaches
  const serverLines = target.lines.length;
  const requests = [];
  const t0 = monotonicMs();
  const r = await fixedRate(port, RATE, SECONDS, () => body(1), (ms, scheduled) => requests.push({ at: toMonotonic(scheduled), ms }));
  clearInterval(sampler);
  stopClient();
  const names = threadNames(target.child.pid, cluster?.pid());
  const syscalls = stopTrace ? await stopTrace() : [];
  // Which file each slow call was on, by its descriptor (still open: the server and cluster run).
  for (const x of syscalls) {
    try {
      x.file = readlinkSync(`/proc/${x.tid}/fd/${x.fd}`).replace(scratch, '').replace(/^.*\/(data|bench-pg-[^/]+)\//, '');
    } catch { x.file = `fd ${x.fd}`; }
  }
  const serverPauses = target.lines.slice(serverLines).flatMap((l) => (l.pause ? [l.pause] : []));

  // ---- report ----
  const s = (t) => ((t - t0) / 1000).toFixed(2);
  const lat = requests.map((q) => q.ms).sort((a, b) => a - b);
  console.log(`${ENGINE}${TEMPLATE ? ` on a copy of ${TEMPLATE}` : ', empty'}: ${RATE} req/s for ${SECONDS} s after ${WARM_SECONDS} s at the rate${FULL_SPEED_SECONDS ? ` and ${FULL_SPEED_SECONDS} s at full speed` : ''}${PERF ? '' : ' (no perf trace)'}`);
  console.log(`  DAMON page-out: ${damon}`);
  console.log(`  ${r.receipts} answered, ${r.errors} errors; p50 ${pct(lat, 50).toFixed(2)} p99 ${pct(lat, 99).toFixed(2)} p99.9 ${pct(lat, 99.9).toFixed(2)} max ${lat.at(-1).toFixed(1)} ms`);
  const slices = [];
  for (let i = 0; i < SECONDS / 20; i++) {
    const l = requests.filter((q) => q.at >= t0 + i * 20_000 && q.at < t0 + (i + 1) * 20_000).map((q) => q.ms).sort((a, b) => a - b);
    if (l.length) slices.push(`${pct(l, 99).toFixed(1)}/${l.at(-1).toFixed(0)}`);
  }
  console.log(`  p99/max per 20 s: ${slices.join('  ')}`);
  const last = samples.at(-1);
  console.log(`  machine over the run: ${(last.flushes - samples[0].flushes)} flushes, ${((last.flushMs - samples[0].flushMs) / Math.max(1, last.flushes - samples[0].flushes)).toFixed(2)} ms each; ` +
    `${last.discards - samples[0].discards} discards; io pressure full ${((last.ioFullMs - samples[0].ioFullMs) / 1000).toFixed(2)} s; ` +
    `client pauses ${clientPauses.length}, server pauses ${serverPauses.length}, syscalls ≥ ${SYSCALL_MS} ms ${syscalls.length}; ` +
    `major faults: client ${last.clientFaults - samples[0].clientFaults}, server ${last.serverFaults - samples[0].serverFaults}, machine ${last.faults - samples[0].faults}`);
  if (shm !== null) {
    // Frames written: each sample's growth, or after the WAL started over, all it holds.
    let restarts = 0;
    let frames = 0;
    for (let i = 1; i < samples.length; i++) {
      const [a, b] = [samples[i - 1].walFrames, samples[i].walFrames];
      // (A read of the header while it is being written can show fewer frames than the last.)
      const restarted = b < a / 2;
      if (restarted) restarts++;
      frames += restarted ? b : Math.max(0, b - a);
    }
    const passes = passSizes(samples).sort((x, y) => x - y);
    console.log(`  WAL: ${Math.round(frames / SECONDS)} frames/s, started over ${restarts} times (seen every 20 ms), at most ${Math.max(...samples.map((x) => x.walFrames))} frames; ` +
      `frames copied per 20 ms by the checkpoints, when any: median ${pct(passes, 50)}, p99 ${pct(passes, 99)}, max ${passes.at(-1)}`);
  }
  const syscallSource = (x) => `${names.get(x.tid) ?? `${x.comm}/${x.tid}`} ${x.call} ${x.file}`;
  const bySource = new Map();
  for (const x of syscalls) {
    const k = syscallSource(x);
    const v = bySource.get(k) ?? [];
    v.push(x.ms);
    bySource.set(k, v);
  }
  for (const [k, v] of bySource) console.log(`    ${k}: ${v.length} ≥ ${SYSCALL_MS} ms, max ${Math.max(...v).toFixed(1)} ms`);

  // Runs of slow requests: a slow request within 100 ms of the previous run's end joins it.
  const runs = [];
  for (const q of requests) {
    if (q.ms < STALL_MS) continue;
    const end = q.at + q.ms;
    const run = runs.at(-1);
    if (run && q.at <= run.end + 100) {
      run.end = Math.max(run.end, end);
      run.n++;
      run.max = Math.max(run.max, q.ms);
    } else runs.push({ start: q.at, end, n: 1, max: q.ms });
  }
  console.log(`\n  ${runs.length} runs of requests ≥ ${STALL_MS} ms:`);
  const overlapping = (list, a, b) => list.filter((x) => x.at <= b && x.at + x.ms >= a);
  const around = (a, b) => {
    const before = samples.findLast((x) => x.at <= a) ?? samples[0];
    const after = samples.find((x) => x.at >= b) ?? samples.at(-1);
    const within = samples.filter((x) => x.at >= a && x.at <= b);
    const flushes = after.flushes - before.flushes;
    return `io full ${(after.ioFullMs - before.ioFullMs).toFixed(0)} ms, ${after.writes - before.writes} writes (${((after.writeMs - before.writeMs) / Math.max(1, after.writes - before.writes)).toFixed(1)} ms each), ${flushes} flushes (${flushes ? ((after.flushMs - before.flushMs) / flushes).toFixed(1) : '-'} ms each), ${after.discards - before.discards} discards; ` +
      `${shm === null ? '' : `largest pass ${Math.max(0, ...passSizes([before, ...within, after]))} frames; `}` +
      `${shm === null ? '' : `WAL ${before.walFrames} → ${within.length ? `${Math.min(...within.map((x) => x.walFrames))}..${Math.max(...within.map((x) => x.walFrames))} → ` : ''}${after.walFrames} frames; `}` +
      `writeback ≤ ${Math.max(0, ...within.map((x) => x.writebackMb)).toFixed(1)} MB, dirty ≤ ${Math.max(0, ...within.map((x) => x.dirtyMb)).toFixed(1)} MB, in flight ≤ ${Math.max(0, ...within.map((x) => x.inFlight))}; ` +
      `major faults: client ${after.clientFaults - before.clientFaults}, server ${after.serverFaults - before.serverFaults}, machine ${after.faults - before.faults}`;
  };
  for (const run of runs) {
    const a = run.start - 20;
    const b = run.end;
    console.log(`  +${s(run.start)} s: ${run.n} requests, max ${run.max.toFixed(1)} ms, over ${(run.end - run.start).toFixed(0)} ms`);
    // Each as what it was, its length and its start in ms from the run's first slow request.
    const list = (label, events, what) => {
      if (events.length) console.log(`      ${label}: ${events.map((x) => `${what(x)} ${x.ms.toFixed(1)} ms at ${(x.at - run.start).toFixed(0)}`).join(', ')}`);
    };
    const pause = (x) => `${x.kind}${x.gc !== undefined ? `(gc ${x.gc})` : ''}`;
    list('client', overlapping(clientPauses, a, b), pause);
    list('server', overlapping(serverPauses, a, b), pause);
    list('syscalls', overlapping(syscalls, a, b), syscallSource);
    console.log(`      machine: ${around(a, b)}`);
  }
} finally {
  if (shm !== null) closeSync(shm);
  if (target) await stopTarget(target);
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
