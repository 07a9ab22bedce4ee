/**
 * The locking discipline that keeps a withdrawal and a link request from both winning: every
 * write that touches a subject's links first locks that subject's row, and a transaction that
 * locks several subjects locks them in subject-id order, so two of them cannot deadlock.
 * (PostgreSQL `FOR UPDATE`; SQLite's single writer already excludes every other write.)
 */
import { SUBJECT_COLUMNS, type SubjectRow } from './rows.js';
import type { SqlDriver, SqlExecutor } from './sql.js';

/** Locks the existing rows of these subjects, in id order, and returns them by id. */
export async function lockSubjects(driver: SqlDriver, tx: SqlExecutor, ids: readonly string[]): Promise<Map<string, SubjectRow>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, SubjectRow>();
  if (!sorted.length) return out;
  const inList = driver.inList('subject_id', sorted);
  const rows = await tx.all<SubjectRow>(
    `SELECT ${SUBJECT_COLUMNS} FROM subjects WHERE ${inList.sql} ORDER BY subject_id${driver.forUpdate}`,
    inList.params,
  );
  for (const r of rows) out.set(r.subject_id, r);
  return out;
}
