/**
 * The two statements-heavy steps of a receipt ingest, per engine. The repository decides what to
 * store (sealing, chaining, which links follow); this module only moves rows in and out.
 *
 * SQLite runs in-process: one prepared single-row statement per row is the cheapest there.
 * PostgreSQL pays a network round trip per statement, so each step is as few statements as the
 * data allows: the lock and the duplicate check are one statement; receipts go in as multi-row
 * VALUES (plain text parameters: the ~1 KB JSON bodies need no escaping on our side and no
 * parsing on the server's, which made them cheaper than arrays or JSON), 200 rows per statement;
 * subjects, link refreshes and notices are one data-modifying CTE fed by JSON. A group commit of
 * one request costs five round trips (BEGIN, lock, receipts, CTE, COMMIT), one of 500 receipts
 * seven, instead of one per statement kind and 200-row chunk (7 and 13 before).
 */
import { GENESIS_HASH } from '../seal.js';
import type { SqlDriver, SqlExecutor } from './sql.js';

/** A subject's row: chain head and the summary of its latest decision. */
export interface SubjectRow {
  subject_id: string;
  seq: number;
  head_hash: string;
  latest_receipt_id: string | null;
  latest_client_ms: number | null;
  latest_permits: number | null;
  latest_expires_ms: number | null;
  latest_policy: string | null;
}

export const SUBJECT_COLUMNS =
  'subject_id, seq, head_hash, latest_receipt_id, latest_client_ms, latest_permits, latest_expires_ms, latest_policy';

/** A sealed receipt as stored. */
export interface ReceiptRowIn {
  receipt_id: string;
  subject_id: string;
  seq: number;
  server_ms: number;
  body: string;
  notice_hash: string;
  prev_hash: string;
  hash: string;
  key_id: string;
  signature: string;
}

/** Everything one ingest writes once its receipts are sealed. */
export interface IngestWrites {
  notices: { hash: string; language: string; text: string }[];
  receipts: ReceiptRowIn[];
  /** The new state of every subject that got a receipt. */
  subjects: SubjectRow[];
  /** Active links of these subjects follow their new latest consent (expiry, policy version). */
  linkRefresh: { subjectId: string; expiresMs: number; policy: string }[];
}

export interface IngestSql {
  /**
   * Returns the rows of these subjects (given in id order; a subject not stored yet gets a fresh
   * row: seq 0, genesis head, no latest decision), locked until commit so no other writer can
   * move their chain heads, and which of the receipt ids are already stored.
   */
  lock(tx: SqlExecutor, sortedSubjectIds: readonly string[], receiptIds: readonly string[], nowMs: number): Promise<{
    subjects: SubjectRow[];
    known: string[];
  }>;
  write(tx: SqlExecutor, rows: IngestWrites, nowMs: number): Promise<void>;
}

const RECEIPT_INSERT =
  'INSERT INTO receipts (receipt_id, subject_id, seq, server_ms, body, notice_hash, prev_hash, hash, key_id, signature)';

const receiptValues = (r: ReceiptRowIn): [string, string, number, number, string, string, string, string, string, string] => [
  r.receipt_id, r.subject_id, r.seq, r.server_ms, r.body, r.notice_hash, r.prev_hash, r.hash, r.key_id, r.signature,
];

function sqliteIngest(driver: SqlDriver): IngestSql {
  return {
    async lock(tx, sortedSubjectIds, receiptIds) {
      // SQLite's single writer (BEGIN IMMEDIATE) already excludes every other write: nothing to
      // lock, and a subject not stored yet is created by the write below (one row write each).
      const subjectIds = driver.inList('subject_id', sortedSubjectIds);
      const found = await tx.all<SubjectRow>(`SELECT ${SUBJECT_COLUMNS} FROM subjects WHERE ${subjectIds.sql}`, subjectIds.params);
      const byId = new Map(found.map((r) => [r.subject_id, r]));
      const subjects = sortedSubjectIds.map((id) => byId.get(id) ?? {
        subject_id: id, seq: 0, head_hash: GENESIS_HASH, latest_receipt_id: null, latest_client_ms: null,
        latest_permits: null, latest_expires_ms: null, latest_policy: null,
      });
      const ids = driver.inList('receipt_id', receiptIds);
      const known = await tx.all<{ receipt_id: string }>(`SELECT receipt_id FROM receipts WHERE ${ids.sql}`, ids.params);
      return { subjects, known: known.map((r) => r.receipt_id) };
    },
    async write(tx, rows, nowMs) {
      await driver.insertRows(
        tx, 'INSERT INTO notices (hash, language, text, created_ms)', 4,
        rows.notices.map((n) => [n.hash, n.language, n.text, nowMs]),
        'ON CONFLICT (hash) DO NOTHING',
      );
      await driver.insertRows(
        tx, RECEIPT_INSERT, 10,
        rows.receipts.map(receiptValues),
      );
      await driver.insertRows(
        tx,
        `INSERT INTO subjects (subject_id, seq, head_hash, created_ms, latest_receipt_id, latest_client_ms, latest_permits,
           latest_expires_ms, latest_policy)`,
        9,
        rows.subjects.map((s) => [
          s.subject_id, s.seq, s.head_hash, nowMs, s.latest_receipt_id, s.latest_client_ms, s.latest_permits, s.latest_expires_ms, s.latest_policy,
        ]),
        `ON CONFLICT (subject_id) DO UPDATE SET seq = excluded.seq, head_hash = excluded.head_hash,
           latest_receipt_id = excluded.latest_receipt_id, latest_client_ms = excluded.latest_client_ms,
           latest_permits = excluded.latest_permits, latest_expires_ms = excluded.latest_expires_ms,
           latest_policy = excluded.latest_policy`,
      );
      if (rows.linkRefresh.length) {
        // One statement: the subjects rows written just above carry the new expiry and policy.
        const ids = driver.inList('subject_id', rows.linkRefresh.map((l) => l.subjectId));
        await tx.run(
          `UPDATE links SET
             consent_expires_ms = (SELECT latest_expires_ms FROM subjects WHERE subjects.subject_id = links.subject_id),
             policy_version = (SELECT latest_policy FROM subjects WHERE subjects.subject_id = links.subject_id)
           WHERE ${ids.sql} AND revoked_ms IS NULL`,
          ids.params,
        );
      }
    },
  };
}

function postgresIngest(driver: SqlDriver): IngestSql {
  return {
    async lock(tx, sortedSubjectIds, receiptIds, nowMs) {
      // One statement: create-or-lock the subject rows (the no-op update of an existing row takes
      // its row lock; rows go in the sorted order, so two ingests cannot deadlock), and read which
      // receipt ids are stored. That read sees the snapshot taken when the statement started: a
      // concurrent ingest of the same receipt id that commits while we wait for its subject lock
      // is not seen here, and our insert then fails on the primary key; the transaction reruns
      // (unique violations count as transient) and finds the receipt stored.
      const rows = await tx.all<SubjectRow & { known: string | null }>(
        `WITH locked AS (
           INSERT INTO subjects (subject_id, seq, head_hash, created_ms)
           SELECT id, 0, ?, ? FROM unnest(?::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n
           ON CONFLICT (subject_id) DO UPDATE SET seq = subjects.seq
           RETURNING ${SUBJECT_COLUMNS}
         )
         SELECT ${SUBJECT_COLUMNS}, NULL::text AS known FROM locked
         UNION ALL
         SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, receipt_id FROM receipts WHERE receipt_id = ANY(?::text[])`,
        [GENESIS_HASH, nowMs, sortedSubjectIds, receiptIds],
      );
      const subjects: SubjectRow[] = [];
      const known: string[] = [];
      for (const r of rows) {
        if (r.known !== null) known.push(r.known);
        else {
          const { known: _, ...subject } = r;
          subjects.push(subject);
        }
      }
      return { subjects, known };
    },
    async write(tx, rows, nowMs) {
      await driver.insertRows(tx, RECEIPT_INSERT, 10, rows.receipts.map(receiptValues));
      // One statement for the rest, rows as JSON (one native JSON.stringify per part). Every part
      // reads the snapshot from before the statement, so no part depends on another's effect:
      // the link refresh carries its own values rather than reading the updated subjects.
      await tx.run(
        `WITH new_notices AS (
           INSERT INTO notices (hash, language, text, created_ms)
           SELECT hash, language, text, ? FROM json_to_recordset(?::json) AS n(hash text, language text, text text)
           ON CONFLICT (hash) DO NOTHING
         ), heads AS (
           UPDATE subjects SET seq = s.seq, head_hash = s.head_hash, latest_receipt_id = s.latest_receipt_id,
             latest_client_ms = s.latest_client_ms, latest_permits = s.latest_permits,
             latest_expires_ms = s.latest_expires_ms, latest_policy = s.latest_policy
           FROM json_to_recordset(?::json) AS s(subject_id text, seq int8, head_hash text, latest_receipt_id text,
             latest_client_ms int8, latest_permits int4, latest_expires_ms int8, latest_policy text)
           WHERE subjects.subject_id = s.subject_id
         ), refreshed AS (
           UPDATE links SET consent_expires_ms = l."expiresMs", policy_version = l.policy
           FROM json_to_recordset(?::json) AS l("subjectId" text, "expiresMs" int8, policy text)
           WHERE links.subject_id = l."subjectId" AND links.revoked_ms IS NULL
         )
         SELECT 1`,
        [
          nowMs,
          JSON.stringify(rows.notices),
          JSON.stringify(rows.subjects),
          JSON.stringify(rows.linkRefresh),
        ],
      );
    },
  };
}

export const ingestSql = (driver: SqlDriver): IngestSql => (driver.dialect === 'postgres' ? postgresIngest(driver) : sqliteIngest(driver));
