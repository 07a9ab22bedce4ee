/**
 * The small SQL surface both engines share. Statements are written once with `?` placeholders in
 * the SQL both SQLite and PostgreSQL accept; each driver adapts placeholders, locking and retries.
 */

/**
 * A value bound to a placeholder. Booleans are stored as 0/1, times as epoch milliseconds, hashes
 * and signatures as bytes (BYTEA, SQLite BLOB). String arrays only come from `inList` on PostgreSQL.
 */
export type SqlValue = string | number | null | Uint8Array | readonly string[];

/** Runs statements on one connection. */
export interface SqlExecutor {
  /** Rows of a query (or of a statement with RETURNING). */
  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one statement once per parameter list, in order; resolves to the rows changed in all. */
  runEach(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
}

/** How a write transaction is run. */
export interface TransactionOptions {
  /**
   * Housekeeping (a retention purge): work that may be lost in a crash and is simply done again
   * at the next run. SQLite's single writer runs it only while no request waits, never right after
   * other housekeeping (write-queue.ts), and commits it without an fsync of its own: the next
   * request's commit makes it durable with itself. PostgreSQL ignores it.
   */
  housekeeping?: boolean;
}

/** One storage engine. */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one write transaction and commits it; a failure rolls everything back.
   * Transient conflicts (PostgreSQL deadlock or serialization failure) rerun `fn` from the start.
   * Statements `fn` issues without awaiting them still belong to the transaction (PostgreSQL sends
   * them, and the COMMIT behind them, in one round trip): it commits only if every one succeeded.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** Reads that see committed data only. */
  readonly read: SqlExecutor;
  /** Runs several reads against one consistent snapshot of committed data. */
  snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * A single statement whose effect needs no durability (rate-limit counters): on PostgreSQL it
   * runs on the pool against an unlogged table; on SQLite it joins the writer's queue.
   */
  volatileWrite<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Suffix that locks selected rows until commit (`FOR UPDATE` on PostgreSQL; SQLite's writer lock already covers it). */
  readonly forUpdate: string;
  /** Serializes writers of the link event feed so its ids commit in order (no-op on SQLite's single writer). */
  lockEventFeed(tx: SqlExecutor): Promise<void>;
  /**
   * `head VALUES (row) tail` for many rows, in order: multi-row statements on PostgreSQL (one round
   * trip per chunk), one prepared single-row statement per row on SQLite (no per-batch SQL to parse).
   * Resolves to the RETURNING rows, if `tail` has a RETURNING clause.
   */
  insertRows<T extends object>(tx: SqlExecutor, head: string, width: number, rows: readonly SqlValue[][], tail?: string): Promise<T[]>;
  /** A condition `column IN (values)` whose SQL does not depend on how many values there are. */
  inList(column: string, values: readonly string[]): { sql: string; params: SqlValue[] };
  /**
   * A row source `pairs(a, b)` of string pairs, to join on both columns of an index: each pair is
   * then one probe (`x IN … AND y IN …` would probe every combination of the two lists), and its
   * SQL does not depend on how many pairs there are.
   */
  pairs(values: readonly (readonly [string, string])[]): { sql: string; params: SqlValue[] };
  close(): Promise<void>;
}

/**
 * Hands statements to the transaction to check at COMMIT instead of awaiting them here: on
 * PostgreSQL they leave in the same write as the COMMIT (one round trip for all of them), SQLite
 * runs them as they are issued. The transaction commits only if every one of them succeeded
 * (`trackStatements`), so nothing after this call may depend on their results. This is the one
 * place where a statement is issued and deliberately not awaited.
 */
export function checkAtCommit(statements: Promise<unknown>): void {
  // Its failure is reported by the transaction's commit, never as an unhandled rejection.
  statements.catch(() => undefined);
}

/**
 * Wraps a transaction's executor so it remembers every statement issued through it: `settled()`
 * waits until all of them have settled, then resolves if they all succeeded, and rejects with the
 * first failure otherwise, also for statements nobody awaited.
 */
export function trackStatements(ex: SqlExecutor): { tx: SqlExecutor; settled(): Promise<void> } {
  // Only whether statements succeeded is kept, not their rows: a long transaction (a migration
  // reading 10M receipts a page at a time) would otherwise hold every page it read until it commits.
  let pending = 0;
  let failed = false;
  let failure: unknown;
  let waiting: (() => void)[] = [];
  const done = () => {
    if (--pending > 0) return;
    const wake = waiting;
    waiting = [];
    for (const resolve of wake) resolve();
  };
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending++;
    // Reported by settled(), never as an unhandled rejection.
    p.then(done, (err: unknown) => {
      if (!failed) {
        failed = true;
        failure = err;
      }
      done();
    });
    return p;
  };
  return {
    tx: {
      all: <T extends object>(sql: string, params?: readonly SqlValue[]) => track(ex.all<T>(sql, params)),
      run: (sql, params) => track(ex.run(sql, params)),
      runEach: (sql, rows) => track(ex.runEach(sql, rows)),
    },
    async settled() {
      if (pending > 0) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failed) throw failure;
    },
  };
}

const placeholderCache = new Map<number, string>();

/** `(?, ?, ?)` for n values. */
export function placeholders(n: number): string {
  let s = placeholderCache.get(n);
  if (s === undefined) {
    s = `(${Array.from({ length: n }, () => '?').join(', ')})`;
    if (placeholderCache.size < 1024) placeholderCache.set(n, s);
  }
  return s;
}

/** Splits a list into chunks, to keep statements under the engines' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per multi-row statement: well under the engines' bound-parameter limits. */
export const ROWS_PER_STATEMENT = 200;
