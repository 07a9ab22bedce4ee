/** Opens the configured engine, applies pending migrations, and returns the storage. */
import type { Keyring } from '../keys.js';
import { migrate } from './migrations.js';
import { openPostgres } from './pg-driver.js';
import { createRepository } from './repository.js';
import type { SqlDriver } from './sql.js';
import { openSqlite } from './sqlite-driver.js';
import type { Storage } from './types.js';

export type StorageTarget =
  | {
      kind: 'sqlite';
      file: string;
      synchronous?: 'FULL' | 'NORMAL';
      /** Longest wait for a lock held by another process, ms (default 5,000); then 503. */
      statementTimeoutMs?: number;
    }
  | {
      kind: 'postgres';
      url: string;
      /** Longest a statement may run or a request wait for a connection, ms (default 0: none); then 503. */
      statementTimeoutMs?: number;
      /** Connections per instance (default 10). */
      poolSize?: number;
      /** Ingest transactions in flight per instance, each for its own share of the subjects (default 2). */
      commitLanes?: number;
    };

export async function openStorage(target: StorageTarget, keys: Keyring): Promise<Storage> {
  if (target.kind === 'postgres') {
    // Migrations may rewrite large tables: they run without the statement timeout, on their own connection.
    const migrator = openPostgres({ connectionString: target.url, max: 1 });
    try {
      await migrate(migrator);
    } finally {
      await migrator.close().catch(() => undefined);
    }
    return createRepository(
      openPostgres({ connectionString: target.url, max: target.poolSize, statementTimeoutMs: target.statementTimeoutMs }),
      keys,
    );
  }
  const driver: SqlDriver = openSqlite({ file: target.file, synchronous: target.synchronous, busyTimeoutMs: target.statementTimeoutMs });
  try {
    await migrate(driver);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw err;
  }
  return createRepository(driver, keys);
}

export type * from './types.js';
