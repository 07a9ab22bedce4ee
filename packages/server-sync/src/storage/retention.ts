/**
 * The retention aggregate: deletes what is past its retention period, in slices.
 *
 * Each slice is its own short transaction deleting at most about SLICE_ROWS rows, oldest first, so
 * a purge of a month (hundreds of thousands of receipts) never holds SQLite's single writer, or a
 * burst of PostgreSQL's WAL, for long: ingest commits run between the slices. Rows are found
 * through the time index of each table; subjects are checked only where a deleted row was theirs.
 */
import { chunks, placeholders, ROWS_PER_STATEMENT, type SqlDriver } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { PurgeCounts, PurgeCutoffs } from './types.js';

/** Rows per slice: on this project's 2-core machine a slice of receipts takes 10-30 ms. */
export const SLICE_ROWS = 2000;

export interface RetentionRepository {
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
}

/** Lets queued requests run between two slices. */
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

export function retentionRepository(driver: SqlDriver): RetentionRepository {
  /**
   * Deletes the rows of `table` whose `column` (an indexed time) is before `before`, oldest first,
   * in slices; returns how many, and the subjects of the deleted rows when `subjects` is set.
   */
  async function deleteBefore(table: string, column: string, before: number, subjects: Set<string> | null): Promise<number> {
    let deleted = 0;
    let floor = -Infinity;
    for (;;) {
      // The time below which the next slice lies: the SLICE_ROWS-th oldest row's, or the cutoff.
      const [edge] = await driver.read.all<{ t: number }>(
        `SELECT ${column} AS t FROM ${table} WHERE ${column} < ? ORDER BY ${column} LIMIT 1 OFFSET ?`,
        [before, SLICE_ROWS],
      );
      // Rows sharing one time (a group commit stamps all its receipts alike) go in one slice.
      let upTo = edge ? Number(edge.t) : before;
      if (upTo <= floor) upTo = floor + 1;
      if (subjects) {
        const gone = await driver.transaction((tx) =>
          tx.all<{ subject_id: string }>(`DELETE FROM ${table} WHERE ${column} < ? RETURNING subject_id`, [upTo]));
        deleted += gone.length;
        for (const r of gone) subjects.add(r.subject_id);
      } else {
        deleted += await driver.transaction((tx) => tx.run(`DELETE FROM ${table} WHERE ${column} < ?`, [upTo]));
      }
      floor = upTo;
      if (upTo >= before) return deleted;
      await yieldToRequests();
    }
  }

  return {
    async purge(cutoffs) {
      const receiptsBefore = cutoffs.receiptsBefore.getTime();
      const linksBefore = cutoffs.linksBefore.getTime();
      const candidates = new Set<string>();
      const receipts = await deleteBefore('receipts', 'server_ms', receiptsBefore, candidates);
      const purgedLinks = await driver.transaction((tx) =>
        tx.all<{ subject_id: string }>('DELETE FROM links WHERE revoked_ms IS NOT NULL AND revoked_ms < ? RETURNING subject_id', [linksBefore]),
      );
      for (const l of purgedLinks) candidates.add(l.subject_id);
      const linkEvents = await deleteBefore('link_events', 'at_ms', linksBefore, null);

      // Subjects left with nothing: locked first, then checked again, so an ingest in flight keeps its row.
      let subjects = 0;
      for (const part of chunks([...candidates].sort(), ROWS_PER_STATEMENT)) {
        subjects += await driver.transaction(async (tx) => {
          await lockSubjects(driver, tx, part);
          return tx.run(
            `DELETE FROM subjects WHERE subject_id IN ${placeholders(part.length)} AND created_ms < ?
               AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = subjects.subject_id)
               AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id)`,
            [...part, receiptsBefore],
          );
        });
        await yieldToRequests();
      }
      return { receipts, links: purgedLinks.length, linkEvents, subjects };
    },
  };
}
