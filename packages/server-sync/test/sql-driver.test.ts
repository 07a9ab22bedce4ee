/**
 * The transaction contract both drivers keep: statements a transaction issues without awaiting
 * (pipelined on PostgreSQL) still decide whether it commits. And SQLite drivers sharing a file.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CorkingClient, openPostgres } from '../src/storage/pg-driver.js';
import { checkAtCommit, type SqlDriver } from '../src/storage/sql.js';
import type { WalRestart } from '../src/storage/sqlite-checkpointer.js';
import { openSqlite } from '../src/storage/sqlite-driver.js';
import { tempDir } from './fixtures.js';
import { freshDatabase, PG_URL } from './pg.js';

interface Opened {
  driver: SqlDriver;
  cleanup(): Promise<void>;
}

/** Issues without awaiting, as the repository does: the transaction reports the outcome. */
const issue = checkAtCommit;

const engines: [string, () => Promise<Opened>][] = [
  ['SQLite', async () => {
    const { dir, cleanup } = tempDir();
    const driver = openSqlite({ file: join(dir, 'driver.db') });
    return { driver, cleanup: async () => { await driver.close(); cleanup(); } };
  }],
];
if (PG_URL)
  engines.push(['PostgreSQL', async () => {
    const db = await freshDatabase();
    const driver = openPostgres({ connectionString: db.url, max: 2 });
    return { driver, cleanup: async () => { await driver.close(); await db.drop(); } };
  }]);
else
  describe('SQL drivers: PostgreSQL', () => {
    it.skip('SKIPPED: TEST_DATABASE_URL is not set (run under scripts/with-postgres.sh)', () => {});
  });

describe.each(engines)('SQL driver: %s', (_name, open) => {
  let opened: Opened | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });
  const setUp = async (): Promise<SqlDriver> => {
    opened = await open();
    await opened.driver.transaction(async (tx) => {
      await tx.run('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    });
    return opened.driver;
  };
  const ids = async (d: SqlDriver) => (await d.read.all<{ id: string }>('SELECT id FROM t ORDER BY id')).map((r) => r.id);

  it('commits statements issued without awaiting them', async () => {
    const d = await setUp();
    const result = await d.transaction(async (tx) => {
      issue(tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['a', 1]));
      issue(d.insertRows(tx, 'INSERT INTO t (id, n)', 2, [['b', 2], ['c', 3]]));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await ids(d)).toEqual(['a', 'b', 'c']);
  });

  it('rolls everything back when a statement nobody awaited fails, and reports its error', async () => {
    const d = await setUp();
    await d.transaction(async (tx) => void (await tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['a', 1])));
    const attempt = d.transaction(async (tx) => {
      issue(tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['b', 2]));
      // A duplicate key, issued after a good statement and followed by another one.
      issue(d.insertRows(tx, 'INSERT INTO t (id, n)', 2, [['c', 3], ['a', 4]]));
      issue(tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['d', 5]));
      return 'done';
    });
    await expect(attempt).rejects.toThrow(/unique|duplicate/i);
    expect(await ids(d)).toEqual(['a']);
    // The connection is still usable afterwards.
    await d.transaction(async (tx) => void (await tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['e', 6])));
    expect(await ids(d)).toEqual(['a', 'e']);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL connections: the socket the driver corks is the one pg writes to', () => {
  it('holds statements issued while corked and sends them together on uncork', async () => {
    const db = await freshDatabase();
    const client = new CorkingClient({ connectionString: db.url, pipeline: true } as pg.ClientConfig);
    try {
      await client.connect();
      // pg connected through the socket handed to it by the `stream` option.
      expect(client.socket.bytesWritten).toBeGreaterThan(0);
      client.socket.cork();
      let answered = false;
      const answers = Promise.all([client.query('SELECT 1 AS a'), client.query('SELECT 2 AS b'), client.query('SELECT 3 AS c')]);
      void answers.then(() => (answered = true), () => undefined);
      await new Promise((r) => setTimeout(r, 50));
      // Nothing left while corked: the three queries wait in the socket's buffer, unanswered.
      const held = client.socket.writableLength;
      client.socket.uncork();
      expect(held).toBeGreaterThan(0);
      expect(answered).toBe(false);
      const [a, b, c] = await answers;
      expect([a.rows[0], b.rows[0], c.rows[0]]).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
      expect(client.socket.writableLength).toBe(0);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});

describe('SQLite: two drivers on one file in a process', () => {
  it('share the write queue and the checkpoint worker; the last to close checkpoints the WAL away', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'shared.db');
    try {
      const a = openSqlite({ file });
      const b = openSqlite({ file });
      await a.transaction(async (tx) => void (await tx.run('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)')));
      // Each transaction stays open across a turn of the event loop: with a queue per driver, the
      // other's BEGIN would wait for the lock in busy_timeout, blocking the loop the first needs.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).transaction(async (tx) => {
            await tx.run('INSERT INTO t (id, who) VALUES (?, ?)', [i, i % 2 ? 'a' : 'b']);
            await new Promise((resolve) => setImmediate(resolve));
            await tx.run("UPDATE t SET who = who || '!' WHERE id = ?", [i]);
          }),
        ),
      );
      await a.close();
      await b.transaction(async (tx) => void (await tx.run('INSERT INTO t (id, who) VALUES (?, ?)', [40, 'b'])));
      expect(await b.read.all('SELECT COUNT(*) AS n, SUM(who LIKE ?) AS done FROM t', ['%!'])).toEqual([{ n: 41, done: 40 }]);
      await b.close();
      // The worker's connection was closed first, so the last one could checkpoint and remove the WAL.
      expect(existsSync(`${file}-wal`)).toBe(false);
    } finally {
      cleanup();
    }
  });
});

describe('SQLite: the WAL under steady commits', () => {
  const PAGE = 4096;
  const ROW = 'x'.repeat(3000); // a page of the table each

  /**
   * Commits of 8 rows for `ms`, a millisecond apart (32 MB of WAL a second at most, as a busy
   * server writes), with SQLite's own checkpoint in a commit (the backstop) off, so that the bound
   * comes from the worker's pauses: with neither rule able to fire, the WAL grew to 43-44 MB here.
   * Resolves to the WAL file's largest size seen and the rows written, once all were read back.
   */
  async function commitFor(walRestart: Partial<WalRestart>, ms: number): Promise<{ largest: number; rows: number }> {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'wal.db');
    const driver = openSqlite({ file, synchronous: 'NORMAL', walRestart });
    try {
      await driver.transaction(async (tx) => {
        await tx.run('CREATE TABLE t (id INTEGER PRIMARY KEY, pad TEXT NOT NULL)');
        await tx.all('PRAGMA wal_autocheckpoint = 0');
      });
      let largest = 0;
      let rows = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await driver.transaction(async (tx) => {
          for (let k = 0; k < 8; k++) await tx.run('INSERT INTO t (id, pad) VALUES (?, ?)', [rows++, ROW]);
        });
        largest = Math.max(largest, statSync(`${file}-wal`).size);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(await driver.read.all('SELECT COUNT(*) AS n, SUM(length(pad)) AS bytes FROM t')).toEqual([{ n: rows, bytes: rows * ROW.length }]);
      expect(await driver.read.all('PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }]);
      return { largest, rows };
    } finally {
      await driver.close();
      cleanup();
    }
  }

  it('starts over at once past maxPages, however recently it did, and loses nothing', async () => {
    const { largest, rows } = await commitFor({ minPages: 64, maxPages: 256, everyMs: 3_600_000 }, 1500);
    // Over 16 times the bound was written: without the pauses the WAL would hold it all.
    expect(rows * PAGE).toBeGreaterThan(16 * 256 * PAGE);
    expect(largest).toBeGreaterThan(256 * PAGE);
    expect(largest).toBeLessThan(8 * 256 * PAGE);
  }, 30_000);

  it('starts over every everyMs once past minPages, and loses nothing', async () => {
    const { largest, rows } = await commitFor({ minPages: 64, maxPages: 1_000_000, everyMs: 200 }, 1500);
    expect(rows * PAGE).toBeGreaterThan(16 * 256 * PAGE);
    // 200 ms of commits and the worker's pass and pause on top: far less than all that was written.
    expect(largest).toBeLessThan(rows * PAGE / 3);
  }, 30_000);
});

describe('SQLite: housekeeping transactions', () => {
  const synchronousIn = (driver: SqlDriver, opts?: { housekeeping: boolean }) =>
    driver.transaction(async (tx) => (await tx.all<{ synchronous: number }>('PRAGMA synchronous'))[0]?.synchronous, opts);

  it('commit without an fsync of their own, and requests after them are durable again, also after a failure', async () => {
    const { dir, cleanup } = tempDir();
    const driver = openSqlite({ file: join(dir, 'housekeeping.db') });
    try {
      // SQLite's codes: 1 = NORMAL (no fsync at commit in WAL mode), 2 = FULL.
      expect(await synchronousIn(driver)).toBe(2);
      expect(await synchronousIn(driver, { housekeeping: true })).toBe(1);
      expect(await synchronousIn(driver)).toBe(2);
      await expect(driver.transaction(async () => {
        throw new Error('slice failed');
      }, { housekeeping: true })).rejects.toThrow('slice failed');
      expect(await synchronousIn(driver)).toBe(2);
    } finally {
      await driver.close();
      cleanup();
    }
  });

  it('leave a driver opened with synchronous=NORMAL as it is', async () => {
    const { dir, cleanup } = tempDir();
    const driver = openSqlite({ file: join(dir, 'normal.db'), synchronous: 'NORMAL' });
    try {
      expect(await synchronousIn(driver, { housekeeping: true })).toBe(1);
      expect(await synchronousIn(driver)).toBe(1);
    } finally {
      await driver.close();
      cleanup();
    }
  });
});
