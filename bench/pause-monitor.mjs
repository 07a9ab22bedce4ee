// Where a Node process stopped answering, for bench/server-sync-stalls.mjs: its event loop's late
// wake-ups and its garbage collector's pauses, each with its start on CLOCK_MONOTONIC in ms (the
// clock of process.hrtime and of `perf trace -T`), so that the load generator, the server and the
// kernel's syscall trace can be laid on one time line.
import { PerformanceObserver } from 'node:perf_hooks';

/** CLOCK_MONOTONIC now, in ms. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
// performance.now() and its entries' startTime count from the process's start, on the same clock.
const offset = monotonicMs() - performance.now();
/** A performance-timeline time (performance.now(), an entry's startTime) on CLOCK_MONOTONIC, in ms. */
export const toMonotonic = (t) => t + offset;

const TICK_MS = 5;

/**
 * Records every event-loop wake-up at least `thresholdMs` late and every GC pause of at least
 * `thresholdMs`, calling `report({ kind: 'loop' | 'gc', at, ms, gc? })` for each (`at`: its start
 * on CLOCK_MONOTONIC). Returns a function that stops it.
 */
export function monitorPauses(thresholdMs, report) {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late >= thresholdMs) report({ kind: 'loop', at: toMonotonic(last + TICK_MS), ms: late });
    last = now;
  }, TICK_MS);
  timer.unref();
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration >= thresholdMs) report({ kind: 'gc', at: toMonotonic(e.startTime), ms: e.duration, gc: e.detail?.kind });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    clearInterval(timer);
    gc.disconnect();
  };
}
