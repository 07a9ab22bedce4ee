/** Process metrics in the Prometheus text exposition format. Per instance, like every Prometheus target. */

type Labels = Record<string, string>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels).sort().map((k) => `${k}="${String(labels[k]).replace(/["\\\n]/g, '_')}"`).join(',');

class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (!this.values.size) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly name: string, readonly help: string, private readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    this.buckets.forEach((b, i) => {
      if (v <= b) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i] ?? 0}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

export class Metrics {
  readonly requests = new Counter('assent_http_requests_total', 'HTTP requests by route and status.');
  readonly receipts = new Counter('assent_receipts_total', 'Receipts ingested, by outcome (accepted, duplicate).');
  readonly rejected = new Counter('assent_receipt_requests_rejected_total', 'Receipt requests refused, by reason.');
  readonly links = new Counter('assent_link_requests_total', 'Link requests, by outcome (created, existing, or the refusal reason).');
  readonly revocations = new Counter('assent_link_revocations_total', 'Links revoked by the sweep, by reason.');
  readonly purged = new Counter('assent_purged_rows_total', 'Rows deleted by retention, by table.');
  readonly commitSeconds = new Histogram('assent_ingest_commit_seconds', 'Time from receipt request accepted to commit.', [
    0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
  ]);
  readonly batchSize = new Histogram('assent_ingest_batch_receipts', 'Receipts per group-committed transaction.', [1, 2, 5, 10, 25, 50, 100, 250, 500]);

  render(): string {
    const all = [this.requests, this.receipts, this.rejected, this.links, this.revocations, this.purged, this.commitSeconds, this.batchSize];
    return `${all.map((m) => m.render()).join('\n')}\n`;
  }
}
