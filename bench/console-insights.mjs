#!/usr/bin/env node
// What a privacy-console page view costs the database (not a test): the insight counters of a
// year of traffic from 30 regions with all 8 methods on every day (87,600 rows, the most a year
// holds once the sweep has folded the PostgreSQL copies; today's and yesterday's copies add at
// most 2 × 30 × 8 × 7 more), read as the insights endpoint reads them, for 30 days and for the
// year, all regions and one country. The receipts table plays no part in it: the same read at 10
// thousand or 10 million receipts.
//
//   pnpm exec rollup -c && node bench/console-insights.mjs [--only sqlite,postgres] [--runs 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './pg-cluster.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const ONLY = opt('only', 'sqlite,postgres').split(',');
const RUNS = Number(opt('runs', '20'));

const { openStorage } = await import(process.env.BENCH_LIB ?? '../packages/server-sync/dist/index.js');
// The engines' drivers, as server-sync resolves them, to write the counter rows directly.
const serverRequire = createRequire(new URL('../packages/server-sync/package.json', import.meta.url));
const Database = serverRequire('better-sqlite3');
const pg = serverRequire('pg');

const secret = Buffer.alloc(32, 1);
const keys = { current: { id: 'bench', secret }, byId: new Map([['bench', { id: 'bench', secret }]]), joinSecret: Buffer.alloc(32, 2) };

const DAY = 86_400_000;
const END = Date.parse('2026-11-30T00:00:00.000Z');
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const REGIONS = ['FR', 'DE', 'GB', 'IT', 'ES', 'NL', 'BE', 'PL', 'SE', 'IE', 'CA', 'CA-QC', 'CA-ON', 'BR', 'VN', 'KR', 'SA', 'AE', 'JP', 'AU',
  'US', 'US-CA', 'US-TX', 'US-NY', 'US-VA', 'US-CO', 'US-CT', 'US-OR', 'US-WA', ''];
const METHODS = ['accept-all', 'reject-all', 'custom', 'gpc', 'regime-default', 'privacy-choices', 'withdrawal', 'api'];

/** One row per day × region × method, with counts in the range a busy site has. */
function* counterRows() {
  for (let d = 364; d >= 0; d--)
    for (const region of REGIONS)
      for (const method of METHODS) {
        const n = 50 + ((d * 7 + region.length * 13 + method.length) % 400);
        yield [day(END - d * DAY), region, method, 0, n, Math.floor(n * 0.7), Math.floor(n * 0.6), Math.floor(n * 0.4), method === 'gpc' ? n : 0];
      }
}

const INSERT = 'INSERT INTO insight_decisions (day, region, method, shard, receipts, functional, analytics, advertising, gpc)';

async function fillSqlite(file) {
  const db = new Database(file);
  const stmt = db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const row of counterRows()) stmt.run(...row);
  })();
  db.exec('ANALYZE');
  db.close();
}

async function fillPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = [...counterRows()];
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await client.query(`${INSERT} VALUES ${part.map((_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`).join(', ')}`, part.flat());
  }
  await client.query('VACUUM ANALYZE insight_decisions');
  await client.end();
}

const QUERIES = [
  ['30 days, all regions', { from: day(END - 29 * DAY), to: day(END), region: null }],
  ['30 days, US and its states', { from: day(END - 29 * DAY), to: day(END), region: 'US' }],
  ['365 days, all regions', { from: day(END - 364 * DAY), to: day(END), region: null }],
];

async function measure(name, target, fill) {
  const storage = await openStorage(target, keys);
  await storage.close();
  await fill();
  const s = await openStorage(target, keys);
  try {
    const out = [];
    for (const [label, query] of QUERIES) {
      await s.insights(query);
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await s.insights(query);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      out.push(`| ${name} | ${label} | ${times[Math.floor(RUNS / 2)].toFixed(1)} | ${times[RUNS - 1].toFixed(1)} |`);
    }
    return out;
  } finally {
    await s.close();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-console-'));
const rows = [];
let cluster;
try {
  if (ONLY.includes('sqlite')) {
    const file = join(scratch, 'insights.db');
    rows.push(...await measure('SQLite', { kind: 'sqlite', file }, () => fillSqlite(file)));
  }
  if (ONLY.includes('postgres')) {
    cluster = startPostgres();
    rows.push(...await measure('PostgreSQL 15', { kind: 'postgres', url: cluster.url }, () => fillPostgres(cluster.url)));
  }
} finally {
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`Node ${process.version}; 87,600 counter rows (365 days × 30 regions × 8 methods); ${RUNS} reads each.\n`);
console.log('| engine | page view | median ms | slowest ms |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
