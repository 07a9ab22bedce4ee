/**
 * The retention aggregate: deletes what is past its retention period, in slices.
 *
 * Each slice is its own short transaction, oldest rows first, sized so that it takes about
 * SLICE_TARGET_MS: a purge of a month (hundreds of thousands of receipts) never holds SQLite's
 * single writer, or a burst of PostgreSQL's WAL, for long, and ingest commits run between the
 * slices. After each slice the purge pauses as long as the slice took, so it never takes more than
 * half the writer's time. On SQLite its transactions are housekeeping, which the single writer
 * runs only while no request waits, never right after a checkpoint pause, and for at most a third
 * of its time (write-queue.ts).
 * Old receipts are spread over the pages of a table clustered by subject (SQLite), so a slice's
 * cost is set by time, not by a fixed row count. Rows are found through each table's time index;
 * subjects are checked only where a deleted row was theirs.
 */
import { chunks, placeholders, type SqlDriver, type SqlValue } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { PurgeCounts, PurgeCutoffs } from './types.js';

/** How long one slice should hold the writer. */
export const SLICE_TARGET_MS = 20;
const MIN_ROWS = 50;
const MAX_ROWS = 5000;
/**
 * Most rows in one SQLite slice. Each deleted receipt changes about 0.65 pages, which its commit
 * writes to the WAL at 7 µs a page, but up to 46 µs while the disk is busy with the checkpoints
 * of the purge's own pages: 500 rows keep such a commit near 15 ms.
 */
const SQLITE_MAX_ROWS = 500;

export interface RetentionRepository {
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
}

/**
 * Purge transactions are housekeeping: SQLite's writer runs them between requests, and their
 * commits need no fsync of their own (write-queue.ts, sqlite-driver.ts).
 */
const HOUSEKEEPING = { housekeeping: true } as const;

/** A table purged by age: its indexed time column, and its key (SQLite deletes row by row, by key). */
interface AgedTable {
  name: string;
  time: string;
  key: readonly string[];
}
const RECEIPTS: AgedTable = { name: 'receipts', time: 'server_ms', key: ['subject_id', 'receipt_id'] };
const LINK_EVENTS: AgedTable = { name: 'link_events', time: 'at_ms', key: ['id'] };

const clampRows = (n: number) => Math.round(Math.min(MAX_ROWS, Math.max(MIN_ROWS, n)));

/**
 * Runs one slice, then waits as long as it took, so requests get the writer between slices. The
 * slice calls `begin` once it has the writer (it returns the time), so time spent queued is not
 * counted.
 */
async function paced<T>(slice: (begin: () => number) => Promise<T>): Promise<{ result: T; ms: number }> {
  let t0 = performance.now();
  const result = await slice(() => (t0 = performance.now()));
  const ms = Math.max(0.1, performance.now() - t0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
  return { result, ms };
}

export function retentionRepository(driver: SqlDriver): RetentionRepository {
  /**
   * Deletes the rows of `table` older than `before`, oldest first, in slices; returns how many,
   * and adds the subjects of the deleted rows to `subjects` when it is given.
   */
  const deleteBefore = (table: AgedTable, before: number, subjects: Set<string> | null): Promise<number> =>
    driver.dialect === 'sqlite' ? deleteAgainstClock(table, before, subjects) : deleteByTime(table, before, subjects);

  /**
   * SQLite: each slice deletes the oldest rows one at a time, by key, and commits once its deletes
   * and the commit they will need fill SLICE_TARGET_MS. better-sqlite3 runs every statement on the
   * event loop. A set-based DELETE sized from the previous slice's time overran it two to four times
   * whenever it reached pages not in memory (45-73 ms at 10M receipts), so the clock is read between
   * rows. The commit then writes every page the slice changed to the WAL (about 0.65 per receipt),
   * 7 µs a page, and up to 46 µs while the WAL file grows (105 ms for the 2,300 pages of 20 ms of
   * deletes), so each slice stops early by what commits have cost per row lately.
   */
  async function deleteAgainstClock(table: AgedTable, before: number, subjects: Set<string> | null): Promise<number> {
    const columns = subjects && !table.key.includes('subject_id') ? [...table.key, 'subject_id'] : table.key;
    const due = `SELECT ${columns.join(', ')} FROM ${table.name} WHERE ${table.time} < ? ORDER BY ${table.time} LIMIT ?`;
    const remove = `DELETE FROM ${table.name} WHERE ${table.key.map((k) => `${k} = ?`).join(' AND ')}`;
    let deleted = 0;
    let rows = 500;
    // The costliest commit per deleted row of late: it rises at once, and decays by a fifth a slice.
    let commitMsPerRow = 0.01;
    for (;;) {
      const { result, ms } = await paced((begin) => driver.transaction(async (tx) => {
        const t0 = begin();
        const found = await tx.all<Record<string, SqlValue>>(due, [before, rows]);
        let n = 0;
        while (n < found.length && (n === 0 || performance.now() - t0 + n * commitMsPerRow < SLICE_TARGET_MS)) {
          const row = found[n++] as Record<string, SqlValue>;
          await tx.run(remove, table.key.map((k) => row[k] as SqlValue));
          subjects?.add(row.subject_id as string);
        }
        return { n, found: found.length, deletesMs: performance.now() - t0 };
      }, HOUSEKEEPING));
      deleted += result.n;
      if (result.found < rows && result.n === result.found) return deleted;
      // What the slice took beyond its deletes is its commit.
      commitMsPerRow = Math.max(Math.max(0, ms - result.deletesMs) / result.n, commitMsPerRow * 0.8);
      // Fetch about what this slice managed, or twice as many if every row fetched went.
      rows = Math.min(SQLITE_MAX_ROWS, clampRows(result.n < result.found ? result.n * 1.5 : rows * 2));
    }
  }

  /**
   * PostgreSQL: one DELETE per slice, of the rows up to a time found through the time index, sized
   * from the time the last slice took (each round trip would cost more than a row's delete).
   */
  async function deleteByTime(table: AgedTable, before: number, subjects: Set<string> | null): Promise<number> {
    const { name, time } = table;
    let deleted = 0;
    let floor = -Infinity;
    let rows = 500;
    for (;;) {
      // The time below which the next slice lies: that of the slice's last row, or the cutoff.
      const [edge] = await driver.read.all<{ t: number }>(
        `SELECT ${time} AS t FROM ${name} WHERE ${time} < ? ORDER BY ${time} LIMIT 1 OFFSET ?`,
        [before, rows],
      );
      // Rows sharing one time (a group commit stamps all its receipts alike) go in one slice.
      let upTo = edge ? Number(edge.t) : before;
      if (upTo <= floor) upTo = floor + 1;
      const { result: gone, ms } = await paced((begin) => driver.transaction<number | { subject_id: string }[]>((tx) => {
        begin();
        return subjects
          ? tx.all<{ subject_id: string }>(`DELETE FROM ${name} WHERE ${time} < ? RETURNING subject_id`, [upTo])
          : tx.run(`DELETE FROM ${name} WHERE ${time} < ?`, [upTo]);
      }, HOUSEKEEPING));
      if (typeof gone === 'number') deleted += gone;
      else {
        deleted += gone.length;
        for (const r of gone) subjects?.add(r.subject_id);
      }
      rows = clampRows(rows * Math.min(2, SLICE_TARGET_MS / ms));
      floor = upTo;
      if (upTo >= before) return deleted;
    }
  }

  return {
    async purge(cutoffs) {
      const receiptsBefore = cutoffs.receiptsBefore.getTime();
      const linksBefore = cutoffs.linksBefore.getTime();
      const candidates = new Set<string>();
      const receipts = await deleteBefore(RECEIPTS, receiptsBefore, candidates);
      const purgedLinks = await driver.transaction((tx) =>
        tx.all<{ subject_id: string }>('DELETE FROM links WHERE revoked_ms IS NOT NULL AND revoked_ms < ? RETURNING subject_id', [linksBefore]),
      HOUSEKEEPING);
      for (const l of purgedLinks) candidates.add(l.subject_id);
      const linkEvents = await deleteBefore(LINK_EVENTS, linksBefore, null);

      // Subjects left with nothing: locked first, then checked again, so an ingest in flight keeps its row.
      // In the order their rows were deleted, 200 at a time: each transaction locks its own in id
      // order (lockSubjects), which is all that keeps two writers from deadlocking. Sorting every
      // candidate first held the event loop for as long as the sort took: 80 ms for the 155,000
      // subjects of a month at 10M receipts, and it grows with the month.
      let subjects = 0;
      for (const part of chunks([...candidates], 200)) {
        const { result } = await paced((begin) => driver.transaction(async (tx) => {
          begin();
          await lockSubjects(driver, tx, part);
          return tx.run(
            `DELETE FROM subjects WHERE subject_id IN ${placeholders(part.length)} AND created_ms < ?
               AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = subjects.subject_id)
               AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id)`,
            [...part, receiptsBefore],
          );
        }, HOUSEKEEPING));
        subjects += result;
      }
      return { receipts, links: purgedLinks.length, linkEvents, subjects };
    },
  };
}
