/**
 * The databases a storage test runs on: SQLite in a temporary folder always, and PostgreSQL in a
 * fresh database of the TEST_DATABASE_URL cluster when that is set. Use with `describe.each`.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStorage, type StorageTarget } from '../src/storage/index.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import type { SqlDriver } from '../src/storage/sql.js';
import { openSqlite } from '../src/storage/sqlite-driver.js';
import type { Storage } from '../src/storage/types.js';
import { tempDir, testKeys } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';

export interface Engine {
  /** Where `openStorage` opens it. */
  target: StorageTarget;
  /** A driver of its own on the same database, for migrations and SQL the storage does not offer. */
  driver: () => SqlDriver;
  /** Removes the database. */
  cleanup(): Promise<void>;
}

export interface EngineOptions {
  /** The SQLite file's name in its temporary folder. */
  file: string;
  /** PostgreSQL connections of the storage's pool, and of `driver()`'s. Default 2 and 2. */
  poolSize?: number;
  driverConnections?: number;
}

/** `[name, open]` for each engine available here. */
export function storageEngines({ file, poolSize = 2, driverConnections = 2 }: EngineOptions): [string, () => Promise<Engine>][] {
  const engines: [string, () => Promise<Engine>][] = [
    ['SQLite', async () => {
      const { dir, cleanup } = tempDir();
      const path = join(dir, file);
      return { target: { kind: 'sqlite', file: path }, driver: () => openSqlite({ file: path }), cleanup: async () => cleanup() };
    }],
  ];
  if (PG_URL) {
    engines.push(['PostgreSQL', async () => {
      const db = await freshDatabase();
      return {
        target: { kind: 'postgres', url: db.url, poolSize },
        driver: () => openPostgres({ connectionString: db.url, max: driverConnections }),
        cleanup: db.drop,
      };
    }]);
  }
  return engines;
}

/**
 * A fresh database per test, inside a `describe`: `start()` opens the engine and a storage on it;
 * `stop()` closes the storage and `reopen()` opens one again on the same database (for what must
 * run with the service down); after each test the storage is closed and the database removed.
 */
export function storagePerTest(open: () => Promise<Engine>): {
  start(): Promise<Storage>;
  stop(): Promise<void>;
  reopen(): Promise<Storage>;
  engine(): Engine;
} {
  let engine: Engine | undefined;
  let storage: Storage | undefined;
  const current = (): Engine => {
    if (!engine) throw new Error('start() first');
    return engine;
  };
  const stop = async () => {
    await storage?.close();
    storage = undefined;
  };
  afterEach(async () => {
    await stop();
    await engine?.cleanup();
    engine = undefined;
  });
  return {
    async start() {
      engine = await open();
      storage = await openStorage(engine.target, testKeys());
      return storage;
    },
    stop,
    async reopen() {
      await stop();
      storage = await openStorage(current().target, testKeys());
      return storage;
    },
    engine: current,
  };
}
