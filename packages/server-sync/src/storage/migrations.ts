/**
 * Versioned schema migrations, applied in order on start. Never edit a released migration: append
 * one at the end of the list. Each statement is written once where both engines accept the same
 * SQL, and once per engine where they do not. Times are epoch milliseconds (BIGINT) in both
 * engines, so ordering and retention compare numbers.
 */
import { backfillInsights } from './insights.js';
import type { SqlDriver, SqlExecutor } from './sql.js';

/**
 * A statement both engines accept as written, or one text per engine where they differ (an engine
 * without a text skips that step), or a step written in TypeScript (data SQL cannot compute, such
 * as counts over compressed receipt bodies), run in the migration's transaction.
 */
export type MigrationStatement = string | { sqlite?: string; postgres?: string } | { run: (driver: SqlDriver, tx: SqlExecutor) => Promise<void> };

export interface Migration {
  version: number;
  name: string;
  statements: readonly MigrationStatement[];
}

/** The statement for one engine. */
export const statementFor = (stmt: MigrationStatement, dialect: 'sqlite' | 'postgres'): string | undefined =>
  typeof stmt === 'string' ? stmt : 'run' in stmt ? undefined : stmt[dialect];

/** The receipts' columns since version 3, as SQLite's rebuilds of the table (versions 7 and 9) declare them. Never change. */
const SQLITE_RECEIPT_COLUMNS = `seq BIGINT NOT NULL,
           server_ms BIGINT NOT NULL,
           subject_id TEXT NOT NULL,
           receipt_id TEXT NOT NULL,
           key_id TEXT NOT NULL,
           notice_hash BYTEA,
           prev_hash BYTEA NOT NULL,
           hash BYTEA NOT NULL,
           signature BYTEA NOT NULL,
           body BYTEA NOT NULL,
           canonicalization TEXT NOT NULL DEFAULT 'js-sorted-keys',`;
const RECEIPT_COLUMN_NAMES = 'seq, server_ms, subject_id, receipt_id, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization';

/**
 * SQLite cannot change a table's key: the statements that rebuild receipts under `key` (the
 * definition's end), copying the rows in `order`, and put back the `server_ms` index.
 */
const sqliteReceiptsRebuild = (version: number, key: string, order: string): MigrationStatement[] => [
  { sqlite: `CREATE TABLE receipts_v${version} (\n           ${SQLITE_RECEIPT_COLUMNS}\n           ${key}` },
  { sqlite: `INSERT INTO receipts_v${version} (${RECEIPT_COLUMN_NAMES}) SELECT ${RECEIPT_COLUMN_NAMES} FROM receipts${order}` },
  { sqlite: 'DROP TABLE receipts' },
  { sqlite: `ALTER TABLE receipts_v${version} RENAME TO receipts` },
  { sqlite: 'CREATE INDEX receipts_server_ms ON receipts (server_ms)' },
];

/** Hex text to bytes, in each engine's words. */
const unhex = (column: string): { sqlite: string; postgres: string } => ({ sqlite: `unhex(${column})`, postgres: `decode(${column}, 'hex')` });

/** One statement from a template whose engine-specific parts are given per engine. */
function perEngine(parts: TemplateStringsArray, ...values: (string | { sqlite: string; postgres: string })[]): { sqlite: string; postgres: string } {
  const build = (dialect: 'sqlite' | 'postgres') =>
    parts.reduce((sql, part, i) => {
      const v = values[i - 1] as string | { sqlite: string; postgres: string };
      return sql + (typeof v === 'string' ? v : v[dialect]) + part;
    });
  return { sqlite: build('sqlite'), postgres: build('postgres') };
}

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
  {
    version: 2,
    name: 'compact receipts and subjects: bytes for hashes, compressed bodies, rows clustered by subject',
    // Where 2 KB per receipt went (PostgreSQL, 100,000 receipts over 37,000 subjects): 1,160 bytes of
    // JSON body, 4 hashes and a signature as 64-character hex (330 bytes), a second unique index on
    // receipt_id (78 bytes per receipt) beside (subject_id, seq) (89 bytes), and subject rows
    // carrying the latest receipt's id. Now: bodies compressed (receipt-body.ts; rows already
    // stored keep their JSON, which is read as before), hashes and signatures as 32 bytes, one
    // index per receipt on (subject_id, seq) that also carries receipt_id for the duplicate check
    // (receipt ids are unique per subject: a retry repeats both), and on SQLite both tables
    // clustered by their key (WITHOUT ROWID), so a subject's receipts sit together.
    statements: [
      perEngine`CREATE TABLE receipts_v2 (
         seq BIGINT NOT NULL,
         server_ms BIGINT NOT NULL,
         subject_id TEXT NOT NULL,
         receipt_id TEXT NOT NULL,
         key_id TEXT NOT NULL,
         notice_hash BYTEA,
         prev_hash BYTEA NOT NULL,
         hash BYTEA NOT NULL,
         signature BYTEA NOT NULL,
         body BYTEA NOT NULL,
         ${{ sqlite: 'PRIMARY KEY (subject_id, seq)) WITHOUT ROWID', postgres: 'CONSTRAINT receipts_v2_pkey PRIMARY KEY (subject_id, seq) INCLUDE (receipt_id))' }}`,
      perEngine`INSERT INTO receipts_v2 (seq, server_ms, subject_id, receipt_id, key_id, notice_hash, prev_hash, hash, signature, body)
         SELECT seq, server_ms, subject_id, receipt_id, key_id,
           CASE WHEN notice_hash = '' THEN NULL ELSE ${unhex('notice_hash')} END,
           ${unhex('prev_hash')}, ${unhex('hash')}, ${unhex('signature')},
           ${{ sqlite: 'CAST(body AS BLOB)', postgres: "convert_to(body, 'UTF8')" }}
         FROM receipts`,
      'DROP TABLE receipts',
      'ALTER TABLE receipts_v2 RENAME TO receipts',
      { postgres: 'ALTER INDEX receipts_v2_pkey RENAME TO receipts_pkey' },
      'CREATE INDEX receipts_server_ms ON receipts (server_ms)',
      perEngine`CREATE TABLE subjects_v2 (
         seq BIGINT NOT NULL,
         created_ms BIGINT NOT NULL,
         latest_client_ms BIGINT,
         latest_expires_ms BIGINT,
         latest_permits INTEGER,
         subject_id TEXT NOT NULL,
         latest_policy TEXT,
         head_hash BYTEA NOT NULL,
         ${{
           sqlite: 'PRIMARY KEY (subject_id)) WITHOUT ROWID',
           // Room on each page for the next version of its rows: a chain-head update then stays on
           // the page (HOT) and adds no index entry.
           postgres: 'CONSTRAINT subjects_v2_pkey PRIMARY KEY (subject_id)) WITH (fillfactor = 85)',
         }}`,
      perEngine`INSERT INTO subjects_v2 (seq, created_ms, latest_client_ms, latest_expires_ms, latest_permits, subject_id, latest_policy, head_hash)
         SELECT seq, created_ms, latest_client_ms, latest_expires_ms, latest_permits, subject_id, latest_policy, ${unhex('head_hash')}
         FROM subjects`,
      'DROP TABLE subjects',
      'ALTER TABLE subjects_v2 RENAME TO subjects',
      { postgres: 'ALTER INDEX subjects_v2_pkey RENAME TO subjects_pkey' },
    ],
  },
  {
    // Receipts are hashed over RFC 8785 canonical JSON from now on; those stored before keep their
    // scheme. The default labels them without rewriting a row (on PostgreSQL a constant default is
    // kept in the catalog, on SQLite in the table's definition), and any row an instance of the
    // previous release still inserts during a rolling deploy; the current code names its scheme.
    version: 3,
    name: 'receipts.canonicalization: the hash scheme of each receipt',
    statements: [`ALTER TABLE receipts ADD COLUMN canonicalization TEXT NOT NULL DEFAULT 'js-sorted-keys'`],
  },
  {
    version: 4,
    name: 'insight counters: decisions per day, region and method; link events per day, type and reason',
    // Kept by the transactions that store what they count (insights.ts), so the console's charts
    // never scan receipts. What is already stored is counted once, here.
    statements: [
      perEngine`CREATE TABLE insight_decisions (
         day TEXT NOT NULL,
         region TEXT NOT NULL,
         method TEXT NOT NULL,
         shard INTEGER NOT NULL,
         receipts BIGINT NOT NULL,
         functional BIGINT NOT NULL,
         analytics BIGINT NOT NULL,
         advertising BIGINT NOT NULL,
         gpc BIGINT NOT NULL,
         PRIMARY KEY (day, region, method, shard))${{ sqlite: ' WITHOUT ROWID', postgres: '' }}`,
      perEngine`CREATE TABLE insight_links (
         day TEXT NOT NULL,
         type TEXT NOT NULL,
         reason TEXT NOT NULL,
         events BIGINT NOT NULL,
         PRIMARY KEY (day, type, reason))${{ sqlite: ' WITHOUT ROWID', postgres: '' }}`,
      { run: (driver, tx) => backfillInsights(driver, tx) },
    ],
  },
  {
    version: 5,
    name: 'privacy console: users, sessions, failed sign-ins, append-only audit log',
    statements: [
      `CREATE TABLE console_users (
         user_id TEXT PRIMARY KEY,
         name TEXT NOT NULL UNIQUE,
         role TEXT NOT NULL,
         key_hash TEXT NOT NULL,
         created_ms BIGINT NOT NULL,
         disabled_ms BIGINT
       )`,
      `CREATE TABLE console_sessions (
         token_hash BYTEA PRIMARY KEY,
         user_id TEXT NOT NULL,
         name TEXT NOT NULL,
         role TEXT NOT NULL,
         created_ms BIGINT NOT NULL,
         seen_ms BIGINT NOT NULL,
         expires_ms BIGINT NOT NULL
       )`,
      'CREATE INDEX console_sessions_user ON console_sessions (user_id)',
      {
        sqlite: 'CREATE TABLE console_login_failures (client TEXT NOT NULL, window_ms BIGINT NOT NULL, failures INTEGER NOT NULL, PRIMARY KEY (client, window_ms)) WITHOUT ROWID',
        // Like the rate limits: nothing is lost that matters if a crash forgets them.
        postgres: 'CREATE UNLOGGED TABLE console_login_failures (client TEXT NOT NULL, window_ms BIGINT NOT NULL, failures INTEGER NOT NULL, PRIMARY KEY (client, window_ms))',
      },
      {
        sqlite: `CREATE TABLE console_audit (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           at_ms BIGINT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, reference TEXT
         )`,
        postgres: `CREATE TABLE console_audit (
           id BIGSERIAL PRIMARY KEY,
           at_ms BIGINT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, reference TEXT
         )`,
      },
      // Append-only, enforced by the database: an UPDATE or DELETE (or TRUNCATE) fails, whoever runs it.
      { sqlite: "CREATE TRIGGER console_audit_no_update BEFORE UPDATE ON console_audit BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END" },
      { sqlite: "CREATE TRIGGER console_audit_no_delete BEFORE DELETE ON console_audit BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END" },
      {
        postgres: `CREATE FUNCTION console_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'console_audit is append-only'; END $$`,
      },
      { postgres: 'CREATE TRIGGER console_audit_no_change BEFORE UPDATE OR DELETE ON console_audit FOR EACH ROW EXECUTE FUNCTION console_audit_append_only()' },
      { postgres: 'CREATE TRIGGER console_audit_no_truncate BEFORE TRUNCATE ON console_audit FOR EACH STATEMENT EXECUTE FUNCTION console_audit_append_only()' },
    ],
  },
  {
    version: 6,
    name: 'receipts: an index on (subject_id, receipt_id) for the duplicate check',
    // Version 2 found duplicates by reading each subject's receipts (its key's receipt_id, INCLUDEd
    // on PostgreSQL): a cost that grew with every chain in a commit, 30 µs of server CPU per receipt
    // once chains held 40 receipts (bench/server-sync.md). Now one probe per receipt, and the
    // database itself refuses a receipt id twice for one subject. The key no longer needs to carry
    // receipt_id on PostgreSQL, which gives back the bytes the new index takes.
    statements: [
      'CREATE UNIQUE INDEX receipts_subject_receipt ON receipts (subject_id, receipt_id)',
      { postgres: 'ALTER TABLE receipts DROP CONSTRAINT receipts_pkey, ADD CONSTRAINT receipts_pkey PRIMARY KEY (subject_id, seq)' },
    ],
  },
  {
    version: 7,
    name: 'receipts keyed by (subject_id, receipt_id): one index fewer per receipt',
    // Version 6's index made the duplicate check one probe, but it was a third B-tree keyed by a
    // random subject id written for every receipt: on SQLite one more page in the WAL per commit
    // (+4-5% server CPU per single-receipt request), on PostgreSQL one more full-page image per
    // receipt after each checkpoint once the indexes outgrow shared buffers (18 KB of WAL per
    // receipt at 10M). The key itself now serves the check, and the table stays clustered by
    // subject on SQLite; an export sorts its subject's few rows by seq. Sequence numbers stay
    // unique per subject by construction (each is the chain head's plus one, under the subject's
    // lock), which verification checks.
    statements: [
      ...sqliteReceiptsRebuild(7, 'PRIMARY KEY (subject_id, receipt_id)) WITHOUT ROWID', ''),
      { postgres: 'DROP INDEX receipts_subject_receipt' },
      { postgres: 'ALTER TABLE receipts DROP CONSTRAINT receipts_pkey, ADD CONSTRAINT receipts_pkey PRIMARY KEY (subject_id, receipt_id)' },
    ],
  },
  {
    version: 8,
    name: 'links: room on each page for the next version of a link',
    // Every receipt of a linked subject carries its links to the new expiry (ingest-sql.ts). On a
    // full page that update writes the new row version elsewhere and adds an entry to each of the
    // links' four indexes; with room on the page it stays there (HOT) and touches no index, like
    // the subjects' chain heads (version 2). Pages written from now on keep the room; a full page
    // of a table migrated with links in it loses its rows to pages that have room, once each.
    statements: [{ postgres: 'ALTER TABLE links SET (fillfactor = 80)' }],
  },
  {
    version: 9,
    name: 'SQLite: receipts in a rowid table, their key in an index of its own',
    // A WITHOUT ROWID table is a B-tree of whole rows, and its interior pages hold whole rows too:
    // at about 440 bytes a receipt, ten to a page. At 10M receipts that made 101,395 interior pages
    // (400 MB) over 1.06M leaves, seven levels deep, and a 16 MB page cache kept few of them: the
    // duplicate check read 4.7 pages from the file per returning receipt (a subject's row 3.2,
    // with the receipts' pages pushing the subjects' out). In a rowid table the rows are appended
    // in arrival order, at the end of the table, and the key (subject_id, receipt_id) lives in an
    // index of about 80 bytes an entry, whose interior pages fit the cache. Per receipt that is
    // still one page written at a random place (the index's leaf), as before, plus the table's
    // last page, shared by the commit's receipts. Copied in time order, so that a retention purge
    // deletes from the start of the table. PostgreSQL's heap and key index are that already.
    statements: [
      ...sqliteReceiptsRebuild(9, 'PRIMARY KEY (subject_id, receipt_id))', ' ORDER BY server_ms'),
    ],
  },
  {
    version: 10,
    name: 'subjects: whether the subject has an active link',
    // Every receipt that changes a subject's latest decision carries it to the subject's active
    // links, or revokes them. Nine subjects in ten have none, and until now each of their receipts
    // still looked in the links' subject index to find that out: one more B-tree probe per
    // receipt, at a random place once the links outgrow the cache (SQLite, 10M receipts: 2.3 page
    // reads per lookup), and on PostgreSQL an update planned and run per commit. The subject's row,
    // read anyway, now says so. The database sets it for every active link inserted, whoever
    // inserts it: an instance still running version 9 during a rolling restart makes links too,
    // and a link the flag missed would outlive its subject's withdrawal. Clearing it is only an
    // economy, left to the code that revokes (ingest.ts, links.ts).
    statements: [
      'ALTER TABLE subjects ADD COLUMN linked INTEGER NOT NULL DEFAULT 0',
      'UPDATE subjects SET linked = 1 WHERE subject_id IN (SELECT subject_id FROM links WHERE revoked_ms IS NULL)',
      {
        sqlite: `CREATE TRIGGER links_mark_subject AFTER INSERT ON links WHEN NEW.revoked_ms IS NULL
                 BEGIN UPDATE subjects SET linked = 1 WHERE subject_id = NEW.subject_id AND linked = 0; END`,
        postgres: `CREATE FUNCTION links_mark_subject() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                   BEGIN
                     UPDATE subjects SET linked = 1 WHERE subject_id = NEW.subject_id AND linked = 0;
                     RETURN NULL;
                   END $$`,
      },
      {
        postgres: `CREATE TRIGGER links_mark_subject AFTER INSERT ON links FOR EACH ROW
                   WHEN (NEW.revoked_ms IS NULL) EXECUTE FUNCTION links_mark_subject()`,
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
      for (const stmt of m.statements) {
        if (typeof stmt === 'object' && 'run' in stmt) {
          await stmt.run(driver, tx);
          continue;
        }
        const sql = statementFor(stmt, driver.dialect);
        if (sql !== undefined) await tx.run(sql);
      }
      await tx.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    return applied;
  });
}
