import { describe, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import { testKeys } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';
import { storageSuite } from './storage-suite.js';

if (!PG_URL) {
  describe('storage adapter: PostgreSQL', () => {
    it.skip('SKIPPED: TEST_DATABASE_URL is not set (run under scripts/with-postgres.sh)', () => {});
  });
} else {
  describe('storage adapter: PostgreSQL', () => {
    storageSuite(async () => {
      const db = await freshDatabase();
      const target = { kind: 'postgres' as const, url: db.url, poolSize: 4 };
      const storage = await openStorage(target, testKeys());
      return {
        storage,
        reopen: () => openStorage(target, testKeys()),
        async cleanup() {
          await storage.close();
          await db.drop();
        },
      };
    });
  });
}
