/**
 * The application: everything server-sync does, independent of HTTP, so the CLI and the HTTP
 * layer share one implementation.
 */
import type { ChainVerification, IngestResponse, Link, LinkEvent, SubjectExport } from '@assent/sdk/schema';
import { monthsBefore, type ServerConfig } from './config.js';
import { PartitionedCommitter } from './ingest/partitioned-commit.js';
import { joinKeyOf } from './keys.js';
import { Metrics } from './metrics.js';
import { memoryLimiter, sharedLimiter, type RateLimiter } from './rate-limit.js';
import { verifyChain } from './seal.js';
import { openStorage } from './storage/index.js';
import { utcDay } from './storage/insights.js';
import type {
  EraseOutcome, IngestStatus, LinkOutcome, PolicyContext, PreparedReceipt, PurgeCounts, ReconcileCounts, Storage,
} from './storage/types.js';

export interface Service {
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly limiter: RateLimiter;
  /** Stores receipts (group-committed); resolves after the commit that holds them. */
  ingest(receipts: PreparedReceipt[]): Promise<IngestResponse>;
  link(subjectId: string, accountId: string): Promise<LinkOutcome>;
  activeLinks(accountId: string): Promise<Link[]>;
  linkEvents(since: number, limit: number): Promise<LinkEvent[]>;
  exportSubject(subjectId: string): Promise<SubjectExport | null>;
  verifySubject(subjectId: string): Promise<ChainVerification | null>;
  erase(subjectId: string): Promise<EraseOutcome | null>;
  /** Revokes expired / outdated-policy links, forgets old rate windows, ended console sessions and sign-in windows. */
  sweep(): Promise<ReconcileCounts>;
  /** Deletes data past retention and logs the counts. */
  purge(): Promise<PurgeCounts>;
  /**
   * True once a shutdown has begun: /healthz answers 503 so a load balancer stops sending new
   * requests, and responses ask clients to close their connections, while requests are still served.
   */
  readonly draining: boolean;
  /** Starts draining (see `draining`). */
  startDraining(): void;
  /** Stops the timers, waits for queued ingests, closes the database. */
  close(): Promise<void>;
}

/** Largest group commit. SQLite measured best around a few hundred rows per transaction. */
const MAX_GROUP = 500;

export async function openService(config: ServerConfig): Promise<Service> {
  const storage = await openStorage(config.storage, config.keys);
  const metrics = new Metrics();
  const ctx = (): PolicyContext => ({ now: config.clock(), policyVersion: config.policyVersion });
  const committer = new PartitionedCommitter<PreparedReceipt, IngestStatus>(
    async (items) => {
      const started = performance.now();
      const statuses = await storage.ingest(items, ctx());
      metrics.commitSeconds.observe((performance.now() - started) / 1000);
      metrics.batchSize.observe(items.length);
      return statuses;
    },
    (p) => p.receipt.subjectId,
    // PostgreSQL commits in parallel on the pool, each lane for its own share of the subjects, so
    // lanes never wait on each other's row locks; SQLite has one writer.
    { maxItems: MAX_GROUP, partitions: config.storage.kind === 'postgres' ? config.storage.commitLanes ?? 2 : 1 },
  );
  const { limit, windowMs, scope } = config.rateLimit;
  const limiter = scope === 'shared' ? sharedLimiter(storage, limit, windowMs) : memoryLimiter(limit, windowMs);

  const timers: NodeJS.Timeout[] = [];
  let closed = false;
  let draining = false;

  const service: Service = {
    config,
    storage,
    metrics,
    limiter,
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    async ingest(receipts) {
      const statuses = await committer.submit(receipts);
      const accepted = statuses.filter((s) => s === 'accepted').length;
      metrics.receipts.inc({ outcome: 'accepted' }, accepted);
      metrics.receipts.inc({ outcome: 'duplicate' }, statuses.length - accepted);
      return { accepted, duplicates: statuses.length - accepted };
    },
    async link(subjectId, accountId) {
      const outcome = await storage.createLink(subjectId, joinKeyOf(config.keys, accountId), ctx());
      metrics.links.inc({ outcome: outcome.ok ? (outcome.created ? 'created' : 'existing') : outcome.reason });
      return outcome;
    },
    activeLinks: (accountId) => storage.activeLinks(joinKeyOf(config.keys, accountId), ctx()),
    linkEvents: (since, limit) => storage.linkEvents(since, limit),
    async exportSubject(subjectId) {
      const data = await storage.subject(subjectId);
      if (!data) return null;
      return {
        subjectId,
        exportedAt: config.clock().toISOString(),
        receipts: data.receipts,
        chain: verifyChain(config.keys, data.receipts),
        notices: data.notices,
        links: data.links,
        linkEvents: data.linkEvents,
      };
    },
    async verifySubject(subjectId) {
      const data = await storage.subject(subjectId);
      return data ? verifyChain(config.keys, data.receipts) : null;
    },
    async erase(subjectId) {
      const outcome = await storage.erase(subjectId, config.clock());
      if (outcome) config.logger.info({ event: 'subject_erased', tombstoneId: outcome.tombstoneId, receipts: outcome.receipts, links: outcome.links }, 'subject erased');
      return outcome;
    },
    async sweep() {
      const counts = await storage.reconcileLinks(ctx());
      await limiter.prune(config.clock().getTime());
      const nowMs = config.clock().getTime();
      const { idleMs, loginWindowMs } = config.console;
      await storage.dropExpiredSessions(nowMs, idleMs, Math.floor(nowMs / loginWindowMs) * loginWindowMs);
      // The week before yesterday: today and yesterday still get many receipts from outboxes, older days rarely.
      await storage.compactInsights(utcDay(nowMs - 8 * 86_400_000), utcDay(nowMs - 86_400_000));
      if (counts.expired) metrics.revocations.inc({ reason: 'expired' }, counts.expired);
      if (counts.policyOutdated) metrics.revocations.inc({ reason: 'policy_outdated' }, counts.policyOutdated);
      if (counts.expired || counts.policyOutdated) config.logger.info({ event: 'links_revoked', ...counts }, 'links revoked');
      return counts;
    },
    async purge() {
      const now = config.clock();
      const counts = await storage.purge({
        receiptsBefore: monthsBefore(now, config.retention.receiptsMonths),
        linksBefore: monthsBefore(now, config.retention.linksMonths),
      });
      for (const [table, n] of Object.entries(counts)) if (n) metrics.purged.inc({ table }, n);
      config.logger.info({ event: 'retention_purge', ...counts, receiptsMonths: config.retention.receiptsMonths, linksMonths: config.retention.linksMonths }, 'retention purge');
      return counts;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      await committer.drain();
      await limiter.flush();
      await storage.close();
    },
  };

  // Background work: a failure is logged and retried at the next tick, never fatal.
  const every = (ms: number, name: string, job: () => Promise<unknown>): void => {
    if (ms <= 0) return;
    let running = false;
    const t = setInterval(() => {
      if (running || closed) return;
      running = true;
      job()
        .catch((err: unknown) => config.logger.error({ event: `${name}_failed`, error: String(err) }, `${name} failed`))
        .finally(() => {
          running = false;
        });
    }, ms);
    t.unref();
    timers.push(t);
  };
  every(config.sweepIntervalMs, 'sweep', () => service.sweep());
  every(config.purgeIntervalMs, 'purge', () => service.purge());
  // A new policy version arrives with a deploy: links made under the old one end at start.
  await service.sweep().catch((err: unknown) => config.logger.error({ event: 'sweep_failed', error: String(err) }, 'sweep failed'));
  return service;
}
