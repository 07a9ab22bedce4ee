/**
 * Group commit: ingests that arrive while a commit is in flight wait and are committed together in
 * the next transaction. One fsync then covers many requests, and no request waits for a timer:
 * under light load every request commits alone, at once.
 */
import { isStorageUnavailable } from '../storage/errors.js';

interface Pending<T, R> {
  items: T[];
  resolve: (results: R[]) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most items in one transaction (whole requests are never split). */
  maxItems: number;
  /** Transactions in flight at once (1 for SQLite's single writer; a few for a PostgreSQL pool). */
  concurrency: number;
}

export interface BatchStats {
  batches: number;
  items: number;
}

export class GroupCommitter<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private inFlight = 0;
  readonly stats: BatchStats = { batches: 0, items: 0 };

  /** `commit` stores all items in one transaction and returns one result per item, in order. */
  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly opts: GroupCommitOptions,
  ) {}

  /** Resolves with one result per item once the transaction holding them has committed. */
  submit(items: T[]): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.schedule();
    });
  }

  private scheduled = false;

  /**
   * Starts the next commit after the current I/O phase (setImmediate), not at once: every request
   * whose body arrived in this event-loop turn joins the same transaction. That matters most for
   * SQLite, whose synchronous commit blocks the loop, so requests only pile up between commits.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Resolves when nothing is queued or in flight. */
  async drain(): Promise<void> {
    while (this.inFlight > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    while (this.inFlight < this.opts.concurrency && this.queue.length) {
      const group: Pending<T, R>[] = [];
      let size = 0;
      while (this.queue.length) {
        const next = this.queue[0] as Pending<T, R>;
        if (group.length && size + next.items.length > this.opts.maxItems) break;
        group.push(next);
        size += next.items.length;
        this.queue.shift();
      }
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async run(group: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.commit(group.flatMap((p) => p.items));
      this.stats.batches++;
      this.stats.items += results.length;
      let at = 0;
      for (const p of group) {
        p.resolve(results.slice(at, at + p.items.length));
        at += p.items.length;
      }
    } catch (err) {
      // The database is unavailable (down, restarting, over the statement timeout, disk full):
      // every request of the group gets that answer now; retrying each alone would hold the lane
      // for one more timeout per request.
      if (group.length === 1 || isStorageUnavailable(err)) {
        for (const p of group) p.reject(err);
        return;
      }
      // Nothing of the failed group was committed: retry each request alone, so one bad request
      // cannot fail the others that happened to share its transaction.
      await Promise.all(group.map((p) => this.commit(p.items).then(p.resolve, p.reject)));
    }
  }
}
