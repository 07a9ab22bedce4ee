/**
 * SQLite's single writer, shared by requests and housekeeping. Jobs run one at a time.
 *
 * Foreground jobs (a request's commit) run in arrival order. Background jobs (a retention purge's
 * slices, the checkpoint worker's pauses) run only when no foreground job waits, and never back to
 * back: after one, the writer belongs to requests for at least twice as long as it took, so
 * housekeeping takes at most a third of the writer's time. With one FIFO, a checkpoint pause asked
 * for during a purge slice ran right after it, and the requests that came meanwhile waited for
 * both: 107 to 114 ms without an answer during a month's purge at 10M receipts. Now a request waits
 * behind one background job at most. (With half the writer's time for housekeeping, ingest p99
 * during that purge was 72-81 ms; with a third, 50-57 ms, and the purge takes 22 s instead of 16.)
 *
 * A background job that has been ready for STARVE_MS runs next whatever waits, so that a saturated
 * writer still purges and lets its WAL start over.
 */

/** How long a ready background job may be kept waiting by requests, in ms. */
export const STARVE_MS = 250;

interface Job {
  start(): Promise<void>;
  /** When it was queued (performance.now()). */
  since: number;
}

export interface WriteQueue {
  /** Runs `job` after the jobs queued before it. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Runs `job` when no request waits for the writer (or once it has waited STARVE_MS). */
  runBackground<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

export function writeQueue(): WriteQueue {
  const foreground: Job[] = [];
  const background: Job[] = [];
  let running = false;
  // Background jobs may start from this time on: the end of the last one plus twice its length.
  let backgroundFrom = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idlers: (() => void)[] = [];

  const enqueue = <T>(lane: Job[], job: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // A job runs even when the one before it failed; its own outcome goes to its caller only.
      lane.push({ start: () => Promise.resolve().then(job).then(resolve, reject), since: performance.now() });
      next();
    });

  function next(): void {
    if (running) return;
    const now = performance.now();
    const waiting = background[0];
    const ready = waiting !== undefined && now >= backgroundFrom;
    const starving = ready && now - Math.max(waiting.since, backgroundFrom) >= STARVE_MS;
    let job: Job | undefined;
    let isBackground = false;
    if (starving || (ready && foreground.length === 0)) {
      job = background.shift();
      isBackground = true;
    } else {
      job = foreground.shift();
    }
    if (!job) {
      if (waiting !== undefined) {
        // Only background work, not ready yet: come back when it is.
        timer ??= setTimeout(() => {
          timer = undefined;
          next();
        }, Math.max(1, backgroundFrom - now));
      } else {
        const done = idlers;
        idlers = [];
        for (const resolve of done) resolve();
      }
      return;
    }
    running = true;
    const t0 = performance.now();
    void job.start().then(() => {
      running = false;
      if (isBackground) {
        const t1 = performance.now();
        backgroundFrom = t1 + 2 * (t1 - t0);
      }
      next();
    });
  }

  return {
    run: (job) => enqueue(foreground, job),
    runBackground: (job) => enqueue(background, job),
    idle: () =>
      new Promise<void>((resolve) => {
        idlers.push(resolve);
        next();
      }),
  };
}
