/**
 * HTTP payload types of server-sync's `/v1` API beyond receipts: Portal links, link events,
 * subject export and erase. Shared so the Portal back end and tests read the same shapes.
 */
import type { LinkRefusalReason, Receipt } from './receipt.js';

/** Why an active link stopped: a receipt withdrew analytics, the subject was erased, consent expired, or the policy changed. */
export type LinkRevocationReason = 'withdrawn' | 'erased' | 'expired' | 'policy_outdated';

/** A website↔Portal link as server-sync returns it. The raw account id is never stored or returned. */
export interface Link {
  linkId: string;
  subjectId: string;
  /** Keyed hash (HMAC-SHA256, hex) of the Portal account id: the only account key the analytics pipeline needs. */
  joinKey: string;
  createdAt: string;
  /** When the consent behind the link expires; the link is revoked then. */
  consentExpiresAt: string;
  policyVersion: string;
  revokedAt: string | null;
  revokedReason: LinkRevocationReason | null;
}

/** Response of `POST /v1/links`: 201 when created, 200 when that link was already active. */
export interface LinkCreatedResponse {
  link: Link;
  created: boolean;
}

/** Response of a refused `POST /v1/links`: 403, or 409 for `subject_unknown`. */
export interface LinkRefusedResponse {
  error: LinkRefusalReason;
}

/** Response of `GET /v1/links?accountId=`. */
export interface LinkListResponse {
  links: Link[];
}

/** One entry of the link event feed, in commit order. `subjectId` is null after an erase. */
export interface LinkEvent {
  /** Monotonic cursor: pass the last one seen as `since`. */
  id: number;
  type: 'linked' | 'revoked' | 'refused';
  at: string;
  linkId: string | null;
  subjectId: string | null;
  joinKey: string | null;
  /** For `revoked`: the revocation reason; for `refused`: the refusal reason; null for `linked`. */
  reason: LinkRevocationReason | LinkRefusalReason | null;
}

/** Response of `GET /v1/links/events?since=`: `next` is the cursor to pass on the following call. */
export interface LinkEventsResponse {
  events: LinkEvent[];
  next: number;
}

/** A stored receipt with its server seal: the link of the subject's hash chain. */
export interface SealedReceipt {
  /** The receipt as accepted, with `notice.text` replaced by `notice.hash` (the text is under `notices`). */
  receipt: Receipt;
  seq: number;
  serverTime: string;
  prevHash: string;
  hash: string;
  keyId: string;
  signature: string;
}

/** The result of verifying a subject's chain. */
export interface ChainVerification {
  valid: boolean;
  receipts: number;
  /** What failed first, with the receipt sequence number; absent when valid. */
  problems: { seq: number; problem: string }[];
}

/** Response of `GET /v1/subjects/:id`. */
export interface SubjectExport {
  subjectId: string;
  exportedAt: string;
  receipts: SealedReceipt[];
  chain: ChainVerification;
  notices: { hash: string; language: string; text: string }[];
  links: Link[];
  linkEvents: LinkEvent[];
}

/** Response of `DELETE /v1/subjects/:id`. */
export interface EraseResponse {
  erased: true;
  tombstoneId: string;
  receipts: number;
  links: number;
}
