#!/usr/bin/env node
// Which pages a SQLite commit writes (not a test): one server on an empty file or on a copy of a
// loaded one, single-receipt requests at full speed, then the server is killed and its WAL read.
// Every page a transaction changes goes to the WAL whole, and is flushed to disk with the commit
// and later copied into the database file by the checkpoint worker, so the pages per receipt are
// what the disk does per receipt. The WAL's frames (up to 16 MB of them: the generation since it
// last started over, and what the one before left past its end) are counted by the B-tree they
// belong to now (SQLite's dbstat), per commit.
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-wal-pages.mjs \
//     [--template <file>] [--warm 30000] [--requests 3000] [--connections 64] [--lib <index.js>]
//
// Receipts come as in bench/server-sync-io.mjs (70% for stored subjects, 30% new).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from '../packages/server-sync/node_modules/better-sqlite3/lib/index.js';
import { option } from './cli-args.mjs';
import { S, copyDatabaseFile, receiptBodies, recentSubjects, startTarget } from './server-sync-dataset.mjs';
import { groupCommits, pct, postMany } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TEMPLATE = option('template', '');
const WARM = Number(option('warm', '30000'));
const REQUESTS = Number(option('requests', '3000'));
const CONNECTIONS = Number(option('connections', '64'));
const LIB = resolve(option('lib', join(here, '../packages/server-sync/dist/index.js')));

/**
 * The WAL's whole commits: those since it last started over, and those of the generation before
 * that the last one has not overwritten (a commit counts from the first commit frame on).
 */
function walCommits(file) {
  const wal = readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const commits = [];
  let salt = null;
  let pages = null; // null until the generation's first commit frame: frames before it may be a commit's tail
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const frameSalt = `${wal.readUInt32BE(at + 8)}:${wal.readUInt32BE(at + 12)}`;
    if (frameSalt !== salt) {
      salt = frameSalt;
      pages = at === 32 ? [] : null;
    }
    const commit = wal.readUInt32BE(at + 4) !== 0;
    if (pages) pages.push(wal.readUInt32BE(at));
    if (commit) {
      if (pages) commits.push(pages);
      pages = [];
    }
  }
  return { commits, pageSize };
}

const body = receiptBodies(TEMPLATE ? { pool: await recentSubjects(S.openSqlite({ file: TEMPLATE })) } : { subjects: 0 });
const scratch = mkdtempSync(join(tmpdir(), 'bench-wal-'));
const file = join(scratch, 'server.db');
if (TEMPLATE) copyDatabaseFile(resolve(TEMPLATE), file);
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
try {
  const { child, port } = await startTarget('sqlite', file, { BENCH_LIB: LIB });
  await postMany(agent, port, WARM, CONNECTIONS, () => body(1));
  const b0 = await groupCommits(port);
  await postMany(agent, port, REQUESTS, CONNECTIONS, () => body(1));
  const b1 = await groupCommits(port);
  // Killed, not stopped: a clean close would checkpoint the WAL and remove it.
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
  agent.destroy();

  const { commits, pageSize } = walCommits(file);
  const wanted = new Set(commits.flat());
  const db = new Database(file);
  const owner = new Map();
  for (const row of db.prepare('SELECT name, pageno, pagetype FROM dbstat').iterate()) {
    if (wanted.has(row.pageno)) owner.set(row.pageno, `${row.name} (${row.pagetype})`);
  }
  db.close();
  const frames = commits.reduce((n, c) => n + c.length, 0);
  const perCommit = (b1[1] - b0[1]) / (b1[0] - b0[0]);
  const byTree = new Map();
  for (const p of commits.flat()) {
    const tree = owner.get(p) ?? 'not in any B-tree now';
    byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
  }
  // Where in the file they are: the checkpoint worker writes them there, and this disk flushes
  // beside writes spread over gigabytes more slowly than beside the same within a few megabytes.
  const pages = commits.flat().sort((x, y) => x - y);
  const mb = (p) => ((pct(pages, p) * pageSize) / 2 ** 20).toFixed(0);
  console.log(`${TEMPLATE ? `copy of ${TEMPLATE}` : 'empty file'}: ${WARM} requests of warm-up, then ${REQUESTS}; the WAL holds ${commits.length} whole commits, ${frames} frames`);
  console.log(`  ${(frames / commits.length).toFixed(1)} pages per commit; ${perCommit.toFixed(1)} receipts per commit over the ${REQUESTS} requests: about ${(frames / commits.length / perCommit).toFixed(2)} pages per receipt`);
  console.log(`  where in the file (MB from its start): p10 ${mb(10)}, p50 ${mb(50)}, p90 ${mb(90)}, last ${mb(100)}`);
  console.log('  | B-tree (page type) | pages per commit | per receipt |');
  console.log('  | --- | --- | --- |');
  for (const [tree, n] of [...byTree].sort((x, y) => y[1] - x[1])) {
    console.log(`  | ${tree} | ${(n / commits.length).toFixed(2)} | ${(n / commits.length / perCommit).toFixed(2)} |`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
