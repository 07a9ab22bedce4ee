/**
 * The storage interface of server-sync. One implementation (repository.ts) runs on either engine
 * through a SqlDriver; the shared adapter test suite runs against both.
 */
import type { Link, LinkEvent, LinkRefusalReason, Receipt, SealedReceipt } from '@assent/sdk/schema';
import type { ConsoleRepository } from './console.js';
import type { InsightsQuery, InsightsRows } from './insights.js';

export type { InsightsQuery, InsightsRows, DecisionDayRow, LinkDayRow } from './insights.js';
export type { ConsoleRepository, ConsoleUserRow, SessionRow, NewAuditEntry } from './console.js';

/** A validated receipt ready to store: `notice.text` removed, `notice.hash` set. */
export interface PreparedReceipt {
  receipt: Receipt;
  /** The notice text, when the receipt carried it (stored once per hash). */
  noticeText: string | null;
  clientMs: number;
}

/** What happened to each receipt of an ingest, in order. */
export type IngestStatus = 'accepted' | 'duplicate';

/** The policy context a write is evaluated in. */
export interface PolicyContext {
  now: Date;
  /** The current policy version: links need the latest receipt to be for it. */
  policyVersion: string;
}

export type LinkOutcome =
  | { ok: true; link: Link; created: boolean }
  | { ok: false; reason: LinkRefusalReason };

export interface SubjectData {
  subjectId: string;
  receipts: SealedReceipt[];
  notices: { hash: string; language: string; text: string }[];
  links: Link[];
  linkEvents: LinkEvent[];
}

export interface EraseOutcome {
  tombstoneId: string;
  receipts: number;
  links: number;
}

export interface PurgeCutoffs {
  /** Receipts stored before this are deleted. */
  receiptsBefore: Date;
  /** Revoked links and link events before this are deleted. */
  linksBefore: Date;
}

export interface PurgeCounts {
  receipts: number;
  links: number;
  linkEvents: number;
  subjects: number;
}

export interface ReconcileCounts {
  expired: number;
  policyOutdated: number;
}

export interface Storage extends ConsoleRepository {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Stores receipts in ONE transaction (all or nothing): signs and chains each new one, skips
   * receipt ids already stored, and revokes or refreshes the subjects' links in the same commit.
   * Resolves only after the commit.
   */
  ingest(batch: readonly PreparedReceipt[], ctx: PolicyContext): Promise<IngestStatus[]>;
  /** Links a subject to an account join key if its latest receipt permits it; else stores the refusal event only. */
  createLink(subjectId: string, joinKey: string, ctx: PolicyContext): Promise<LinkOutcome>;
  /** Links of an account that are active now (unrevoked, consent unexpired, current policy). */
  activeLinks(joinKey: string, ctx: PolicyContext): Promise<Link[]>;
  /** Every link of an account still stored, active or revoked, oldest first. */
  accountLinks(joinKey: string): Promise<Link[]>;
  /** Link events after the cursor, in commit order. */
  linkEvents(since: number, limit: number): Promise<LinkEvent[]>;
  /** Everything stored about a subject, or null when nothing is. */
  subject(subjectId: string): Promise<SubjectData | null>;
  /** Erases a subject (receipts, links; its events lose the subject id) and records a tombstone. Null if unknown. */
  erase(subjectId: string, now: Date): Promise<EraseOutcome | null>;
  notice(hash: string): Promise<{ hash: string; language: string; text: string } | null>;
  /** The insight counters of a period and region (never a scan of the receipts). */
  insights(query: InsightsQuery): Promise<InsightsRows>;
  /** Folds the PostgreSQL copies of past days' counter rows into one (insights.ts). */
  compactInsights(fromDay: string, beforeDay: string): Promise<number>;
  /** Revokes links whose consent expired or whose policy version is no longer current. */
  reconcileLinks(ctx: PolicyContext): Promise<ReconcileCounts>;
  /** Deletes data past retention. */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
  /**
   * Adds hits to fixed-window counters shared by every instance; resolves to each bucket's total
   * so far in that window (including hits added by other instances).
   */
  addHits(windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>>;
  /** Drops rate-limit windows that started before `before`. */
  dropRateWindows(before: number): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
