import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import type { Storage } from '../src/storage/types.js';
import { tempDir, testKeys } from './fixtures.js';
import { commandsArb, runHistory } from './links-property.js';
import { freshDatabase, PG_URL } from './pg.js';

describe('link invariant over random histories: SQLite', () => {
  let storage: Storage;
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    storage = await openStorage({ kind: 'sqlite', file: join(tmp.dir, 'prop.db') }, testKeys());
  });
  afterAll(async () => {
    await storage.close();
    cleanup();
  });
  it('holds after every step', async () => {
    await fc.assert(fc.asyncProperty(commandsArb, (cmds) => runHistory(storage, cmds)), { numRuns: 60 });
  }, 60_000);
});

describe.skipIf(!PG_URL)('link invariant over random histories: PostgreSQL', () => {
  let storage: Storage;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    storage = await openStorage({ kind: 'postgres', url: db.url, poolSize: 4 }, testKeys());
  });
  afterAll(async () => {
    await storage.close();
    await drop();
  });
  it('holds after every step', async () => {
    await fc.assert(fc.asyncProperty(commandsArb, (cmds) => runHistory(storage, cmds)), { numRuns: 40 });
  }, 60_000);
});
