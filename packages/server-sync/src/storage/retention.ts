/**
 * The retention aggregate: deletes what is past its retention period, in slices.
 *
 * Each slice is its own short transaction, oldest rows first, sized so that it takes about
 * SLICE_TARGET_MS: a purge of a month (hundreds of thousands of receipts) never holds SQLite's
 * single writer, or a burst of PostgreSQL's WAL, for long, and ingest commits run between the
 * slices. After each slice the purge pauses as long as the slice took, so it never takes more than
 * half the writer's time. Old receipts are spread over the pages of a table clustered by subject
 * (SQLite), so a slice's cost is set by time, not by a fixed row count. Rows are found through each
 * table's time index; subjects are checked only where a deleted row was theirs.
 */
import { chunks, placeholders, type SqlDriver } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { PurgeCounts, PurgeCutoffs } from './types.js';

/** How long one slice should hold the writer. */
export const SLICE_TARGET_MS = 20;
const MIN_ROWS = 50;
const MAX_ROWS = 5000;

export interface RetentionRepository {
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
}

/** Sizes slices from the time the last one took, and pauses as long, so requests get the writer between them. */
function slicer(initialRows: number) {
  let rows = initialRows;
  return {
    get rows() {
      return rows;
    },
    async timed<T>(slice: () => Promise<T>): Promise<T> {
      const t0 = performance.now();
      const result = await slice();
      const ms = Math.max(0.1, performance.now() - t0);
      rows = Math.round(Math.min(MAX_ROWS, Math.max(MIN_ROWS, rows * Math.min(2, SLICE_TARGET_MS / ms))));
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
      return result;
    },
  };
}

export function retentionRepository(driver: SqlDriver): RetentionRepository {
  /**
   * Deletes the rows of `table` whose `column` (an indexed time) is before `before`, oldest first,
   * in slices; returns how many, and the subjects of the deleted rows when `subjects` is set.
   */
  async function deleteBefore(table: string, column: string, before: number, subjects: Set<string> | null): Promise<number> {
    let deleted = 0;
    let floor = -Infinity;
    const slices = slicer(500);
    for (;;) {
      // The time below which the next slice lies: that of the slice's last row, or the cutoff.
      const [edge] = await driver.read.all<{ t: number }>(
        `SELECT ${column} AS t FROM ${table} WHERE ${column} < ? ORDER BY ${column} LIMIT 1 OFFSET ?`,
        [before, slices.rows],
      );
      // Rows sharing one time (a group commit stamps all its receipts alike) go in one slice.
      let upTo = edge ? Number(edge.t) : before;
      if (upTo <= floor) upTo = floor + 1;
      if (subjects) {
        const gone = await slices.timed(() => driver.transaction((tx) =>
          tx.all<{ subject_id: string }>(`DELETE FROM ${table} WHERE ${column} < ? RETURNING subject_id`, [upTo])));
        deleted += gone.length;
        for (const r of gone) subjects.add(r.subject_id);
      } else {
        deleted += await slices.timed(() => driver.transaction((tx) => tx.run(`DELETE FROM ${table} WHERE ${column} < ?`, [upTo])));
      }
      floor = upTo;
      if (upTo >= before) return deleted;
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
      // In the order their rows were deleted, 200 at a time: each transaction locks its own in id
      // order (lockSubjects), which is all that keeps two writers from deadlocking. Sorting every
      // candidate first held the event loop for as long as the sort took: 80 ms for the 155,000
      // subjects of a month at 10M receipts, and it grows with the month.
      let subjects = 0;
      const pace = slicer(200);
      for (const part of chunks([...candidates], 200)) {
        subjects += await pace.timed(() => driver.transaction(async (tx) => {
          await lockSubjects(driver, tx, part);
          return tx.run(
            `DELETE FROM subjects WHERE subject_id IN ${placeholders(part.length)} AND created_ms < ?
               AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = subjects.subject_id)
               AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id)`,
            [...part, receiptsBefore],
          );
        }));
      }
      return { receipts, links: purgedLinks.length, linkEvents, subjects };
    },
  };
}
