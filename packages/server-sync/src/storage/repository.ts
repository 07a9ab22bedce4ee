/**
 * The storage of server-sync, assembled from one module per aggregate: ingest (ingest.ts),
 * subjects (subjects.ts: export, erase, notices), links and their events (links.ts), retention
 * (retention.ts), rate counters (counters.ts), the console's insight counters (insights.ts) and its
 * users, sessions and audit log (console.ts). Statements are written once, in SQL both SQLite
 * and PostgreSQL accept; where they differ (multi-row inserts, IN lists, row locks, the event feed
 * lock) the driver supplies that part.
 */
import type { Keyring } from '../keys.js';
import { consoleRepository } from './console.js';
import { countersRepository } from './counters.js';
import { ingestRepository } from './ingest.js';
import { insightsRepository } from './insights.js';
import { linksRepository } from './links.js';
import { retentionRepository } from './retention.js';
import type { SqlDriver } from './sql.js';
import { subjectsRepository } from './subjects.js';
import type { Storage } from './types.js';

export function createRepository(driver: SqlDriver, keys: Keyring): Storage {
  return {
    dialect: driver.dialect,
    ...ingestRepository(driver, keys),
    ...subjectsRepository(driver),
    ...linksRepository(driver),
    ...retentionRepository(driver),
    ...insightsRepository(driver),
    ...consoleRepository(driver),
    ...countersRepository(driver),
    async ping() {
      try {
        await driver.read.all('SELECT 1 AS one');
        return true;
      } catch {
        return false;
      }
    },
    close: () => driver.close(),
  };
}
