import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLimiter, sharedLimiter } from '../src/rate-limit.js';
import { openStorage } from '../src/storage/index.js';
import type { Storage } from '../src/storage/types.js';
import { tempDir, testKeys } from './fixtures.js';

describe('rate limiters', () => {
  it('instance scope: limit per window, reset by the next window', async () => {
    const l = memoryLimiter(3, 1000);
    const r = [];
    for (let i = 0; i < 4; i++) r.push(await l.allow('c', 5000));
    expect(r).toEqual([true, true, true, false]);
    expect(await l.allow('other', 5000)).toBe(true);
    expect(await l.allow('c', 6000)).toBe(true);
  });

  describe('shared scope', () => {
    let storage: Storage;
    let cleanup: () => void;
    beforeAll(async () => {
      const tmp = tempDir();
      cleanup = tmp.cleanup;
      storage = await openStorage({ kind: 'sqlite', file: join(tmp.dir, 'rl.db') }, testKeys());
    });
    afterAll(async () => {
      await storage.close();
      cleanup();
    });

    it('two instances share one count once their hits are flushed', async () => {
      const a = sharedLimiter(storage, 5, 60_000, 10);
      const b = sharedLimiter(storage, 5, 60_000, 10);
      const now = 120_000;
      for (let i = 0; i < 3; i++) expect(await a.allow('c', now)).toBe(true);
      await a.flush();
      expect(await b.allow('c', now)).toBe(true);
      expect(await b.allow('c', now)).toBe(true);
      await b.flush();
      expect(await b.allow('c', now)).toBe(false);
      await a.flush();
      await a.allow('warm', now);
      await a.flush();
      // a learns the shared total at its next flush of that bucket.
      expect(await a.allow('c', now)).toBe(false);
    });
  });
});
