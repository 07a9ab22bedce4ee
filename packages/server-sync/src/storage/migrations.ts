/**
 * Versioned schema migrations, applied in order on start. Never edit a released migration: append
 * one at the end of the list. Each statement is written once where both engines accept the same
 * SQL, and once per engine where they do not. Times are epoch milliseconds (BIGINT) in both
 * engines, so ordering and retention compare numbers.
 */
import type { SqlDriver, SqlExecutor } from './sql.js';

/** A statement both engines accept as written, or one text per engine where they differ. */
export type MigrationStatement = string | { sqlite: string; postgres: string };

export interface Migration {
  version: number;
  name: string;
  statements: readonly MigrationStatement[];
}

/** The statement for one engine. */
export const statementFor = (stmt: MigrationStatement, dialect: 'sqlite' | 'postgres'): string =>
  typeof stmt === 'string' ? stmt : stmt[dialect];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'receipts, notices, subjects, links, link events, tombstones, rate limits',
    statements: [
      `CREATE TABLE subjects (
         subject_id TEXT PRIMARY KEY,
         seq BIGINT NOT NULL,
         head_hash TEXT NOT NULL,
         created_ms BIGINT NOT NULL,
         latest_receipt_id TEXT,
         latest_client_ms BIGINT,
         latest_permits INTEGER,
         latest_expires_ms BIGINT,
         latest_policy TEXT
       )`,
      `CREATE TABLE receipts (
         receipt_id TEXT PRIMARY KEY,
         subject_id TEXT NOT NULL,
         seq BIGINT NOT NULL,
         server_ms BIGINT NOT NULL,
         body TEXT NOT NULL,
         notice_hash TEXT NOT NULL,
         prev_hash TEXT NOT NULL,
         hash TEXT NOT NULL,
         key_id TEXT NOT NULL,
         signature TEXT NOT NULL,
         UNIQUE (subject_id, seq)
       )`,
      'CREATE INDEX receipts_server_ms ON receipts (server_ms)',
      `CREATE TABLE notices (
         hash TEXT PRIMARY KEY,
         language TEXT NOT NULL,
         text TEXT NOT NULL,
         created_ms BIGINT NOT NULL
       )`,
      `CREATE TABLE links (
         link_id TEXT PRIMARY KEY,
         subject_id TEXT NOT NULL,
         join_key TEXT NOT NULL,
         created_ms BIGINT NOT NULL,
         consent_expires_ms BIGINT NOT NULL,
         policy_version TEXT NOT NULL,
         revoked_ms BIGINT,
         revoked_reason TEXT
       )`,
      'CREATE INDEX links_subject ON links (subject_id)',
      'CREATE INDEX links_join_key ON links (join_key)',
      // At most one active link per subject and account, whatever races happen.
      'CREATE UNIQUE INDEX links_one_active ON links (subject_id, join_key) WHERE revoked_ms IS NULL',
      {
        // Only the auto-increment key differs.
        sqlite: `CREATE TABLE link_events (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           type TEXT NOT NULL, at_ms BIGINT NOT NULL, link_id TEXT, subject_id TEXT, join_key TEXT, reason TEXT
         )`,
        postgres: `CREATE TABLE link_events (
           id BIGSERIAL PRIMARY KEY,
           type TEXT NOT NULL, at_ms BIGINT NOT NULL, link_id TEXT, subject_id TEXT, join_key TEXT, reason TEXT
         )`,
      },
      'CREATE INDEX link_events_subject ON link_events (subject_id)',
      'CREATE INDEX link_events_at ON link_events (at_ms)',
      `CREATE TABLE tombstones (
         tombstone_id TEXT PRIMARY KEY,
         erased_ms BIGINT NOT NULL,
         receipts INTEGER NOT NULL,
         links INTEGER NOT NULL
       )`,
      {
        sqlite: 'CREATE TABLE rate_limits (bucket TEXT NOT NULL, window_ms BIGINT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (bucket, window_ms))',
        // Counters need no durability: an unlogged table skips the WAL, so counting never waits for fsync.
        postgres: 'CREATE UNLOGGED TABLE rate_limits (bucket TEXT NOT NULL, window_ms BIGINT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (bucket, window_ms))',
      },
    ],
  },
];

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in the driver's transaction.
 * On PostgreSQL, instances starting together wait on an advisory lock, so each migration runs once.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return driver.transaction(async (tx: SqlExecutor) => {
    if (driver.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(7421001)');
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)',
    );
    const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const stmt of m.statements) await tx.run(statementFor(stmt, driver.dialect));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    return applied;
  });
}
