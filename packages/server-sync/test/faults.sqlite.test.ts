/**
 * SQLite on a full disk: the server answers 503 with Retry-After and logs why, the file stays
 * intact, and ingest resumes once space returns. The disk is a small tmpfs mounted for the test
 * (root only; skipped elsewhere), filled by a file the test then deletes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '@assent/sdk/schema';
import { verifyChain } from '../src/seal.js';
import { openStorage } from '../src/storage/index.js';
import { kill, startChild } from './child-server.js';
import { newSubjectId, receipt, testKeys } from './fixtures.js';
import { call } from './http-client.js';

const KEY = 'disk-full-test-api-key';
const dir = mkdtempSync(join(tmpdir(), 'assent-full-'));
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]).status === 0;
if (!mounted) rmSync(dir, { recursive: true, force: true });

describe.skipIf(!mounted)('SQLite on a full disk (a 3 MB tmpfs)', () => {
  beforeAll(() => {
    // Leaves about 600 KB for the database, its WAL and shared memory.
    writeFileSync(join(dir, 'filler'), Buffer.alloc(2400 * 1024, 1));
  });
  afterAll(() => {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After with a clear log line, keeps the file intact, and recovers when space returns', async () => {
    const file = join(dir, 'assent.db');
    const server = await startChild({
      ASSENT_API_KEY: KEY, ASSENT_SIGNING_KEYS: `k2:${'22'.repeat(32)},k1:${'11'.repeat(32)}`, ASSENT_JOIN_KEY: '33'.repeat(32),
      ASSENT_POLICY_VERSION: 'p1', ASSENT_RATE_LIMIT: '1000000000', ASSENT_DB_FILE: file,
    });
    const subjects = Array.from({ length: 10 }, newSubjectId);
    const acked: Receipt[] = [];
    try {
      let full: Awaited<ReturnType<typeof call>> | null = null;
      for (let i = 0; i < 3000 && !full; i++) {
        const batch = Array.from({ length: 10 }, (_, j) => receipt({ subjectId: subjects[(i + j) % subjects.length] }));
        const res = await call(server.url, 'POST', '/v1/receipts', { body: { receipts: batch } });
        if (res.status === 202) acked.push(...batch);
        else if (res.status === 503) full = res;
        else throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      }
      expect(full?.status).toBe(503);
      expect(full?.headers.get('retry-after')).toBe('30');
      expect(acked.length).toBeGreaterThan(0);
      expect(server.output()).toMatch(/"event":"storage_unavailable".*disk is full or failing \(SQLITE_FULL\)/);

      // Space returns: the next receipts are stored.
      rmSync(join(dir, 'filler'));
      const after = Array.from({ length: 5 }, (_, j) => receipt({ subjectId: subjects[j] }));
      const res = await call(server.url, 'POST', '/v1/receipts', { body: { receipts: after } });
      expect(res.status).toBe(202);
      acked.push(...after);
    } finally {
      await kill(server);
    }

    const db = new Database(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db.prepare('SELECT receipt_id AS id FROM receipts').all() as { id: string }[];
      const ids = new Set(stored.map((r) => r.id));
      expect(ids.size).toBe(stored.length);
      expect(acked.filter((r) => !ids.has(r.receiptId))).toEqual([]);
    } finally {
      db.close();
    }
    const storage = await openStorage({ kind: 'sqlite', file }, testKeys());
    try {
      for (const subjectId of subjects) expect(verifyChain(testKeys(), (await storage.subject(subjectId))?.receipts ?? []).valid).toBe(true);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
