import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openStorage } from '../src/storage/index.js';
import type { Storage } from '../src/storage/types.js';
import { tempDir, testKeys } from './fixtures.js';
import { commandsArb, runHistory } from './links-property.js';
import { freshDatabase, PG_URL } from './pg.js';

describe('link invariant over random histories: SQLite', () => {
  let instances: Storage[] = [];
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const open = () => openStorage({ kind: 'sqlite', file: join(tmp.dir, 'prop.db') }, testKeys());
    instances = [await open(), await open()];
  });
  afterAll(async () => {
    for (const s of instances) await s.close();
    cleanup();
  });
  it('holds after every step (two connections to one file)', async () => {
    await fc.assert(fc.asyncProperty(commandsArb, (cmds) => runHistory(instances, cmds)), { numRuns: 60 });
  }, 60_000);
});

describe.skipIf(!PG_URL)('link invariant over random histories: PostgreSQL, two instances', () => {
  let instances: Storage[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const open = () => openStorage({ kind: 'postgres', url: db.url, poolSize: 4 }, testKeys());
    instances = [await open(), await open()];
  });
  afterAll(async () => {
    for (const s of instances) await s.close();
    await drop?.();
  });
  it('holds after every step, whichever instance serves it', async () => {
    await fc.assert(fc.asyncProperty(commandsArb, (cmds) => runHistory(instances, cmds)), { numRuns: 40 });
  }, 60_000);
});
