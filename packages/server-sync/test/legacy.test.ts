/**
 * Databases written before receipts were hashed over RFC 8785 keep verifying after every
 * migration, on both engines. Two histories of the same subject:
 * - rows the release before issue 17 stored (legacy-v1.fixture.json, schema version 1: hex hashes,
 *   JSON bodies), migrated to the current schema;
 * - the same database after the release of issue 17 migrated it to version 2 and stored two more
 *   receipts (legacy-v2.fixture.json: hashes as bytes, compressed bodies, service ids that order
 *   differently in the two schemes), then migrated to the current schema.
 * Each is read back with its scheme (`js-sorted-keys`), verifies, matches the export the release
 * that wrote it gave, and its chain goes on with RFC 8785 receipts.
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
import type { SqlDriver, SqlValue } from '../src/storage/sql.js';
import { openSqlite } from '../src/storage/sqlite-driver.js';
import { prepared, receipt, tempDir } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';

/** A column value as a fixture holds it: byte columns as `{ hex }`. */
type Cell = string | number | null | { hex: string };
interface Fixture {
  signingKeys: string;
  tables: Partial<Record<'subjects' | 'receipts' | 'notices', Record<string, Cell>[]>>;
  export: { subjectId: string; receipts: Omit<SealedReceipt, 'canonicalization'>[] };
}
const load = (name: string) => JSON.parse(readFileSync(join(__dirname, name), 'utf8')) as Fixture;
const v1 = load('legacy-v1.fixture.json');
const v2 = load('legacy-v2.fixture.json');
const keys = makeKeyring(parseSigningKeys(v1.signingKeys), Buffer.from('33'.repeat(32), 'hex'));
const subjectId = v1.export.subjectId;

async function insertRows(driver: SqlDriver, tables: Fixture['tables']): Promise<void> {
  await driver.transaction(async (tx) => {
    for (const [table, rows] of Object.entries(tables)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        const values = Object.values(row).map((v): SqlValue => (v !== null && typeof v === 'object' ? Buffer.from(v.hex, 'hex') : v));
        await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
      }
    }
  });
}

/** A database as a previous release left it: the migrations it knew, and the rows it stored. */
async function writtenBy(release: 'v1' | 'v2', driver: SqlDriver): Promise<void> {
  await migrate(driver, MIGRATIONS.filter((m) => m.version === 1));
  await insertRows(driver, v1.tables);
  if (release === 'v2') {
    // Issue 17's release migrated it to version 2, then stored receipts 4 and 5 (and a new notice),
    // moving the subject's chain head.
    await migrate(driver, MIGRATIONS.filter((m) => m.version <= 2));
    await driver.transaction((tx) => tx.run('DELETE FROM subjects WHERE subject_id = ?', [subjectId]));
    await insertRows(driver, v2.tables);
  }
  await driver.close();
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function upgradeAndContinue(release: 'v1' | 'v2', target: StorageTarget): Promise<void> {
  const stored = (release === 'v1' ? v1 : v2).export.receipts;
  const n = stored.length;
  const storage = await openStorage(target, keys); // applies the migrations the release lacked
  try {
    const before = await storage.subject(subjectId);
    expect(before?.receipts.map((r) => r.canonicalization)).toEqual(stored.map(() => 'js-sorted-keys'));
    expect(before?.receipts.map(({ canonicalization: _, ...r }) => r)).toEqual(stored);
    expect(verifyChain(keys, before?.receipts ?? [])).toEqual({ valid: true, receipts: n, problems: [] });
    // The label matters: these receipts list integer-like service ids, which RFC 8785 orders otherwise.
    const relabelled = before?.receipts.map((x) => ({ ...x, canonicalization: 'rfc8785' as const })) ?? [];
    expect(verifyChain(keys, relabelled).valid).toBe(false);

    // The chain goes on with receipts hashed over RFC 8785.
    const next = receipt({ subjectId, clientTime: new Date('2026-06-01T11:30:00.000Z') });
    // Integer-like service ids: "10" sorts before "9" in RFC 8785, after it in JavaScript's order.
    for (const id of ['9', '10']) next.services[id] = { category: 'advertising', granted: false, basis: 'consent', saleOrShare: false };
    await storage.ingest(prepared(next), { now: new Date('2026-06-02T00:00:00.000Z'), policyVersion: 'p1' });
    const after = await storage.subject(subjectId);
    const last = after?.receipts.at(-1) as SealedReceipt;
    expect(last).toMatchObject({ seq: n + 1, canonicalization: 'rfc8785', prevHash: before?.receipts.at(-1)?.hash });
    expect(verifyChain(keys, after?.receipts ?? [])).toEqual({ valid: true, receipts: n + 1, problems: [] });
    // …and anyone can recompute its hash with a standard JCS library.
    const { receipt: r, seq, serverTime, prevHash } = last;
    expect(sha256(canonicalize({ prevHash, receipt: r, seq, serverTime }) as string)).toBe(last.hash);
    // The old scheme would not give it: a verifier must follow each receipt's scheme.
    const tampered = after?.receipts.map((x) => ({ ...x, canonicalization: 'js-sorted-keys' as const })) ?? [];
    expect(verifyChain(keys, tampered).problems).toEqual([{ seq: n + 1, problem: 'hash does not match the receipt' }]);
  } finally {
    await storage.close();
  }
}

let cleanup: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe.each(['v1', 'v2'] as const)('receipts stored before RFC 8785, by the release of schema version %s', (release) => {
  it('SQLite: migrate, verify with their scheme, and the chain goes on', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, 'previous.db');
    await writtenBy(release, openSqlite({ file }));
    await upgradeAndContinue(release, { kind: 'sqlite', file });
  });

  it.skipIf(!PG_URL)('PostgreSQL: migrate, verify with their scheme, and the chain goes on', async () => {
    const db = await freshDatabase();
    cleanup = db.drop;
    await writtenBy(release, openPostgres({ connectionString: db.url }));
    await upgradeAndContinue(release, { kind: 'postgres', url: db.url, poolSize: 2 });
  });
});
