/**
 * Fixed-window request limits per client, keyed by a keyed hash of the client address (no
 * address is stored).
 * - `instance`: counted in this process. With N instances a client gets up to N× the limit.
 * - `shared`: counted in the database, so every instance on one PostgreSQL sees the same total.
 *   Each instance adds its hits in one statement every `flushMs` (not one query per request) and
 *   decides from the last shared total plus its own unflushed hits. Buckets past half the limit
 *   are re-read at every flush, so a client can exceed the limit by at most what other instances
 *   admitted for it within the last `flushMs`.
 */
import type { Storage } from './storage/types.js';

export interface RateLimiter {
  /** Counts a request; resolves false when the client is over its limit for the current window. */
  allow(clientKey: string, now: number): Promise<boolean>;
  /** Forgets windows that ended. */
  prune(now: number): Promise<void>;
  /** Pushes unflushed hits (shared scope). */
  flush(): Promise<void>;
}

export function memoryLimiter(limit: number, windowMs: number): RateLimiter {
  let window = -1;
  let hits = new Map<string, number>();
  return {
    async allow(key, now) {
      const w = Math.floor(now / windowMs);
      if (w !== window) {
        window = w;
        hits = new Map();
      }
      const n = (hits.get(key) ?? 0) + 1;
      hits.set(key, n);
      return n <= limit;
    },
    async prune() {},
    async flush() {},
  };
}

export function sharedLimiter(storage: Storage, limit: number, windowMs: number, flushMs = 100): RateLimiter {
  let windowStart = -1;
  let known = new Map<string, number>();
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    timer = null;
    if (!pending.size) return flushing;
    const batch = pending;
    // Refresh clients near their limit too (adding 0), to see what other instances counted.
    for (const [k, n] of known) if (n * 2 >= limit && !batch.has(k)) batch.set(k, 0);
    const start = windowStart;
    pending = new Map();
    flushing = flushing.then(async () => {
      try {
        const totals = await storage.addHits(start, batch);
        if (start === windowStart) for (const [k, n] of totals) known.set(k, Math.max(n, known.get(k) ?? 0));
      } catch {
        // Storage briefly unavailable: keep counting these hits locally and retry with the next flush.
        if (start === windowStart) for (const [k, n] of batch) pending.set(k, (pending.get(k) ?? 0) + n);
      }
    });
    return flushing;
  };

  return {
    async allow(key, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      if (start !== windowStart) {
        windowStart = start;
        known = new Map();
        pending = new Map();
      }
      const mine = pending.get(key) ?? 0;
      if ((known.get(key) ?? 0) + mine >= limit) return false;
      pending.set(key, mine + 1);
      if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
      return true;
    },
    prune: (now) => storage.dropRateWindows(Math.floor(now / windowMs) * windowMs),
    async flush() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}
