import type { Basis, Method, OptionalCategory, PurposeState } from '../schema/receipt.js';

/** A category or service decision with its basis. */
export type Decision = PurposeState;

/** What the visitor decided, as stored in the first-party cookie. */
export interface ConsentRecord {
  /** 32 hex characters: a UUIDv7 without hyphens (earlier SDKs: 128 random bits). */
  subjectId: string;
  /** Decisions per optional category (`necessary` is implied). */
  categories: Record<OptionalCategory, Decision>;
  /**
   * Decisions per service id. A service runs only if its category and itself are granted. Its
   * keys are the services the visitor was shown: a new one in a granted category asks again.
   */
  services: Record<string, Decision>;
  policyVersion: string;
  /** Region code and regime row the decision was given under. */
  region: string | null;
  regime: string;
  method: Method;
  /** Epoch milliseconds. */
  decidedAt: number;
  expiresAt: number;
  /** GPC was present and honoured when this record was made. */
  gpc: boolean;
  declaredMinor: boolean;
  /** The last receipt produced for this record, to chain the next one. */
  receiptId: string | null;
}

/** Current decisions per category, `necessary` always `true`. */
export type Decisions = { necessary: true } & Record<OptionalCategory, boolean>;

export type { Basis, Method };
