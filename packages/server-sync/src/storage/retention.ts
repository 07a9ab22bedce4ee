/** The retention aggregate: deletes what is past its retention period. */
import { chunks, placeholders, ROWS_PER_STATEMENT, type SqlDriver } from './sql.js';
import { lockSubjects } from './subject-lock.js';
import type { PurgeCounts, PurgeCutoffs } from './types.js';

export interface RetentionRepository {
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
}

export function retentionRepository(driver: SqlDriver): RetentionRepository {
  return {
    async purge(cutoffs) {
      const receiptsBefore = cutoffs.receiptsBefore.getTime();
      const linksBefore = cutoffs.linksBefore.getTime();
      const counts = await driver.transaction(async (tx) => ({
        receipts: await tx.run('DELETE FROM receipts WHERE server_ms < ?', [receiptsBefore]),
        links: await tx.run('DELETE FROM links WHERE revoked_ms IS NOT NULL AND revoked_ms < ?', [linksBefore]),
        linkEvents: await tx.run('DELETE FROM link_events WHERE at_ms < ?', [linksBefore]),
      }));
      // Subjects left with nothing: locked first, then checked again, so an ingest in flight keeps its row.
      const empty = (await driver.read.all<{ subject_id: string }>(
        `SELECT subject_id FROM subjects s WHERE created_ms < ?
           AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = s.subject_id)
           AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = s.subject_id)`,
        [receiptsBefore],
      )).map((r) => r.subject_id);
      let subjects = 0;
      for (const part of chunks(empty, ROWS_PER_STATEMENT)) {
        subjects += await driver.transaction(async (tx) => {
          await lockSubjects(driver, tx, part);
          return tx.run(
            `DELETE FROM subjects WHERE subject_id IN ${placeholders(part.length)}
               AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.subject_id = subjects.subject_id)
               AND NOT EXISTS (SELECT 1 FROM links l WHERE l.subject_id = subjects.subject_id)`,
            part,
          );
        });
      }
      return { ...counts, subjects };
    },
  };
}
