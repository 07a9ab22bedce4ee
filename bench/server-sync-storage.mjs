#!/usr/bin/env node
// Storage-only ingest cost as the tables fill (not a test): the same `Storage.ingest` the HTTP
// server calls, without HTTP, on SQLite (WAL, synchronous=FULL) and a throwaway PostgreSQL 15
// cluster (fsync on). For each slice of receipts it reports the wall time and CPU time (this
// Node process, and PostgreSQL's postmaster with its backends) of one-receipt ingests and of
// 480-receipt ingests (a busy group commit). A cost that grows with the table is a plan or an
// index gone wrong: a cached generic plan that scanned all receipts was found this way.
//
//   pnpm exec rollup -c && node bench/server-sync-storage.mjs [--slices 6] [--only sqlite,postgres]
//   BENCH_LIB=<module> measures another build of @assent/server-sync.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './pg-cluster.mjs';
import { cpuMs } from './proc-cpu.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SLICES = Number(opt('slices', '6'));
const ONLY = opt('only', 'sqlite,postgres').split(',');
const BIG = 480;
const BIG_PER_SLICE = 20;
const SINGLE_PER_SLICE = 500;

const { openStorage } = await import(process.env.BENCH_LIB ?? '../packages/server-sync/dist/index.js');
const secret = Buffer.alloc(32, 1);
const keys = { current: { id: 'bench', secret }, byId: new Map([['bench', { id: 'bench', secret }]]), joinSecret: Buffer.alloc(32, 2) };

// Receipts as the HTTP layer hands them over once validated (spread over 2,000 subjects).
const SUBJECTS = Array.from({ length: 2000 }, () => randomBytes(16).toString('hex'));
let subjectAt = 0;
function prepared() {
  const now = new Date();
  const receipt = {
    schemaVersion: 'assent-receipt/1', receiptId: randomUUID(), subjectId: SUBJECTS[subjectAt++ % SUBJECTS.length], previousReceiptId: null,
    event: { type: 'given', method: 'accept-all', clientTime: now.toISOString() },
    jurisdiction: { region: 'FR', regime: 'EEA', model: 'opt-in', source: 'attribute' },
    policyVersion: 'bench', notice: { language: 'fr', hash: 'a'.repeat(64) },
    purposes: {
      necessary: { granted: true, basis: 'necessary' }, functional: { granted: true, basis: 'consent' },
      analytics: { granted: true, basis: 'consent' }, advertising: { granted: true, basis: 'consent' },
    },
    services: { 'web-stats': { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false } },
    validity: { expiresAt: new Date(now.getTime() + 180 * 86_400_000).toISOString() },
    signals: { gpc: { value: false, honoured: false }, dnt: { value: false, honoured: false }, declaredMinor: false },
    client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/pricing', browser: 'Chrome', uiLanguage: 'fr' },
  };
  return { receipt, noticeText: null, clientMs: now.getTime() };
}
const ctx = () => ({ now: new Date(), policyVersion: 'bench' });

/** Wall and CPU µs per ingest of `run()` repeated `n` times. */
async function timed(n, size, storage, pgPid) {
  const own0 = process.cpuUsage();
  const pg0 = pgPid ? cpuMs(pgPid, true) : NaN;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await storage.ingest(Array.from({ length: size }, prepared), ctx());
  const wall = ((performance.now() - t0) * 1000) / n;
  const own = process.cpuUsage(own0);
  return { wall, node: (own.user + own.system) / n, pg: pgPid ? ((cpuMs(pgPid, true) - pg0) * 1000) / n : NaN };
}

const f = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const rows = [];
async function measure(name, target, pgPid) {
  const storage = await openStorage(target, keys);
  try {
    let stored = 0;
    for (let slice = 0; slice < SLICES; slice++) {
      const big = await timed(BIG_PER_SLICE, BIG, storage, pgPid);
      const one = await timed(SINGLE_PER_SLICE, 1, storage, pgPid);
      stored += BIG_PER_SLICE * BIG + SINGLE_PER_SLICE;
      rows.push(`| ${name} | ${f(stored)} | ${f(one.wall)} / ${f(one.node)} / ${f(one.pg)} | ${f(big.wall / 1000)} / ${f(big.node / BIG)} / ${f(big.pg / BIG)} |`);
    }
  } finally {
    await storage.close();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-storage-'));
let cluster;
try {
  if (ONLY.includes('sqlite')) await measure('SQLite (WAL, synchronous=FULL)', { kind: 'sqlite', file: join(scratch, 'bench.db') });
  if (ONLY.includes('postgres')) {
    cluster = startPostgres();
    await measure('PostgreSQL 15 (fsync on)', { kind: 'postgres', url: cluster.url, poolSize: 4 }, cluster.pid());
  }
} finally {
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log([
  `Node ${process.version}; ${BIG_PER_SLICE} ingests of ${BIG} receipts then ${SINGLE_PER_SLICE} of one receipt per slice, over 2,000 subjects.`,
  '',
  '| engine | receipts stored after the slice | 1 receipt per ingest: wall µs / Node CPU µs / PostgreSQL CPU µs | 480 per ingest: wall ms / Node CPU µs per receipt / PostgreSQL CPU µs per receipt |',
  '| --- | --- | --- | --- |',
  ...rows,
].join('\n'));
