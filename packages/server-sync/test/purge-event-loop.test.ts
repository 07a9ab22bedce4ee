/**
 * A retention purge never holds the event loop for long, however many subjects a month has
 * (issue 17). The purge checks every subject whose receipts it deleted, 200 per transaction; it
 * used to sort all of them first, in one go on the event loop: 75-90 ms for the 155,000 subjects
 * of a month at 10M receipts (bench/server-sync-purge.mjs on PostgreSQL: the server's event-loop
 * delay peaked at 75-85 ms during every purge, 15-28 ms at 1M), more for a bigger month, and
 * every request of the server waited meanwhile.
 *
 * The retention aggregate runs here on an in-memory driver that answers its statements at once
 * (one receipt per subject, 500,000 subjects, all past retention), so that what holds the event
 * loop is the purge's own work and not a database's I/O, which each engine bounds in its own way
 * (slices of about 20 ms). A timer ticks every 5 ms while the purge runs; the longest gap between
 * two ticks, less the time this thread waited for a CPU (other jobs on the machine), is how long
 * the event loop was held.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { retentionRepository } from '../src/storage/retention.js';
import type { SqlDriver, SqlExecutor, SqlValue } from '../src/storage/sql.js';

const SUBJECTS = 500_000;
const BOUND_MS = 50;
const TICK_MS = 5;

/** How long this thread has waited for a CPU, in ms (Linux; 0 elsewhere, where nothing is taken off). */
function cpuWaitMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0;
  }
}

/**
 * The statements retention.ts issues, answered from memory: receipt i belongs to subject i and
 * was stored at time i; no links, no link events; every candidate subject has nothing left.
 */
function memoryDriver(subjectIds: readonly string[]): SqlDriver & { lockedSubjects: number } {
  let next = 0; // receipts before `next` are deleted
  const driver = {
    lockedSubjects: 0,
  } as SqlDriver & { lockedSubjects: number };
  const exec: SqlExecutor = {
    async all<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      if (sql.startsWith('SELECT server_ms AS t FROM receipts')) {
        const [before, offset] = params as number[];
        const at = next + (offset as number);
        return (at < subjectIds.length && at < (before as number) ? [{ t: at }] : []) as T[];
      }
      if (sql.startsWith('DELETE FROM receipts')) {
        const upTo = Math.min(params[0] as number, subjectIds.length);
        const gone: { subject_id: string }[] = [];
        for (; next < upTo; next++) gone.push({ subject_id: subjectIds[next] as string });
        return gone as T[];
      }
      if (sql.startsWith('DELETE FROM links') || sql.startsWith('SELECT at_ms AS t FROM link_events')) return [];
      if (sql.startsWith('SELECT') && sql.includes('FROM subjects')) {
        driver.lockedSubjects += (params[0] as readonly string[]).length;
        return [];
      }
      throw new Error(`unexpected statement: ${sql}`);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      if (sql.startsWith('DELETE FROM link_events')) return 0;
      if (sql.startsWith('DELETE FROM subjects')) return params.length - 1;
      throw new Error(`unexpected statement: ${sql}`);
    },
    async runEach() {
      throw new Error('unexpected runEach');
    },
  };
  return Object.assign(driver, {
    dialect: 'postgres' as const,
    forUpdate: ' FOR UPDATE',
    read: exec,
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => fn(exec),
    snapshot: <T>(fn: (tx: SqlExecutor) => Promise<T>) => fn(exec),
    volatileWrite: () => Promise.reject(new Error('unexpected volatileWrite')),
    lockEventFeed: async () => undefined,
    insertRows: () => Promise.reject(new Error('unexpected insertRows')),
    inList: (column: string, values: readonly string[]) => ({ sql: `${column} = ANY(?)`, params: [values] }),
    close: async () => undefined,
  });
}

describe('retention purge and the event loop', () => {
  it(`checks ${SUBJECTS.toLocaleString('en-US')} subjects without holding the event loop over ${BOUND_MS} ms`, async () => {
    const subjectIds = Array.from({ length: SUBJECTS }, () => randomBytes(16).toString('hex'));
    const driver = memoryDriver(subjectIds);
    const held: number[] = [];
    let last = performance.now();
    let lastCpuWait = cpuWaitMs();
    const ticker = setInterval(() => {
      const now = performance.now();
      const cpuWait = cpuWaitMs();
      held.push(now - last - TICK_MS - (cpuWait - lastCpuWait));
      last = now;
      lastCpuWait = cpuWait;
    }, TICK_MS);
    try {
      const counts = await retentionRepository(driver).purge({ receiptsBefore: new Date(SUBJECTS), linksBefore: new Date(0) });
      expect(counts).toEqual({ receipts: SUBJECTS, links: 0, linkEvents: 0, subjects: SUBJECTS });
    } finally {
      clearInterval(ticker);
    }
    // Every subject was locked and checked once.
    expect(driver.lockedSubjects).toBe(SUBJECTS);
    expect(held.length).toBeGreaterThan(100);
    const over = held.filter((ms) => ms > BOUND_MS).map((ms) => Math.round(ms));
    expect(over, `event loop held over ${BOUND_MS} ms (of ${held.length} ticks)`).toEqual([]);
  }, 120_000);
});
