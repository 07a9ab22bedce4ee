import { join } from 'node:path';
import { describe } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import { tempDir, testKeys } from './fixtures.js';
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
