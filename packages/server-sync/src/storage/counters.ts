/** The counters aggregate: fixed-window rate-limit counters shared by every instance. */
import { chunks, placeholders, ROWS_PER_STATEMENT, type SqlDriver } from './sql.js';

export interface CountersRepository {
  addHits(windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>>;
  dropRateWindows(before: number): Promise<void>;
}

export function countersRepository(driver: SqlDriver): CountersRepository {
  return {
    async addHits(windowStart, hits) {
      const totals = new Map<string, number>();
      // Sorted, so two instances flushing overlapping buckets lock them in the same order.
      for (const part of chunks([...hits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), ROWS_PER_STATEMENT)) {
        const rows = await driver.volatileWrite<{ bucket: string; hits: number }>(
          `INSERT INTO rate_limits (bucket, window_ms, hits) VALUES ${part.map(() => placeholders(3)).join(', ')}
           ON CONFLICT (bucket, window_ms) DO UPDATE SET hits = rate_limits.hits + excluded.hits
           RETURNING bucket, hits`,
          part.flatMap(([bucket, n]) => [bucket, windowStart, n]),
        );
        for (const r of rows) totals.set(r.bucket, Number(r.hits));
      }
      return totals;
    },
    async dropRateWindows(before) {
      await driver.volatileWrite('DELETE FROM rate_limits WHERE window_ms < ? RETURNING bucket', [before]);
    },
  };
}
