/**
 * Group commits in parallel lanes split by key (the subject): each lane is one GroupCommitter
 * with one transaction in flight, and a key always lands in the same lane. Two transactions of
 * this instance then never touch the same subject, so they never queue on each other's row locks.
 * With one shared committer and several transactions in flight they did: a group of a few hundred
 * receipts from a busy site locks most of its subjects, so the commits ran one after another
 * while holding connections (bench/server-sync.md has the measurements).
 */
import { GroupCommitter, type BatchStats } from './group-commit.js';

export interface PartitionedCommitOptions {
  /** Transactions in flight at once, one per partition. */
  partitions: number;
  /** Most items in one transaction. */
  maxItems: number;
}

/** FNV-1a: cheap, and spreads random ids evenly. */
function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

export class PartitionedCommitter<T, R> {
  private readonly parts: GroupCommitter<T, R>[];

  /** `commit` stores all items in one transaction and returns one result per item, in order. */
  constructor(
    commit: (items: T[]) => Promise<R[]>,
    private readonly keyOf: (item: T) => string,
    opts: PartitionedCommitOptions,
  ) {
    const n = Math.max(1, Math.floor(opts.partitions));
    this.parts = Array.from({ length: n }, () => new GroupCommitter(commit, { maxItems: opts.maxItems, concurrency: 1 }));
  }

  /** Transactions committed and items they held, over every partition. */
  get stats(): BatchStats {
    return this.parts.reduce((s, p) => ({ batches: s.batches + p.stats.batches, items: s.items + p.stats.items }), { batches: 0, items: 0 });
  }

  /**
   * Resolves with one result per item, in order, once every transaction holding them has committed.
   * A request spread over several partitions is committed in several transactions: if one fails,
   * the request fails although others may have committed; a retry then finds those stored
   * (receipts are idempotent on their id) and stores the rest.
   */
  async submit(items: T[]): Promise<R[]> {
    const n = this.parts.length;
    if (n === 1) return (this.parts[0] as GroupCommitter<T, R>).submit(items);
    const byPart = new Map<number, number[]>();
    items.forEach((item, i) => {
      const p = partitionOf(this.keyOf(item), n);
      const at = byPart.get(p);
      if (at) at.push(i);
      else byPart.set(p, [i]);
    });
    const out = new Array<R>(items.length);
    await Promise.all(
      [...byPart].map(async ([p, indices]) => {
        const results = await (this.parts[p] as GroupCommitter<T, R>).submit(indices.map((i) => items[i] as T));
        indices.forEach((i, k) => (out[i] = results[k] as R));
      }),
    );
    return out;
  }

  /** Resolves when nothing is queued or in flight in any partition. */
  async drain(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.drain()));
  }
}
