/**
 * Prometheus metrics (prom-client): server-sync's own, per instance, and the process's default
 * metrics (CPU, memory, event loop lag, GC), collected once per process.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

let processRegistry: Registry | undefined;
/** Default metrics describe the process: one collector, however many servers it runs (tests run several). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Metrics {
  private readonly registry = new Registry();
  private readonly counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [this.registry] });

  readonly requests = this.counter('assent_http_requests_total', 'HTTP requests by route and status.', ['route', 'status']);
  readonly receipts = this.counter('assent_receipts_total', 'Receipts ingested, by outcome (accepted, duplicate).', ['outcome']);
  readonly rejected = this.counter('assent_receipt_requests_rejected_total', 'Receipt requests refused, by reason.', ['reason']);
  readonly links = this.counter('assent_link_requests_total', 'Link requests, by outcome (created, existing, or the refusal reason).', ['outcome']);
  readonly revocations = this.counter('assent_link_revocations_total', 'Links revoked by the sweep, by reason.', ['reason']);
  readonly purged = this.counter('assent_purged_rows_total', 'Rows deleted by retention, by table.', ['table']);
  readonly unavailable = this.counter('assent_storage_unavailable_total', 'Requests answered 503 because the database was unavailable.', []);
  readonly commitSeconds = new Histogram({
    name: 'assent_ingest_commit_seconds',
    help: 'Time from receipt request accepted to commit.',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'assent_ingest_batch_receipts',
    help: 'Receipts per group-committed transaction.',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers: [this.registry],
  });

  // One child counter per route and status, kept: `inc` with a labels object hashes it each time.
  private readonly requestCounters = new Map<string, { inc(): void }>();
  /** Counts an answered request. */
  countRequest(route: string, status: number): void {
    const key = `${route} ${status}`;
    let counter = this.requestCounters.get(key);
    if (!counter) {
      counter = this.requests.labels(route, String(status));
      this.requestCounters.set(key, counter);
    }
    counter.inc();
  }

  /** The Content-Type of `render()`. */
  readonly contentType = this.registry.contentType;

  /** This instance's metrics and the process's, in the Prometheus text format. */
  render(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}
