/**
 * An ingest racing a retention purge (or an erase) that deletes its subject, on PostgreSQL
 * (issue 17). Both delete a subject row the same way: they lock it (`lockSubjects`, FOR UPDATE,
 * in id order), check it again, then delete it in a later statement of the same transaction. An
 * ingest of a receipt for that subject upserts the row (`ON CONFLICT DO NOTHING`: it is still
 * there, only locked), then waits for its own FOR UPDATE; once the purge commits, that lock finds
 * the row gone. The ingest used to fail with a 500 ("subject row missing after lock"): the scale
 * benchmark saw one such error in a month's purge at 1M receipts under 1,000 receipts/s. Now the
 * ingest runs again and stores the receipt as the first of a new chain, as it would have after
 * the purge.
 *
 * The purge's transaction is played here statement by statement on a connection of its own, so
 * that the ingest arrives between its lock and its delete every time.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, verifyChain } from '../src/seal.js';
import { openStorage } from '../src/storage/index.js';
import type { PolicyContext, Storage } from '../src/storage/types.js';
import { newSubjectId, prepared, receipt, testKeys } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const ctx = (now: Date): PolicyContext => ({ now, policyVersion: 'p1' });

if (!PG_URL) {
  describe('ingest racing a purge: PostgreSQL', () => {
    it.skip('SKIPPED: TEST_DATABASE_URL is not set (run under scripts/with-postgres.sh)', () => {});
  });
} else {
  describe('ingest racing a purge: PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let storage: Storage;
    let purger: pg.Client;
    let observer: pg.Client;

    beforeAll(async () => {
      db = await freshDatabase();
      storage = await openStorage({ kind: 'postgres', url: db.url, poolSize: 4 }, testKeys());
      purger = new pg.Client({ connectionString: db.url });
      observer = new pg.Client({ connectionString: db.url });
      await Promise.all([purger.connect(), observer.connect()]);
    });
    afterAll(async () => {
      await Promise.all([purger?.end(), observer?.end(), storage?.close()]);
      await db?.drop();
    });

    /** Until some backend of this database waits for a row lock (the ingest's FOR UPDATE). */
    async function untilAnIngestWaits(): Promise<void> {
      for (let i = 0; i < 500; i++) {
        const { rows } = await observer.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the ingest never waited for the lock');
    }

    it('stores the receipt as a new chain when its subject is purged while it waits for the lock', async () => {
      for (let round = 0; round < 3; round++) {
        const subjectId = newSubjectId();
        await storage.ingest(prepared(receipt({ subjectId, clientTime: T0 })), ctx(T0));

        // The purge's slice for this subject: lock it, then (later) delete its receipts and the row.
        await purger.query('BEGIN');
        await purger.query('SELECT subject_id FROM subjects WHERE subject_id = ANY($1) ORDER BY subject_id FOR UPDATE', [[subjectId]]);
        const later = new Date(T0.getTime() + 400 * 86_400_000);
        const fresh = receipt({ subjectId, clientTime: later });
        const ingest = storage.ingest(prepared(fresh), ctx(later));
        ingest.catch(() => undefined);
        await untilAnIngestWaits();
        await purger.query('DELETE FROM receipts WHERE subject_id = $1', [subjectId]);
        await purger.query('DELETE FROM subjects WHERE subject_id = $1', [subjectId]);
        await purger.query('COMMIT');

        await expect(ingest).resolves.toEqual(['accepted']);
        const stored = await storage.subject(subjectId);
        expect(stored?.receipts.map((r) => [r.receipt.receiptId, r.seq, r.prevHash])).toEqual([[fresh.receiptId, 1, GENESIS_HASH]]);
        expect(verifyChain(testKeys(), stored?.receipts ?? []).valid).toBe(true);
      }
    });
  });
}
