/** Opens the configured engine, applies pending migrations, and returns the storage. */
import type { Keyring } from '../keys.js';
import { migrate } from './migrations.js';
import { openPostgres } from './pg-driver.js';
import { createRepository } from './repository.js';
import type { SqlDriver } from './sql.js';
import { openSqlite } from './sqlite-driver.js';
import type { Storage } from './types.js';

export type StorageTarget =
  | { kind: 'sqlite'; file: string; synchronous?: 'FULL' | 'NORMAL' }
  | {
      kind: 'postgres';
      url: string;
      /** Connections per instance (default 10). */
      poolSize?: number;
      /** Ingest transactions in flight per instance, each for its own share of the subjects (default 2). */
      commitLanes?: number;
    };

export async function openStorage(target: StorageTarget, keys: Keyring): Promise<Storage> {
  const driver: SqlDriver =
    target.kind === 'sqlite'
      ? openSqlite({ file: target.file, synchronous: target.synchronous })
      : openPostgres({ connectionString: target.url, max: target.poolSize });
  try {
    await migrate(driver);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw err;
  }
  return createRepository(driver, keys);
}

export type * from './types.js';
