/**
 * PostgreSQL through a `pg` pool. Statements use `?` placeholders (rewritten to `$n`); BIGINT comes
 * back as a JavaScript number (every value we store is far below 2^53).
 */
import { createHash } from 'node:crypto';
import { Socket } from 'node:net';
import pg from 'pg';
import { classified, classifyPostgresError } from './unavailable.js';
import { chunks, placeholders, ROWS_PER_STATEMENT, trackStatements, type SqlDriver, type SqlExecutor, type SqlValue } from './sql.js';

/** Deadlock and serialization failures: the transaction can safely run again. */
const TRANSIENT = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;
const INT8_OID = 20;

const toDollar = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Inserts run as named prepared statements: each connection parses and plans one once, not on
 * every call (which cost more than the round trip itself for our multi-row statements), and an
 * insert's plan does not depend on what the tables hold. Names derive from the text, and texts are
 * few (statement kinds × row counts up to 200).
 *
 * Everything else (lookups, updates, deletes) is parsed and planned with its actual parameters on
 * every call. A named statement would get a cached generic plan after five calls, and one made
 * while a table was small scans it: the duplicate check `receipt_id = ANY($1)` took 100-230 ms per
 * commit a minute into a benchmark on a fresh database, until the next ANALYZE.
 */
const statements = new Map<string, { name?: string; text: string }>();
function statement(sql: string): { name?: string; text: string } {
  let st = statements.get(sql);
  if (!st) {
    const text = toDollar(sql);
    st = /^\s*INSERT\b/i.test(sql) ? { name: `assent_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text } : { text };
    if (statements.size < 5000) statements.set(sql, st);
  }
  return st;
}

/**
 * A pg client over a socket this module creates and hands to pg through its documented `stream`
 * option (a factory pg calls once per connection), so the executor can cork it; the pool builds
 * its connections with this class through its documented `Client` option. No private field of pg
 * is read.
 */
export class CorkingClient extends pg.Client {
  readonly socket: Socket;
  constructor(config?: pg.ClientConfig) {
    const socket = new Socket();
    super({ ...config, stream: () => socket });
    this.socket = socket;
    // A connection lost while checked out (server shutdown, network) also rejects its queries, and
    // the transaction that holds it reports that; without a listener the event would kill the process.
    this.on('error', () => undefined);
  }
}

interface Corkable {
  cork(): void;
  uncork(): void;
}
const socketOf = (client: pg.PoolClient): Corkable | null => (client instanceof CorkingClient ? client.socket : null);

/**
 * Queries on one connection. Everything issued in the same tick leaves in one write: pg writes
 * each query's messages separately, and on loopback those system calls were the server's largest
 * CPU cost per transaction (28% of its profile at 1,000 requests/s).
 */
function executor(q: pg.Pool | pg.PoolClient, socket: Corkable | null = null): SqlExecutor & { simple(text: string): Promise<pg.QueryResult> } {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket?.uncork();
  };
  const cork = () => {
    if (socket && !corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
  };
  const query = (sql: string, params: readonly SqlValue[]) => {
    cork();
    return q.query({ ...statement(sql), values: params as unknown[] });
  };
  return {
    async all<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async runEach(sql: string, rows: readonly (readonly SqlValue[])[]) {
      // Every row is issued before the first answer (pipelined).
      const counts = await Promise.all(rows.map((row) => query(sql, row).then((r) => r.rowCount ?? 0)));
      return counts.reduce((a, b) => a + b, 0);
    },
    /** A statement without parameters over the simple protocol (no parse, bind or describe). */
    simple(text: string) {
      cork();
      return q.query(text);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Pool size per instance (default 10). */
  max?: number;
  /**
   * Longest a statement may run, and longest a request waits for a connection, in ms (0: no
   * limit). PostgreSQL cancels a statement past it (`statement_timeout`); a connection that does
   * not answer for a second more is dropped (a partitioned network sends no error). Either way the
   * caller gets a StorageUnavailableError.
   */
  statementTimeoutMs?: number;
}

export function openPostgres(opts: PostgresOptions): SqlDriver {
  // Pipelined connections: statements issued without awaiting the previous one go out together,
  // so a transaction's BEGIN, its reads and its writes cost a round trip per dependency, not per
  // statement (an ingest is two: the locked reads, then every write with the COMMIT).
  const timeout = opts.statementTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString: opts.connectionString, max: opts.max ?? 10, types, pipeline: true, Client: CorkingClient, keepAlive: true,
    ...(timeout > 0 ? { statement_timeout: timeout, query_timeout: timeout + 1000, connectionTimeoutMillis: timeout } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const pooled = executor(pool);
  const read: SqlExecutor = {
    all: (sql, params) => classified(classifyPostgresError, () => pooled.all(sql, params)),
    run: (sql, params) => classified(classifyPostgresError, () => pooled.run(sql, params)),
    runEach: (sql, rows) => classified(classifyPostgresError, () => pooled.runEach(sql, rows)),
  };
  return {
    dialect: 'postgres',
    forUpdate: ' FOR UPDATE',
    read,
    async lockEventFeed(tx) {
      // Event ids come from a sequence; taking this lock before inserting makes them commit in id
      // order, so a reader paging with `since=` never skips an event that commits late.
      await tx.all('SELECT pg_advisory_xact_lock(7421002)');
    },
    async insertRows<T extends object>(tx: SqlExecutor, head: string, width: number, rows: readonly SqlValue[][], tail = '') {
      // Every chunk is issued before the first answer: one round trip on a pipelined connection.
      const parts = chunks(rows, ROWS_PER_STATEMENT).map((part) =>
        tx.all<T>(`${head} VALUES ${part.map(() => placeholders(width)).join(', ')} ${tail}`, part.flat()));
      return (await Promise.all(parts)).flat();
    },
    inList: (column, values) => ({ sql: `${column} = ANY(?)`, params: [values] }),
    // unnest's row estimate is the arrays' length (the statement is planned with its parameters), so
    // the pairs drive a nested loop over the index, whatever the table holds.
    pairs: (values) => ({
      sql: 'unnest(?::text[], ?::text[]) AS pairs(a, b)', params: [values.map((p) => p[0]), values.map((p) => p[1])],
    }),
    snapshot: (fn) => classified(classifyPostgresError, () => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn)),
    transaction: (fn) => classified(classifyPostgresError, () => inTransaction('BEGIN', fn)),
    volatileWrite: (sql, params) => read.all(sql, params),
    async close() {
      await pool.end();
    },
  };

  async function inTransaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      const ex = executor(client, socketOf(client));
      const { tx, settled } = trackStatements(ex);
      try {
        // Over the simple protocol (no parse, bind or describe); pipelined with what `fn` issues.
        const begun = ex.simple(begin);
        begun.catch(() => undefined);
        const result = await fn(tx);
        // What `fn` issued without awaiting is still in flight: COMMIT goes out behind it, in the
        // same write when issued in the same tick. After a failed statement PostgreSQL answers
        // COMMIT with ROLLBACK; that failure is the error.
        const commit = ex.simple('COMMIT');
        commit.catch(() => undefined);
        await begun;
        await settled();
        if ((await commit).command !== 'COMMIT') throw new Error('PostgreSQL rolled the transaction back at COMMIT');
        client.release();
        return result;
      } catch (err) {
        // A connection that cannot even roll back is broken: drop it from the pool.
        await settled().catch(() => undefined);
        const broken = await client.query('ROLLBACK').then(() => false, () => true);
        client.release(broken);
        const code = (err as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !TRANSIENT.has(code)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
}
