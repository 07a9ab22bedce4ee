/**
 * SQLite through better-sqlite3: one writer connection (WAL, synchronous=FULL: a commit is on disk
 * before it returns) and one reader connection that only ever sees committed data.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startCheckpointer, WAL_RESTART, type Checkpointer, type WalRestart } from './sqlite-checkpointer.js';
import { classified, classifySqliteError } from './unavailable.js';
import { placeholders, trackStatements, type SqlDriver, type SqlExecutor, type SqlValue } from './sql.js';
import { writeQueue, type WriteQueue } from './write-queue.js';

type Db = InstanceType<typeof Database>;
type Stmt = Database.Statement<unknown[], unknown>;

const STATEMENT_CACHE = 256;

/** An executor over one connection with a bounded prepared-statement cache. */
function executor(db: Db): SqlExecutor {
  const cache = new Map<string, Stmt>();
  const prepare = (sql: string): Stmt => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= STATEMENT_CACHE) cache.clear();
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    async all<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...(params as SqlValue[])) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const stmt = prepare(sql);
      const args = params as SqlValue[];
      return stmt.reader ? stmt.all(...args).length : stmt.run(...args).changes;
    },
    async runEach(sql: string, rows: readonly (readonly SqlValue[])[]) {
      // One prepared statement, run synchronously per row: no promise per row.
      const stmt = prepare(sql);
      let changes = 0;
      for (const row of rows) changes += stmt.run(...(row as SqlValue[])).changes;
      return changes;
    },
  };
}

async function inTransaction<T>(db: Db, begin: string, ex: SqlExecutor, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  db.exec(begin);
  const { tx, settled } = trackStatements(ex);
  try {
    const result = await fn(tx);
    await settled();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** What every driver on one file in this process shares: the write queue and the checkpoint worker. */
interface SharedFile {
  writes: WriteQueue;
  checkpointer: Checkpointer;
  drivers: number;
}
const sharedFiles = new Map<string, SharedFile>();

export interface SqliteOptions {
  /** Database file; its directory is created when missing. `:memory:` keeps everything in memory (nothing durable). */
  file: string;
  /** `FULL` (default) makes every commit durable; `NORMAL` may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Longest a statement waits for the database lock held by another process, in ms (default
   * 5,000); past it the caller gets a StorageUnavailableError. better-sqlite3 waits synchronously,
   * so this also bounds how long the event loop can stall on a lock.
   */
  busyTimeoutMs?: number;
  /**
   * When the checkpoint worker briefly holds back commits so that the WAL can start over
   * (sqlite-checkpointer.ts; default WAL_RESTART). SQLite's own checkpoint inside a commit stays
   * as a backstop at twice `maxPages`. For tests; the default suits a server.
   */
  walRestart?: Partial<WalRestart>;
}

export function openSqlite(opts: SqliteOptions): SqlDriver {
  // `:memory:` (tests, throwaway demos): one connection, nothing durable, reads queued with writes.
  const memory = opts.file === ':memory:';
  if (!memory) mkdirSync(dirname(opts.file), { recursive: true });
  const writerDb = new Database(opts.file);
  if (!memory) writerDb.pragma('journal_mode = WAL');
  const synchronous = opts.synchronous ?? 'FULL';
  writerDb.pragma(`synchronous = ${synchronous}`);
  const busyTimeout = Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000));
  writerDb.pragma(`busy_timeout = ${busyTimeout}`);
  // A 16 MB page cache: larger ones cost more CPU per receipt, not less. On a 10M-receipt file
  // (bench/server-sync-ab.mjs --sqlite-template), 64 MB took 3-10% more for single receipts and
  // 11% more for batches of 50, 256 MB 18% more; on an empty file 64 MB was even for single
  // receipts and 4% dearer for batches. (Measured on the WITHOUT ROWID receipts before migration 9;
  // after it, 64 MB saved one read call per receipt at 10M for CPU within the runs' spread,
  // bench/server-sync-io.mjs; 1 GB on schema version 10: 3.4 read calls per receipt at 10M
  // instead of 5.5 for CPU per receipt no lower, and 7-12% more CPU on an empty file.) Pages it
  // misses come from the OS's page cache. Checkpoints run in a worker thread, which also lets the
  // WAL start over (sqlite-checkpointer.ts), not inside our commits: SQLite's auto-checkpoint
  // stays only as a backstop, should the worker fall behind past twice the WAL's largest size.
  writerDb.pragma('cache_size = -16384');
  const walRestart: WalRestart = { ...WAL_RESTART, ...opts.walRestart };
  writerDb.pragma(`wal_autocheckpoint = ${2 * walRestart.maxPages}`);
  const readerDb = memory ? writerDb : new Database(opts.file);
  readerDb.pragma(`busy_timeout = ${busyTimeout}`);
  const writer = executor(writerDb);
  // Housekeeping commits without an fsync: in WAL mode frames are appended in order, so the next
  // FULL commit's fsync makes them durable with its own, and a crash before it only loses work the
  // next purge redoes. A purge slice's fsync, on the event loop, was up to 70 ms while the
  // checkpoint worker was writing the database file.
  const housekeeping = async <T>(job: () => Promise<T>): Promise<T> => {
    if (synchronous === 'NORMAL') return job();
    writerDb.pragma('synchronous = NORMAL');
    try {
      return await job();
    } finally {
      writerDb.pragma(`synchronous = ${synchronous}`);
    }
  };

  // better-sqlite3 is synchronous, but a transaction body awaits between statements: a queue keeps
  // a second transaction from interleaving with it. The write queue is shared by every driver on
  // the same file in this process: a second writer would otherwise block the event loop in
  // busy_timeout while the first waits on that same loop to commit. So is the checkpoint worker,
  // whose pauses must hold back every writer of the file, one at a time.
  const key = memory ? null : resolve(opts.file);
  let shared = key ? sharedFiles.get(key) : undefined;
  if (key && !shared) {
    const queue = writeQueue();
    shared = { writes: queue, checkpointer: startCheckpointer(key, (job) => queue.runBackground(job), walRestart), drivers: 0 };
    sharedFiles.set(key, shared);
  }
  if (shared) shared.drivers++;
  const writes = shared?.writes ?? writeQueue();
  const snapshots = memory ? writes : writeQueue();
  const reads = memory ? null : executor(readerDb);
  const read = <T>(job: (ex: SqlExecutor) => Promise<T>): Promise<T> =>
    classified(classifySqliteError, () => (reads ? job(reads) : writes.run(() => job(writer))));
  const reader: SqlExecutor = {
    all: (sql, params) => read((ex) => ex.all(sql, params)),
    run: (sql, params) => read((ex) => ex.run(sql, params)),
    runEach: (sql, rows) => read((ex) => ex.runEach(sql, rows)),
  };

  let closed = false;
  return {
    dialect: 'sqlite',
    forUpdate: '',
    read: reader,
    async lockEventFeed() {},
    async insertRows<T extends object>(tx: SqlExecutor, head: string, width: number, rows: readonly SqlValue[][], tail = '') {
      // Every row's statement runs as it is issued (better-sqlite3 is synchronous), in order.
      const sql = `${head} VALUES ${placeholders(width)} ${tail}`;
      if (!/\bRETURNING\b/i.test(tail)) {
        await tx.runEach(sql, rows);
        return [];
      }
      return (await Promise.all(rows.map((row) => tx.all<T>(sql, row)))).flat();
    },
    inList: (column, values) => ({ sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] }),
    pairs: (values) => ({ sql: '(SELECT value ->> 0 AS a, value ->> 1 AS b FROM json_each(?)) AS pairs', params: [JSON.stringify(values)] }),
    transaction: (fn, opts) =>
      classified(classifySqliteError, () =>
        opts?.housekeeping
          ? writes.runBackground(() => housekeeping(() => inTransaction(writerDb, 'BEGIN IMMEDIATE', writer, fn)))
          : writes.run(() => inTransaction(writerDb, 'BEGIN IMMEDIATE', writer, fn))),
    snapshot: (fn) => classified(classifySqliteError, () => snapshots.run(() => inTransaction(readerDb, 'BEGIN', reads ?? writer, fn))),
    volatileWrite: (sql, params) => classified(classifySqliteError, () => writes.run(() => writer.all(sql, params))),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([writes.idle(), snapshots.idle()]);
      // The last driver on the file stops the worker before closing, so that its own close can
      // checkpoint the whole WAL and remove it.
      if (key && shared && --shared.drivers === 0) {
        sharedFiles.delete(key);
        await shared.checkpointer.stop();
      }
      if (!memory) readerDb.close();
      writerDb.close();
    },
  };
}
