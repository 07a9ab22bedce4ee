/**
 * A transaction commits only once every statement issued in it has succeeded, awaited or not
 * (`trackStatements`): what `settled()` waits for and what it reports.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { trackStatements, type SqlExecutor } from '../src/storage/sql.js';

/** An executor whose statements settle when the test says so, in any order. */
function controlledExecutor() {
  const pending: { sql: string; resolve: (rows: object[]) => void; reject: (err: Error) => void }[] = [];
  const statement = (sql: string) =>
    new Promise<object[]>((resolve, reject) => {
      pending.push({ sql, resolve, reject });
    });
  const ex: SqlExecutor = {
    all: <T extends object>(sql: string) => statement(sql) as Promise<T[]>,
    run: (sql) => statement(sql).then(() => 1),
    runEach: (sql) => statement(sql).then(() => 1),
  };
  // Handed out once: a settled statement's resolving functions (which hold its promise) are let go.
  const find = (sql: string) => {
    const i = pending.findIndex((p) => p.sql === sql);
    if (i < 0) throw new Error(`no statement ${sql}`);
    return pending.splice(i, 1)[0] as (typeof pending)[number];
  };
  return { ex, find };
}

const state = (p: Promise<unknown>) => {
  let s = 'pending';
  p.then(() => (s = 'resolved'), () => (s = 'rejected'));
  return () => s;
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('trackStatements', () => {
  it('settles once every statement has, including one issued while it waits, and callers waiting together all hear it', async () => {
    const { ex, find } = controlledExecutor();
    const { tx, settled } = trackStatements(ex);
    void tx.run('a');
    void tx.all('b');
    const first = state(settled());
    const second = state(settled());
    find('a').resolve([]);
    await tick();
    void tx.run('c'); // issued late, by a statement's continuation
    find('b').resolve([{ big: 'x'.repeat(1000) }]);
    await tick();
    expect([first(), second()]).toEqual(['pending', 'pending']);
    find('c').resolve([]);
    await tick();
    expect([first(), second()]).toEqual(['resolved', 'resolved']);
  });

  it('reports the first failure, after the statements still in flight have settled, and never as an unhandled rejection', async () => {
    const { ex, find } = controlledExecutor();
    const { tx, settled } = trackStatements(ex);
    void tx.run('a');
    void tx.run('b');
    void tx.run('c');
    const outcome = settled();
    const seen = state(outcome);
    find('b').reject(new Error('b failed'));
    find('c').reject(new Error('c failed'));
    await tick();
    expect(seen()).toBe('pending');
    find('a').resolve([]);
    await expect(outcome).rejects.toThrow('b failed');
    await expect(settled()).rejects.toThrow('b failed');
  });

  it('keeps no statement\'s rows: a migration reading 10M receipts a page at a time in one transaction held them all', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const { ex, find } = controlledExecutor();
    const { tx, settled } = trackStatements(ex);
    const refs: WeakRef<object>[] = [];
    // The caller reads its page and lets it go (in a function of its own, whose frame then goes too).
    const readPage = async (sql: string) => {
      const read = tx.all(sql);
      const rows = [{ receipts: 'x'.repeat(100_000) }];
      refs.push(new WeakRef(rows));
      find(sql).resolve(rows);
      await read;
    };
    await readPage('page 1');
    await readPage('page 2');
    await tick();
    gc();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true]);
    await settled();
  });

  it('resolves at once when nothing was issued', async () => {
    const { ex } = controlledExecutor();
    await expect(trackStatements(ex).settled()).resolves.toBeUndefined();
  });
});
