/**
 * Rows as the tables hold them, and their conversion to the API's types. Times are epoch
 * milliseconds in both engines; ISO strings only at this boundary.
 */
import type { Canonicalization, Link, LinkEvent, LinkRevocationReason } from '@assent/sdk/schema';
import type { LatestConsent } from '../link-policy.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A subject's row: chain head (seq and hash of its last receipt) and the summary of its latest
 * decision (all null before its first receipt).
 */
export interface SubjectRow {
  subject_id: string;
  seq: number;
  /** SHA-256 of the last link of the chain (32 bytes; zeros before the first receipt). */
  head_hash: Uint8Array;
  latest_client_ms: number | null;
  latest_permits: number | null;
  latest_expires_ms: number | null;
  latest_policy: string | null;
  /**
   * 1 while the subject may have an active link, else 0 (schema version 10), so that a receipt of
   * a subject without a link (most of them) does not look for links to carry to its new decision.
   * Set by the database when an active link is inserted; cleared, under the subject's lock, by the
   * ingest that revokes its links and by the sweep once none is left.
   */
  linked: number;
}

export const SUBJECT_COLUMNS = 'subject_id, seq, head_hash, latest_client_ms, latest_permits, latest_expires_ms, latest_policy, linked';

/** A sealed receipt as stored (receipts table, schema versions 2 and 3). */
export interface ReceiptRowIn {
  subject_id: string;
  seq: number;
  receipt_id: string;
  server_ms: number;
  key_id: string;
  /** SHA-256 of the notice text the receipt names, or null. */
  notice_hash: Uint8Array | null;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  signature: Uint8Array;
  /** receipt-body.ts */
  body: Uint8Array;
  /** The hash scheme of `hash` (`Canonicalization`). */
  canonicalization: Canonicalization;
}

/** The hash a subject's first receipt follows, as stored. */
export const GENESIS_BYTES: Uint8Array = Buffer.alloc(32);

/** Hex of stored hash bytes, and back. */
export const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
export const bytesOf = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** The latest decision a subject's row summarizes, or null before its first receipt. */
export const latestOf = (s: SubjectRow): LatestConsent | null =>
  s.latest_client_ms === null
    ? null
    : { permits: s.latest_permits === 1, expiresAt: iso(s.latest_expires_ms ?? 0), policyVersion: s.latest_policy ?? '' };

export interface LinkRow {
  link_id: string;
  subject_id: string;
  join_key: string;
  created_ms: number;
  consent_expires_ms: number;
  policy_version: string;
  revoked_ms: number | null;
  revoked_reason: string | null;
}

export const LINK_COLUMNS = 'link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version, revoked_ms, revoked_reason';

export const toLink = (r: LinkRow): Link => ({
  linkId: r.link_id,
  subjectId: r.subject_id,
  joinKey: r.join_key,
  createdAt: iso(r.created_ms),
  consentExpiresAt: iso(r.consent_expires_ms),
  policyVersion: r.policy_version,
  revokedAt: r.revoked_ms === null ? null : iso(r.revoked_ms),
  revokedReason: r.revoked_reason as LinkRevocationReason | null,
});

export interface EventRow {
  id: number;
  type: string;
  at_ms: number;
  link_id: string | null;
  subject_id: string | null;
  join_key: string | null;
  reason: string | null;
}

export const EVENT_COLUMNS = 'id, type, at_ms, link_id, subject_id, join_key, reason';

export const toEvent = (r: EventRow): LinkEvent => ({
  id: r.id,
  type: r.type as LinkEvent['type'],
  at: iso(r.at_ms),
  linkId: r.link_id,
  subjectId: r.subject_id,
  joinKey: r.join_key,
  reason: r.reason as LinkEvent['reason'],
});
