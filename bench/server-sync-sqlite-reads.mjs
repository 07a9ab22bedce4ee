#!/usr/bin/env node
// How many pages SQLite reads from the OS per lookup an ingest makes for a returning visitor (not
// a test): on a copy of a loaded file, with the server's 16 MB page cache (or --cache-kb), for
// subjects active in the file's last 30 days (once per receipt, as receipts come), it runs the three reads of ingest's lock step
// (storage/ingest-sql.ts) for one subject at a time: its row, the duplicate check of a receipt id it
// does not have, and its active links. It counts read calls around each (/proc/self/io syscr) over
// the second half of --lookups (the first half fills the cache), and lists each B-tree's interior
// and leaf pages (dbstat). Each statement here is a transaction of its own, whose start reads about
// one page as well; in an ingest they share one transaction.
//
//   node bench/server-sync-sqlite-reads.mjs --file <sqlite file> [--cache-kb 16384] [--lookups 20000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './cli-args.mjs';
import { S, copyDatabaseFile, recentSubjects } from './server-sync-dataset.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FILE = option('file', '');
const CACHE_KB = Number(option('cache-kb', '16384'));
const LOOKUPS = Number(option('lookups', '20000'));
if (!FILE) {
  console.error('usage: node bench/server-sync-sqlite-reads.mjs --file <sqlite file> [--cache-kb 16384] [--lookups 20000]');
  process.exit(2);
}
const { default: Database } = await import(join(here, '../packages/server-sync/node_modules/better-sqlite3/lib/index.js'));

const scratch = mkdtempSync(join(tmpdir(), 'bench-reads-'));
try {
  const copy = join(scratch, 'reads.db');
  copyDatabaseFile(FILE, copy);
  const recent = await recentSubjects(S.openSqlite({ file: copy }));
  const db = new Database(copy);
  db.pragma('journal_mode = WAL');
  db.pragma(`cache_size = -${CACHE_KB}`);
  const readCalls = () => Number(/syscr: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
  const lookups = {
    'subject row': db.prepare('SELECT seq, head_hash, latest_client_ms FROM subjects WHERE subject_id = ?'),
    'duplicate check': db.prepare('SELECT subject_id FROM receipts WHERE subject_id = ? AND receipt_id = ?'),
    'active links': db.prepare('SELECT DISTINCT subject_id FROM links WHERE subject_id = ? AND revoked_ms IS NULL'),
  };
  const reads = Object.fromEntries(Object.keys(lookups).map((k) => [k, 0]));
  for (let i = 0; i < LOOKUPS; i++) {
    if (i === LOOKUPS / 2) for (const k of Object.keys(reads)) reads[k] = 0;
    const subject = recent.at(Math.floor(Math.random() * recent.length));
    for (const [name, stmt] of Object.entries(lookups)) {
      const before = readCalls();
      stmt.get(...(name === 'duplicate check' ? [subject, `absent-${i}`] : [subject]));
      reads[name] += readCalls() - before;
    }
  }
  console.log(`${FILE}: ${new Set(recent).size} subjects active in the last 30 days; ${CACHE_KB} KB page cache; read calls per lookup over the last ${LOOKUPS / 2} lookups:`);
  for (const [name, n] of Object.entries(reads)) console.log(`  ${name}: ${(n / (LOOKUPS / 2)).toFixed(2)}`);
  const pages = db.prepare(`SELECT name, pagetype, COUNT(*) AS pages FROM dbstat
    WHERE pagetype IN ('internal', 'leaf') GROUP BY name, pagetype ORDER BY name, pagetype`).all();
  console.log('B-tree pages (dbstat):');
  for (const p of pages) console.log(`  ${p.name} ${p.pagetype}: ${p.pages}`);
  db.close();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
