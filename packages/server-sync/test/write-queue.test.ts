/**
 * SQLite's write queue: requests go before housekeeping, housekeeping never runs twice in a row,
 * and a saturated writer still gets its housekeeping done.
 */
import { describe, expect, it } from 'vitest';
import { STARVE_MS, writeQueue } from '../src/storage/write-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('write queue', () => {
  it('runs foreground jobs one at a time, in order, each with its own outcome', async () => {
    const q = writeQueue();
    const order: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      expect(++running).toBe(1);
      await sleep(2);
      order.push(name);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([q.run(job('a')), q.run(job('b', true)), q.run(job('c'))]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    await q.idle();
  });

  it('lets requests queued behind a running job go before housekeeping queued earlier', async () => {
    const q = writeQueue();
    const order: string[] = [];
    const first = q.run(async () => {
      await sleep(10);
      order.push('request 1');
    });
    const housekeeping = q.runBackground(async () => order.push('slice'));
    const second = q.run(async () => order.push('request 2'));
    await Promise.all([first, housekeeping, second]);
    expect(order).toEqual(['request 1', 'request 2', 'slice']);
  });

  it('after a background job, keeps the writer for requests at least twice as long as that job took', async () => {
    const q = writeQueue();
    const spans: { name: string; start: number; end: number }[] = [];
    const timed = (name: string, ms: number) => async () => {
      const start = performance.now();
      await sleep(ms);
      spans.push({ name, start, end: performance.now() });
    };
    // A purge slice of 30 ms, then a checkpoint pause asked for while it ran.
    const slice = q.runBackground(timed('slice', 30));
    await sleep(5);
    const pause = q.runBackground(timed('pause', 5));
    // A request arriving during the slice runs right after it, before the pause.
    const request = q.run(timed('request', 1));
    await Promise.all([slice, pause, request]);
    expect(spans.map((s) => s.name)).toEqual(['slice', 'request', 'pause']);
    const [s, , p] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
    // The pause waited twice the slice's length after it (timers may fire a little early).
    expect(p.start - s.end).toBeGreaterThanOrEqual(2 * (s.end - s.start) - 2);
  });

  it('runs a background job that requests keep waiting once it has waited STARVE_MS', async () => {
    const q = writeQueue();
    let stop = false;
    let requests = 0;
    // A saturated writer: a request always waits.
    const flood = (async () => {
      const inFlight: Promise<unknown>[] = [];
      while (!stop) {
        inFlight.push(q.run(async () => {
          requests++;
          await sleep(1);
        }));
        if (inFlight.length > 4) await inFlight.shift();
      }
      await Promise.all(inFlight);
    })();
    const t0 = performance.now();
    await q.runBackground(async () => undefined);
    const waited = performance.now() - t0;
    stop = true;
    await flood;
    expect(requests).toBeGreaterThan(10);
    expect(waited).toBeGreaterThanOrEqual(STARVE_MS - 2);
    expect(waited).toBeLessThan(STARVE_MS + 250);
  });

  it('idle() waits for background jobs not yet ready', async () => {
    const q = writeQueue();
    const done: string[] = [];
    void q.runBackground(async () => {
      await sleep(20);
      done.push('first');
    });
    void q.runBackground(async () => done.push('second'));
    await q.idle();
    expect(done).toEqual(['first', 'second']);
  });
});
