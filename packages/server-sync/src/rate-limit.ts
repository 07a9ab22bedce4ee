/**
 * Fixed-window request limits per client. `instance` counts in this process (with N instances a
 * client gets up to N× the limit); `shared` counts in the database, so every instance on one
 * PostgreSQL sees the same count. Clients are keyed by a keyed hash: no address is stored.
 */
import type { Storage } from './storage/types.js';

export interface RateLimiter {
  /** Counts a request; resolves false when the client is over its limit for the current window. */
  allow(clientKey: string, now: number): Promise<boolean>;
  /** Forgets windows that ended. */
  prune(now: number): Promise<void>;
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
  };
}

export function sharedLimiter(storage: Storage, limit: number, windowMs: number): RateLimiter {
  return {
    async allow(key, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      return (await storage.countHit(key, start)) <= limit;
    },
    prune: (now) => storage.dropRateWindows(Math.floor(now / windowMs) * windowMs),
  };
}
