/**
 * HTTP payload types of the privacy console's API (`/console/api/*` on server-sync), shared by
 * server-sync and the console's front end (`@assent/console`).
 */
import type { LinkRefusalReason } from './receipt.js';
import type { Link, LinkRevocationReason } from './links.js';

/** What a console user may do: `viewer` sees insights; `privacy-officer` also answers rights requests and reads the audit log. */
export type ConsoleRole = 'viewer' | 'privacy-officer';
export const CONSOLE_ROLES: readonly ConsoleRole[] = ['viewer', 'privacy-officer'];

/** Body of `POST /console/api/login`. */
export interface ConsoleLoginRequest {
  /** A console user's access key, or the server's API key (signs in as `privacy-officer`). */
  key: string;
}

/** The signed-in user, answered by login and `GET /console/api/session`. */
export interface ConsoleSession {
  user: string;
  role: ConsoleRole;
  /** Send it as `X-CSRF-Token` with every state-changing call of this session. */
  csrfToken: string;
  /** When the session ends at the latest (it also ends after a period without requests). */
  expiresAt: string;
}

/** The four groups of decisions the console shows. */
export interface OutcomeCounts {
  /** `accept-all` */
  acceptAll: number;
  /** `reject-all` */
  rejectAll: number;
  /** A choice category by category: `custom`, `privacy-choices`, `withdrawal`, `api`. */
  customised: number;
  /** No choice by the visitor: a regime's defaults or a Global Privacy Control signal. */
  noChoice: number;
  total: number;
}

/** Decisions of one UTC day. */
export interface DecisionDay extends OutcomeCounts {
  day: string;
}

export type InsightCategory = 'functional' | 'analytics' | 'advertising';

/** Link events of one UTC day, by reason. */
export interface LinkDay {
  day: string;
  linked: number;
  revoked: Partial<Record<LinkRevocationReason, number>>;
  refused: Partial<Record<LinkRefusalReason, number>>;
}

/** Response of `GET /console/api/insights?from=&to=&region=`. */
export interface InsightsResponse {
  /** First and last UTC day, inclusive. */
  from: string;
  to: string;
  /** The region chosen (`US` covers its states; `unknown` the receipts without one), or null for all. */
  region: string | null;
  /** Regions with receipts in the period, for the region picker (`unknown` for receipts without one). */
  regions: string[];
  /** One entry per day of the period, days without decisions included. */
  decisions: DecisionDay[];
  /** The period's decisions by group. */
  outcomes: OutcomeCounts;
  /** Receipts in which each category was on, among all receipts of the selection. */
  grants: { category: InsightCategory; granted: number; decisions: number }[];
  /** Receipts from US regions in the selection, and how many of them carried a GPC signal, in all and per day. */
  gpc: { usDecisions: number; withGpc: number; days: { day: string; usDecisions: number; withGpc: number }[] };
  /**
   * Median seconds from the notice shown to the decision, or null: receipts record when a
   * decision was made, not when the notice appeared, so this cannot be computed from them.
   */
  medianSecondsToDecide: number | null;
  /** Link events per day (all regions: links carry none), days without events included. */
  links: LinkDay[];
}

/** Response of `GET /console/api/accounts/:accountId/links`. */
export interface AccountLinksResponse {
  /** The account's join key (the raw account id is never stored). */
  joinKey: string;
  /** Every link still stored, active or revoked, oldest first. */
  links: Link[];
}

/** Body of `DELETE /console/api/subjects/:id`: the subject id typed again. */
export interface ConsoleEraseRequest {
  confirm: string;
}

/** What the console recorded. Never the content: no subject or account id, no receipt data. */
export type ConsoleAction =
  | 'login'
  | 'logout'
  | 'insights'
  | 'subject'
  | 'account'
  | 'verify'
  | 'export'
  | 'erase'
  | 'audit';

export type AuditOutcome = 'ok' | 'denied' | 'not_found' | 'failed';

/** One entry of the console's append-only audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The user's name (`admin` for the API key); empty for a failed login. */
  actor: string;
  role: ConsoleRole | null;
  action: ConsoleAction;
  outcome: AuditOutcome;
  /** The erasure's tombstone id, for `erase`; otherwise null. */
  reference: string | null;
}

/** Response of `GET /console/api/audit?before=`: newest first; pass `next` as `before` for older entries. */
export interface AuditLogResponse {
  entries: AuditEntry[];
  next: number | null;
}
