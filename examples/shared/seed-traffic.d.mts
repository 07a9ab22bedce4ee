import type { Receipt } from '@assent/sdk/schema';

export interface PortalVisitor {
  subjectId: string;
  accountId: string;
  /** Days after the decision that the visitor withdrew analytics, or null. */
  withdrawAfterDays: number | null;
  decidedMs: number;
}

export interface SeedOptions {
  now?: number;
  days?: number;
  perDay?: number;
}

export interface SeedResult {
  /** True when the database already held link events and nothing was sent. */
  skipped: boolean;
  receipts: Receipt[];
  portal: PortalVisitor[];
  accepted: number;
  links: number;
  refused: number;
}

/** The demo's month of traffic: receipts and the visitors who log in to the Portal. */
export declare function demoTraffic(options?: SeedOptions): { receipts: Receipt[]; portal: PortalVisitor[] };
/** Sends the demo's traffic to a fresh server-sync database. */
export declare function seedTraffic(syncUrl: string, apiKey: string, options?: SeedOptions): Promise<SeedResult>;
