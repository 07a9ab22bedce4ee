/**
 * Databases written before receipts were hashed over RFC 8785 keep verifying: rows the previous
 * release stored (legacy-v1.fixture.json, written by its build) are migrated, read back with their
 * scheme, verify, and their chain goes on with RFC 8785 receipts, on both engines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import type { SealedReceipt } from '@assent/sdk/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { makeKeyring, parseSigningKeys } from '../src/keys.js';
import { verifyChain } from '../src/seal.js';
import { openStorage, type StorageTarget } from '../src/storage/index.js';
import { MIGRATIONS, migrate } from '../src/storage/migrations.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import type { SqlDriver } from '../src/storage/sql.js';
import { openSqlite } from '../src/storage/sqlite-driver.js';
import { prepared, receipt, tempDir } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';

interface Fixture {
  signingKeys: string;
  tables: Record<'subjects' | 'receipts' | 'notices', Record<string, string | number | null>[]>;
  export: { subjectId: string; receipts: Omit<SealedReceipt, 'canonicalization'>[] };
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'legacy-v1.fixture.json'), 'utf8')) as Fixture;
const keys = makeKeyring(parseSigningKeys(fixture.signingKeys), Buffer.from('33'.repeat(32), 'hex'));
const subjectId = fixture.export.subjectId;

/** A database as the previous release left it: migration 1 only, its rows. */
async function previousRelease(driver: SqlDriver): Promise<void> {
  await migrate(driver, MIGRATIONS.filter((m) => m.version === 1));
  await driver.transaction(async (tx) => {
    for (const [table, rows] of Object.entries(fixture.tables)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
      }
    }
  });
  await driver.close();
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function upgradeAndContinue(target: StorageTarget): Promise<void> {
  const storage = await openStorage(target, keys); // applies migrations 2 (compact rows) and 3 (canonicalization)
  try {
    const before = await storage.subject(subjectId);
    expect(before?.receipts.map((r) => r.canonicalization)).toEqual(['js-sorted-keys', 'js-sorted-keys', 'js-sorted-keys']);
    expect(before?.receipts.map(({ canonicalization: _, ...r }) => r)).toEqual(fixture.export.receipts);
    expect(verifyChain(keys, before?.receipts ?? [])).toEqual({ valid: true, receipts: 3, problems: [] });

    // The chain goes on with receipts hashed over RFC 8785.
    const next = receipt({ subjectId, clientTime: new Date('2026-06-01T11:30:00.000Z') });
    // Integer-like service ids: "10" sorts before "9" in RFC 8785, after it in JavaScript's order.
    for (const id of ['9', '10']) next.services[id] = { category: 'advertising', granted: false, basis: 'consent', saleOrShare: false };
    await storage.ingest(prepared(next), { now: new Date('2026-06-02T00:00:00.000Z'), policyVersion: 'p1' });
    const after = await storage.subject(subjectId);
    const last = after?.receipts.at(-1) as SealedReceipt;
    expect(last).toMatchObject({ seq: 4, canonicalization: 'rfc8785', prevHash: before?.receipts.at(-1)?.hash });
    expect(verifyChain(keys, after?.receipts ?? [])).toEqual({ valid: true, receipts: 4, problems: [] });
    // …and anyone can recompute its hash with a standard JCS library.
    const { receipt: r, seq, serverTime, prevHash } = last;
    expect(sha256(canonicalize({ prevHash, receipt: r, seq, serverTime }) as string)).toBe(last.hash);
    // The old scheme would not give it: a verifier must follow each receipt's scheme.
    const tampered = after?.receipts.map((x) => ({ ...x, canonicalization: 'js-sorted-keys' as const })) ?? [];
    expect(verifyChain(keys, tampered).problems).toEqual([{ seq: 4, problem: 'hash does not match the receipt' }]);
  } finally {
    await storage.close();
  }
}

let cleanup: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('receipts stored before RFC 8785', () => {
  it('SQLite: migrate, verify with their scheme, and the chain goes on', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, 'previous.db');
    await previousRelease(openSqlite({ file }));
    await upgradeAndContinue({ kind: 'sqlite', file });
  });

  it.skipIf(!PG_URL)('PostgreSQL: migrate, verify with their scheme, and the chain goes on', async () => {
    const db = await freshDatabase();
    cleanup = db.drop;
    await previousRelease(openPostgres({ connectionString: db.url }));
    await upgradeAndContinue({ kind: 'postgres', url: db.url, poolSize: 2 });
  });
});
