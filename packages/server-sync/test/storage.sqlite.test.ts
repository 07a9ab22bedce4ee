import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import { prepared, receipt, tempDir, testKeys } from './fixtures.js';
import { storageSuite } from './storage-suite.js';

describe('storage adapter: SQLite', () => {
  storageSuite(async () => {
    const { dir, cleanup } = tempDir();
    const target = { kind: 'sqlite' as const, file: join(dir, 'test.db') };
    const storage = await openStorage(target, testKeys());
    return {
      storage,
      reopen: () => openStorage(target, testKeys()),
      async cleanup() {
        await storage.close();
        cleanup();
      },
    };
  });
});

describe('storage adapter: SQLite :memory:', () => {
  it('works without a file (tests, throwaway demos)', async () => {
    const storage = await openStorage({ kind: 'sqlite', file: ':memory:' }, testKeys());
    try {
      const r = receipt();
      expect(await storage.ingest(prepared(r, r), { now: new Date(), policyVersion: 'p1' })).toEqual(['accepted', 'duplicate']);
      expect((await storage.subject(r.subjectId))?.receipts).toHaveLength(1);
      expect((await storage.createLink(r.subjectId, 'f'.repeat(64), { now: new Date(), policyVersion: 'p1' })).ok).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
