/**
 * The statements of a receipt ingest. The repository decides what to store (sealing, chaining,
 * which links follow); this module moves the rows in and out.
 *
 * Only the first step differs per engine. PostgreSQL must lock the subjects' rows (several
 * instances may write), SQLite's single writer needs no lock: it reads the chain heads and writes
 * each subject row once. Tried and dropped on PostgreSQL (measured with bench/server-sync.mjs):
 * fewer round trips through `unnest`/JSON row sources and data-modifying CTEs. Their row estimates
 * make PostgreSQL either replan them on every call (custom plans: ~2× its CPU per single-receipt
 * commit) or keep a generic plan made while the tables were small (sequential scans of receipts
 * and subjects from then on). Multi-row VALUES upserts are arbitrated by the unique index whatever
 * the plan, and `= ANY(?)` reads get a fresh custom plan each time.
 */
import { addDecisionCounts, type DecisionCountRow } from './insights.js';
import { GENESIS_BYTES, SUBJECT_COLUMNS, type ReceiptRowIn, type SubjectRow } from './rows.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql.js';

/** Everything one ingest writes once its receipts are sealed. */
export interface IngestWrites {
  notices: { hash: string; language: string; text: string }[];
  receipts: ReceiptRowIn[];
  /** The new state of every subject that got a receipt. */
  subjects: SubjectRow[];
  /** Linked subjects whose active links follow their new latest consent (expiry, policy version), in id order. */
  linkRefresh: SubjectRow[];
  /** What the new receipts add to the insight counters (insights.ts), and the copy of the counters they go to. */
  decisionCounts: DecisionCountRow[];
  counterShard: number;
}

/** Reads (and on PostgreSQL locks) what an ingest needs before it can seal anything. */
export interface IngestLock {
  /**
   * Returns the rows of these subjects (given in id order; a subject not stored yet gets a fresh
   * row: seq 0, genesis head, no latest decision), locked until commit so no other writer can
   * move their chain heads or link them, and which of the receipt ids are already stored.
   */
  lock(tx: SqlExecutor, sortedSubjectIds: readonly string[], receipts: readonly ReceiptIdentity[], nowMs: number): Promise<{
    subjects: SubjectRow[];
    /** The receipts already stored, as `receiptKey(subjectId, receiptId)`. */
    known: string[];
  }>;
}

/**
 * A receipt's identity: its id within its subject. Receipt ids are unique per subject, which is
 * what a retry repeats, and what a table distributed or partitioned by subject can enforce.
 */
export const receiptKey = (subjectId: string, receiptId: string): string => `${subjectId}/${receiptId}`;

/** A receipt's identity as a pair: its subject id, then its receipt id. */
export type ReceiptIdentity = readonly [subjectId: string, receiptId: string];

const RECEIPT_INSERT =
  'INSERT INTO receipts (subject_id, seq, receipt_id, server_ms, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization)';

const receiptValues = (r: ReceiptRowIn): SqlValue[] => [
  r.subject_id, r.seq, r.receipt_id, r.server_ms, r.key_id, r.notice_hash, r.prev_hash, r.hash, r.signature, r.body, r.canonicalization,
];

/**
 * Stores sealed receipts, new notices, the subjects' new chain heads, the links that follow and
 * the insight counters.
 * Every statement is issued before the first answer (one round trip on PostgreSQL's pipelined
 * connection; SQLite runs them as they are issued); the promise settles when all have.
 */
export function writeIngest(driver: SqlDriver, tx: SqlExecutor, rows: IngestWrites, nowMs: number): Promise<unknown> {
  return Promise.all([
    driver.insertRows(
      tx, 'INSERT INTO notices (hash, language, text, created_ms)', 4,
      rows.notices.map((n) => [n.hash, n.language, n.text, nowMs]),
      'ON CONFLICT (hash) DO NOTHING',
    ),
    driver.insertRows(tx, RECEIPT_INSERT, 11, rows.receipts.map(receiptValues)),
    upsertSubjects(driver, tx, rows.subjects, nowMs),
    refreshLinks(tx, driver, rows.linkRefresh),
    addDecisionCounts(driver, tx, rows.decisionCounts, rows.counterShard),
  ]);
}

/** Writes the new chain head and latest decision of each subject (creating the rows not stored yet). */
function upsertSubjects(driver: SqlDriver, tx: SqlExecutor, subjects: readonly SubjectRow[], nowMs: number): Promise<unknown> {
  return driver.insertRows(
    tx,
    'INSERT INTO subjects (subject_id, seq, head_hash, created_ms, latest_client_ms, latest_permits, latest_expires_ms, latest_policy, linked)',
    9,
    subjects.map((s) => [
      s.subject_id, s.seq, s.head_hash, nowMs, s.latest_client_ms, s.latest_permits, s.latest_expires_ms, s.latest_policy, s.linked,
    ]),
    `ON CONFLICT (subject_id) DO UPDATE SET seq = excluded.seq, head_hash = excluded.head_hash,
       latest_client_ms = excluded.latest_client_ms, latest_permits = excluded.latest_permits,
       latest_expires_ms = excluded.latest_expires_ms, latest_policy = excluded.latest_policy, linked = excluded.linked`,
  );
}

/**
 * One statement: the active links of these (linked) subjects take the expiry and policy version of
 * their subject's new latest decision. On PostgreSQL the values come as arrays indexed by the
 * subject's position: a single-table update plans in about
 * 36 µs, against 86 for a join with the subjects' rows and 61 for a join with `unnest` (EXPLAIN
 * ANALYZE, 17 subjects, 200,000 links). SQLite prepares it once, so it joins the rows just written.
 */
function refreshLinks(tx: SqlExecutor, driver: SqlDriver, subjects: readonly SubjectRow[]): Promise<unknown> {
  if (!subjects.length) return Promise.resolve();
  const ids = subjects.map((s) => s.subject_id);
  if (driver.dialect === 'postgres') {
    return tx.run(
      `UPDATE links SET consent_expires_ms = (?::bigint[])[array_position(?::text[], subject_id)],
         policy_version = (?::text[])[array_position(?::text[], subject_id)]
       WHERE subject_id = ANY(?::text[]) AND revoked_ms IS NULL`,
      [subjects.map((s) => String(s.latest_expires_ms)), ids, subjects.map((s) => s.latest_policy ?? ''), ids, ids],
    );
  }
  const list = driver.inList('links.subject_id', ids);
  return tx.run(
    `UPDATE links SET consent_expires_ms = s.latest_expires_ms, policy_version = s.latest_policy
     FROM subjects s WHERE ${list.sql} AND links.revoked_ms IS NULL AND s.subject_id = links.subject_id`,
    list.params,
  );
}

/**
 * The receipts of this ingest already stored, as one statement. It probes the receipts' key,
 * (subject_id, receipt_id), once per receipt asked about, so its cost does not grow with the
 * subjects' chains (a subject's receipts are not read to find one), and it filters by subject (it
 * stays on one shard of a table distributed by subject). On PostgreSQL it must run after the
 * subjects are locked, in a snapshot of its own: a concurrent ingest of the same receipt id has
 * committed by then.
 */
async function knownReceipts(driver: SqlDriver, tx: SqlExecutor, receipts: readonly ReceiptIdentity[]): Promise<string[]> {
  const pairs = driver.pairs(receipts);
  const known = await tx.all<{ subject_id: string; receipt_id: string }>(
    `SELECT r.subject_id, r.receipt_id FROM ${pairs.sql} JOIN receipts r ON r.subject_id = pairs.a AND r.receipt_id = pairs.b`,
    pairs.params,
  );
  return known.map((row) => receiptKey(row.subject_id, row.receipt_id));
}

function sqliteLock(driver: SqlDriver): IngestLock {
  return {
    async lock(tx, sortedSubjectIds, receipts) {
      // SQLite's single writer (BEGIN IMMEDIATE) already excludes every other write: nothing to
      // lock, and a subject not stored yet is created by the write below (one row write each).
      const subjectIds = driver.inList('subject_id', sortedSubjectIds);
      const found = await tx.all<SubjectRow>(`SELECT ${SUBJECT_COLUMNS} FROM subjects WHERE ${subjectIds.sql}`, subjectIds.params);
      const byId = new Map(found.map((r) => [r.subject_id, r]));
      const subjects = sortedSubjectIds.map((id) => byId.get(id) ?? {
        subject_id: id, seq: 0, head_hash: GENESIS_BYTES, latest_client_ms: null,
        latest_permits: null, latest_expires_ms: null, latest_policy: null, linked: 0,
      });
      // A subject without a row has no receipts: its row is written with its first receipt, and
      // deleted with its last (erasure) or once it has none (retention). A new visitor's receipt is
      // not looked for.
      const stored = receipts.filter(([id]) => byId.has(id));
      return { subjects, known: stored.length ? await knownReceipts(driver, tx, stored) : [] };
    },
  };
}

function postgresLock(driver: SqlDriver): IngestLock {
  return {
    async lock(tx, sortedSubjectIds, receipts, nowMs) {
      // Three statements in one round trip (pipelined), run in order by the server:
      // 1. create the subjects not stored yet (an existing row is left untouched);
      // 2. lock them all, in id order, so two ingests cannot deadlock; `FOR UPDATE` returns the
      //    latest committed head even when another instance moved it while we waited. (A no-op
      //    upsert would also lock, but writes a new row version of every subject just for that.)
      // 3. look for duplicates in a snapshot taken after the locks were granted: a concurrent
      //    ingest of the same receipt id (same subject) has committed by then.
      const ids = driver.inList('subject_id', sortedSubjectIds);
      const [, subjects, known] = await Promise.all([
        driver.insertRows(
          tx, 'INSERT INTO subjects (subject_id, seq, head_hash, created_ms)', 4,
          sortedSubjectIds.map((id) => [id, 0, GENESIS_BYTES, nowMs]),
          'ON CONFLICT (subject_id) DO NOTHING',
        ),
        tx.all<SubjectRow>(`SELECT ${SUBJECT_COLUMNS} FROM subjects WHERE ${ids.sql} ORDER BY subject_id FOR UPDATE`, ids.params),
        knownReceipts(driver, tx, receipts),
      ]);
      // A subject deleted between 1 and 2 (a retention purge or an erase locks its rows, then
      // deletes them; the upsert saw the row still there, the lock then found it gone): run the
      // transaction again, whose upsert creates the row anew.
      if (subjects.length !== sortedSubjectIds.length) throw new SubjectDeletedConcurrently();
      return { subjects, known };
    },
  };
}

/**
 * A subject row deleted by another transaction while this one waited for its lock. It carries
 * SQLSTATE 40001 (serialization failure), which the PostgreSQL driver retries like its own.
 */
export class SubjectDeletedConcurrently extends Error {
  readonly code = '40001';
  constructor() {
    super('a subject row was deleted while this ingest waited for its lock');
    this.name = 'SubjectDeletedConcurrently';
  }
}

export const ingestLock = (driver: SqlDriver): IngestLock => (driver.dialect === 'postgres' ? postgresLock(driver) : sqliteLock(driver));
