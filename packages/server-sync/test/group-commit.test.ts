import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../src/ingest/group-commit.js';

describe('group commit', () => {
  it('commits requests that arrive during a commit together, whole, and answers each its own results', async () => {
    const commits: number[][] = [];
    const committer = new GroupCommitter<number, string>(async (items) => {
      commits.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items.map((i) => `ok${i}`);
    }, { maxItems: 5, concurrency: 1 });
    const results = await Promise.all([[1], [2, 3], [4], [5, 6, 7], [8]].map((items) => committer.submit(items)));
    expect(results).toEqual([['ok1'], ['ok2', 'ok3'], ['ok4'], ['ok5', 'ok6', 'ok7'], ['ok8']]);
    expect(commits).toEqual([[1], [2, 3, 4], [5, 6, 7, 8]]);
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
