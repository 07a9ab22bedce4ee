/**
 * The insights aggregate: anonymous counts the privacy console charts, kept up to date by the
 * transactions that store what they count, so a page view reads a few hundred counter rows and
 * never scans the receipts.
 *
 * - `insight_decisions`: receipts per UTC day of the decision × region × method, with how many
 *   granted each optional category and how many carried a GPC signal. Written by the ingest
 *   transaction, one upsert per (day, region, method) group of the batch.
 * - `insight_links`: link events per UTC day × type × reason. Written wherever events are
 *   appended (appendEvents, under the event-feed lock).
 *
 * The day of a receipt is that of its decision (`event.clientTime`), capped at the server's clock
 * as the latest-receipt rule caps it: a browser clock set in the future cannot count a decision
 * on a day that has not come. Counts are not personal data and stay when a subject is erased or
 * its receipts reach retention.
 *
 * On PostgreSQL several transactions commit at once (commit lanes, instances): if they all added
 * to the same counter row, each would wait for the other's commit. Each transaction therefore adds
 * to one of POSTGRES_SHARDS copies of its rows, taken in turn, so the transactions of one instance
 * in flight together never meet; readers sum the copies. The sweep folds the copies of past days
 * into one (compactInsights), so a page view reads about one row per day, region and method.
 */
import { randomInt } from 'node:crypto';
import type { Method, Receipt } from '@assent/sdk/schema';
import { decodeReceiptBody } from './receipt-body.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql.js';

/** Copies of each counter row on PostgreSQL (SQLite has one writer: one copy). */
export const POSTGRES_SHARDS = 8;

/** The UTC date (`YYYY-MM-DD`) of an epoch-millisecond time. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What the counters need from one stored receipt. */
export interface CountedDecision {
  /** When the decision was made, capped at the server's clock when it was stored (epoch ms). */
  decidedMs: number;
  receipt: Pick<Receipt, 'event' | 'jurisdiction' | 'purposes' | 'signals'>;
}

/** One counter row's increments. */
export interface DecisionCountRow {
  day: string;
  /** `jurisdiction.region`, or '' when the visitor's region was unknown. */
  region: string;
  method: Method;
  receipts: number;
  functional: number;
  analytics: number;
  advertising: number;
  gpc: number;
}

/** Sums decisions into one row per (day, region, method), in key order (the order rows are locked in). */
export function countDecisions(decisions: readonly CountedDecision[]): DecisionCountRow[] {
  const rows = new Map<string, DecisionCountRow>();
  let lastDayMs = NaN;
  let lastDay = '';
  for (const { decidedMs, receipt: r } of decisions) {
    // Receipts of one batch mostly share a day: format it once per run of equal days.
    const dayMs = Math.floor(decidedMs / 86_400_000);
    if (dayMs !== lastDayMs) {
      lastDayMs = dayMs;
      lastDay = utcDay(decidedMs);
    }
    const region = r.jurisdiction.region ?? '';
    const key = `${lastDay}\u0000${region}\u0000${r.event.method}`;
    let row = rows.get(key);
    if (!row) {
      row = { day: lastDay, region, method: r.event.method, receipts: 0, functional: 0, analytics: 0, advertising: 0, gpc: 0 };
      rows.set(key, row);
    }
    row.receipts++;
    if (r.purposes.functional.granted) row.functional++;
    if (r.purposes.analytics.granted) row.analytics++;
    if (r.purposes.advertising.granted) row.advertising++;
    if (r.signals.gpc.value) row.gpc++;
  }
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** Picks the counter copy each transaction adds to: in turn, from a random start per process. */
export function shardPicker(dialect: 'sqlite' | 'postgres'): () => number {
  if (dialect === 'sqlite') return () => 0;
  let next = randomInt(POSTGRES_SHARDS);
  return () => {
    const shard = next;
    next = (next + 1) % POSTGRES_SHARDS;
    return shard;
  };
}

/** Adds decision counts to the counters (one statement per 200 rows). */
export function addDecisionCounts(driver: SqlDriver, tx: SqlExecutor, rows: readonly DecisionCountRow[], shard: number): Promise<unknown> {
  if (!rows.length) return Promise.resolve();
  return driver.insertRows(
    tx,
    'INSERT INTO insight_decisions (day, region, method, shard, receipts, functional, analytics, advertising, gpc)',
    9,
    rows.map((r): SqlValue[] => [r.day, r.region, r.method, shard, r.receipts, r.functional, r.analytics, r.advertising, r.gpc]),
    `ON CONFLICT (day, region, method, shard) DO UPDATE SET
       receipts = insight_decisions.receipts + excluded.receipts,
       functional = insight_decisions.functional + excluded.functional,
       analytics = insight_decisions.analytics + excluded.analytics,
       advertising = insight_decisions.advertising + excluded.advertising,
       gpc = insight_decisions.gpc + excluded.gpc`,
  );
}

/** A link event as the counters see it. */
export interface CountedLinkEvent {
  type: 'linked' | 'revoked' | 'refused';
  reason: string | null;
}

/** Adds link events to the per-day counters. Callers hold the event-feed lock, so these rows have one writer at a time. */
export function addLinkEventCounts(driver: SqlDriver, tx: SqlExecutor, events: readonly CountedLinkEvent[], atMs: number): Promise<unknown> {
  if (!events.length) return Promise.resolve();
  const day = utcDay(atMs);
  const counts = new Map<string, { type: string; reason: string; n: number }>();
  for (const e of events) {
    const reason = e.reason ?? '';
    const key = `${e.type}\u0000${reason}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { type: e.type, reason, n: 1 });
  }
  return driver.insertRows(
    tx,
    'INSERT INTO insight_links (day, type, reason, events)',
    4,
    [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]): SqlValue[] => [day, c.type, c.reason, c.n]),
    'ON CONFLICT (day, type, reason) DO UPDATE SET events = insight_links.events + excluded.events',
  );
}

/** The period (inclusive UTC days) and region a chart shows. */
export interface InsightsQuery {
  from: string;
  to: string;
  /**
   * A region code (`CA-QC`), a country (`US`: the country and its subdivisions), '' for receipts
   * whose region was unknown, or null for every region.
   */
  region: string | null;
}

/** Counters summed over shards and regions: one row per (day, method, whether the region is in the US). */
export interface DecisionDayRow {
  day: string;
  method: Method;
  /** 1 when the receipts' region is `US` or a US state. */
  us: number;
  receipts: number;
  functional: number;
  analytics: number;
  advertising: number;
  gpc: number;
}

export interface LinkDayRow {
  day: string;
  type: 'linked' | 'revoked' | 'refused';
  reason: string;
  events: number;
}

export interface InsightsRows {
  decisions: DecisionDayRow[];
  links: LinkDayRow[];
  /** Regions with at least one receipt in the period, sorted ('' = unknown). */
  regions: string[];
}

export interface InsightsRepository {
  /** The counters of a period and region. */
  insights(query: InsightsQuery): Promise<InsightsRows>;
  /**
   * Folds the copies of the counter rows of the days from `fromDay` to before `beforeDay` into
   * copy 0; resolves to the rows removed. Rows added meanwhile by late receipts stay and are
   * folded by a later call.
   */
  compactInsights(fromDay: string, beforeDay: string): Promise<number>;
}

/** `region = ?`, or for a country the country and its subdivisions. */
function regionCondition(region: string | null): { sql: string; params: SqlValue[] } {
  if (region === null) return { sql: '', params: [] };
  if (/^[A-Z]{2}$/.test(region)) return { sql: ' AND (region = ? OR region LIKE ?)', params: [region, `${region}-%`] };
  return { sql: ' AND region = ?', params: [region] };
}

export function insightsRepository(driver: SqlDriver): InsightsRepository {
  return {
    async insights({ from, to, region }) {
      const where = regionCondition(region);
      return driver.snapshot(async (tx) => {
        const decisions = await tx.all<DecisionDayRow>(
          `SELECT day, method, us,
             CAST(SUM(receipts) AS BIGINT) AS receipts, CAST(SUM(functional) AS BIGINT) AS functional,
             CAST(SUM(analytics) AS BIGINT) AS analytics, CAST(SUM(advertising) AS BIGINT) AS advertising,
             CAST(SUM(gpc) AS BIGINT) AS gpc
           FROM (SELECT day, method, CASE WHEN region = 'US' OR region LIKE 'US-%' THEN 1 ELSE 0 END AS us,
                   receipts, functional, analytics, advertising, gpc
                 FROM insight_decisions WHERE day >= ? AND day <= ?${where.sql}) AS counted
           GROUP BY day, method, us ORDER BY day, method, us`,
          [from, to, ...where.params],
        );
        const links = await tx.all<LinkDayRow>(
          'SELECT day, type, reason, events FROM insight_links WHERE day >= ? AND day <= ? ORDER BY day, type, reason',
          [from, to],
        );
        const regions = await tx.all<{ region: string }>(
          'SELECT DISTINCT region FROM insight_decisions WHERE day >= ? AND day <= ? ORDER BY region',
          [from, to],
        );
        return {
          decisions: decisions.map((d) => ({ ...d, us: Number(d.us) })),
          links,
          regions: regions.map((r) => r.region),
        };
      });
    },

    async compactInsights(fromDay, beforeDay) {
      if (driver.dialect === 'sqlite') return 0;
      return driver.transaction(async (tx) => {
        // The copies are deleted first and their sums added after: a concurrent ingest adding to a
        // deleted copy waits for this commit, then inserts the copy anew; nothing is counted twice or lost.
        const moved = await tx.all<DecisionCountRow & { shard: number }>(
          `DELETE FROM insight_decisions WHERE day >= ? AND day < ? AND shard > 0
           RETURNING day, region, method, receipts, functional, analytics, advertising, gpc`,
          [fromDay, beforeDay],
        );
        if (!moved.length) return 0;
        const sums = new Map<string, DecisionCountRow>();
        for (const r of moved) {
          const key = `${r.day}\u0000${r.region}\u0000${r.method}`;
          const sum = sums.get(key) ?? { day: r.day, region: r.region, method: r.method, receipts: 0, functional: 0, analytics: 0, advertising: 0, gpc: 0 };
          sum.receipts += Number(r.receipts);
          sum.functional += Number(r.functional);
          sum.analytics += Number(r.analytics);
          sum.advertising += Number(r.advertising);
          sum.gpc += Number(r.gpc);
          sums.set(key, sum);
        }
        await addDecisionCounts(driver, tx, [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row), 0);
        return moved.length;
      });
    },
  };
}

/** Receipts read per slice of the backfill. */
const BACKFILL_PAGE = 2000;

/**
 * Counts the receipts and link events already stored when the counters were created (the
 * migration that creates them runs this once, in its transaction). Receipts are read in pages in
 * key order, so memory stays bounded whatever the table holds.
 */
export async function backfillInsights(driver: SqlDriver, tx: SqlExecutor, pageSize = BACKFILL_PAGE): Promise<void> {
  let after: SqlValue[] = ['', 0];
  for (;;) {
    const page = await tx.all<{ subject_id: string; seq: number; receipt_id: string; server_ms: number; notice_hash: Uint8Array | null; body: Uint8Array }>(
      `SELECT subject_id, seq, receipt_id, server_ms, notice_hash, body FROM receipts
       WHERE (subject_id, seq) > (?, ?) ORDER BY subject_id, seq LIMIT ${Math.floor(pageSize)}`,
      after,
    );
    if (!page.length) break;
    const decisions = page.map((row) => {
      const receipt = decodeReceiptBody(row.body, {
        receiptId: row.receipt_id, subjectId: row.subject_id, noticeHash: row.notice_hash ? Buffer.from(row.notice_hash) : null,
      });
      return { decidedMs: Math.min(Date.parse(receipt.event.clientTime), Number(row.server_ms)), receipt };
    });
    await addDecisionCounts(driver, tx, countDecisions(decisions), 0);
    const last = page[page.length - 1] as { subject_id: string; seq: number };
    after = [last.subject_id, Number(last.seq)];
    if (page.length < pageSize) break;
  }
  // Link events: counted per day by the database (a few rows per day), whatever the feed holds.
  const counts = await tx.all<{ d: number; type: string; reason: string; n: number }>(
    `SELECT at_ms / 86400000 AS d, type, COALESCE(reason, '') AS reason, COUNT(*) AS n
     FROM link_events GROUP BY at_ms / 86400000, type, COALESCE(reason, '')`,
  );
  if (counts.length)
    await driver.insertRows(
      tx, 'INSERT INTO insight_links (day, type, reason, events)', 4,
      counts.map((c): SqlValue[] => [utcDay(Number(c.d) * 86_400_000), c.type, c.reason, Number(c.n)]),
    );
}
