import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../src/ingest/group-commit.js';
import { PartitionedCommitter } from '../src/ingest/partitioned-commit.js';

describe('group commit', () => {
  it('commits requests that arrive during a commit together, whole, and answers each its own results', async () => {
    const commits: number[][] = [];
    const committer = new GroupCommitter<number, string>(async (items) => {
      commits.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items.map((i) => `ok${i}`);
    }, { maxItems: 5, concurrency: 1 });
    // Two requests in the same event-loop turn share the first transaction...
    const early = [[1], [2, 3]].map((items) => committer.submit(items));
    await new Promise((r) => setTimeout(r, 5));
    // ...and those arriving while it commits wait for the next, up to maxItems without splitting one.
    const late = [[4], [5, 6, 7], [8], [9]].map((items) => committer.submit(items));
    const results = await Promise.all([...early, ...late]);
    expect(results).toEqual([['ok1'], ['ok2', 'ok3'], ['ok4'], ['ok5', 'ok6', 'ok7'], ['ok8'], ['ok9']]);
    expect(commits).toEqual([[1, 2, 3], [4, 5, 6, 7, 8], [9]]);
  });

  it('retries a failed group request by request, so one failure fails only its own request', async () => {
    const committer = new GroupCommitter<number, number>(async (items) => {
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes(13)) throw new Error('bad item');
      return items;
    }, { maxItems: 100, concurrency: 1 });
    const first = committer.submit([1]);
    const rest = [[2], [13], [4]].map((items) => committer.submit(items).then((r) => r, (e: Error) => e.message));
    expect(await first).toEqual([1]);
    expect(await Promise.all(rest)).toEqual([[2], 'bad item', [4]]);
  });
});

describe('commit lanes', () => {
  const key = (item: string): string => item.split(':')[0] as string;

  it('answers each request in its own order, with lanes committing at the same time and one key always in one lane', async () => {
    const inFlight = new Set<string>();
    let overlap = 0;
    const committer = new PartitionedCommitter<string, string>(async (items) => {
      const keys = new Set(items.map(key));
      for (const k of keys) expect(inFlight.has(k)).toBe(false);
      if (inFlight.size) overlap++;
      keys.forEach((k) => inFlight.add(k));
      await new Promise((r) => setTimeout(r, 15));
      keys.forEach((k) => inFlight.delete(k));
      return items.map((i) => `ok ${i}`);
    }, key, { partitions: 3, maxItems: 100 });
    const subjects = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const requests = [0, 1, 2, 3].map((r) => subjects.map((s) => `${s}:${r}`));
    const results = await Promise.all(requests.map((items) => committer.submit(items)));
    results.forEach((res, r) => expect(res).toEqual((requests[r] as string[]).map((i) => `ok ${i}`)));
    // Lanes ran side by side, yet no subject was ever in two transactions at once.
    expect(overlap).toBeGreaterThan(0);
    expect(committer.stats.items).toBe(120);
    await committer.drain();
  });

  it('keeps a key in one lane: its items commit in submission order', async () => {
    const seen: string[] = [];
    const committer = new PartitionedCommitter<string, string>(async (items) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      seen.push(...items.filter((i) => key(i) === 'same'));
      return items;
    }, key, { partitions: 4, maxItems: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, n) => committer.submit([`same:${n}`, `other${n}:x`])));
    expect(seen).toEqual(Array.from({ length: 8 }, (_, n) => `same:${n}`));
  });

  it('fails a request when one of its lanes fails; its other lanes still commit', async () => {
    const stored: string[] = [];
    const committer = new PartitionedCommitter<string, string>(async (items) => {
      if (items.some((i) => i.endsWith(':bad'))) throw new Error('bad item');
      stored.push(...items);
      return items;
    }, key, { partitions: 4, maxItems: 100 });
    const items = Array.from({ length: 20 }, (_, i) => `k${i}:ok`).concat('k3:bad');
    await expect(committer.submit(items)).rejects.toThrow('bad item');
    // Whatever shared a lane with the bad item was rolled back with it; the rest is stored, and a
    // retry would find it (receipts are idempotent on their id).
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(20);
    expect(stored.every((i) => i.endsWith(':ok'))).toBe(true);
  });
});
