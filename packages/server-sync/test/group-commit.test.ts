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
