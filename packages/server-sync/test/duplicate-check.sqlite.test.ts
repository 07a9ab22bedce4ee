/**
 * A retried receipt is found by its identity, not by reading its subject's chain: checking a
 * commit's receipts for duplicates costs the same for subjects with hundreds of receipts as for
 * new ones. (Schema version 2 read every receipt of each subject in the commit; with chains of 500
 * duplicates took 3–4 times as long to find as on fresh subjects.)
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import type { PreparedReceipt } from '../src/storage/types.js';
import { newSubjectId, prepared, receipt, tempDir, testKeys } from './fixtures.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('the duplicate check (SQLite)', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('costs the same whether the subjects hold 500 receipts each or one', async () => {
    const storage = await openStorage({ kind: 'sqlite', file: join(dir, 'dup.db') }, testKeys());
    try {
      const ctx = { now: new Date(), policyVersion: 'p1' };
      const SUBJECTS = 40;
      const CHAIN = 500;
      const long = Array.from({ length: SUBJECTS }, newSubjectId);
      const short = Array.from({ length: SUBJECTS }, newSubjectId);
      // One stored receipt of each subject, sent again later as a retry.
      const retryLong: PreparedReceipt[] = [];
      const retryShort: PreparedReceipt[] = [];
      for (let round = 0; round < CHAIN; round++) {
        const batch = prepared(...long.map((subjectId) => receipt({ subjectId })));
        if (round === 0) retryLong.push(...batch);
        expect(new Set(await storage.ingest(batch, ctx))).toEqual(new Set(['accepted']));
      }
      const fresh = prepared(...short.map((subjectId) => receipt({ subjectId })));
      retryShort.push(...fresh);
      await storage.ingest(fresh, ctx);

      // A commit of duplicates only writes nothing (no fsync): its time is the check's CPU, and
      // interleaving the two kinds and taking medians leaves out a busy machine's pauses.
      const cost = async (batch: PreparedReceipt[]) => {
        const t0 = performance.now();
        const statuses = await storage.ingest(batch, ctx);
        const us = (performance.now() - t0) * 1000;
        expect(new Set(statuses)).toEqual(new Set(['duplicate']));
        return us;
      };
      const longCosts: number[] = [];
      const shortCosts: number[] = [];
      for (let i = 0; i < 41; i++) {
        longCosts.push(await cost(retryLong));
        shortCosts.push(await cost(retryShort));
      }
      const ratio = median(longCosts) / median(shortCosts);
      expect(ratio, `median µs: chains of ${CHAIN} ${median(longCosts).toFixed(0)}, of 1 ${median(shortCosts).toFixed(0)}`).toBeLessThan(2);
    } finally {
      await storage.close();
    }
  });
});
