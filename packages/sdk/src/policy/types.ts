import type { Model, OptionalCategory, RegionSource } from '../schema/receipt.js';

/** Mandatory statements a regime's banner must carry. */
export type NoticeRequirement = 'refusal-consequence' | 'how-to-disable' | 'recipients';

/** One row of the region table (docs/regions.md explains each setting). */
export interface RegionRule {
  model: Model;
  /** State of each category before any choice. `true` only in opt-out rows (basis `default`). */
  defaults: Record<OptionalCategory, boolean>;
  /** A GPC signal opts out of advertising and every `saleOrShare` service before tags run. */
  honourGpc: boolean;
  /** Any policy-version bump asks again; otherwise only an added purpose or service does. */
  reconsent: boolean;
  /** Days a stored accept / refuse is honoured before asking again. */
  lifetimeDays: { accept: number; refuse: number };
  /** Below this age a declared visitor needs a parent; declared minors never get advertising. */
  minAge: number;
  /** Default UI language; empty string means the page's language. */
  language: string;
  notices: NoticeRequirement[];
  /** Show the "Your Privacy Choices" entry point (US opt-out rows). */
  privacyChoices: boolean;
}

/** A site's override of one row: any field, and any part of `defaults` or `lifetimeDays`. */
export type RegionOverride = Partial<Omit<RegionRule, 'defaults' | 'lifetimeDays'>> & {
  defaults?: Partial<RegionRule['defaults']>;
  lifetimeDays?: Partial<RegionRule['lifetimeDays']>;
};

/** The rules in force for this visitor, and why. */
export interface Regime extends RegionRule {
  /** The table row that matched: a region code, a group (`EEA`, `US`, `CA`) or `*`. */
  key: string;
  /** The visitor's region code, or `null` when unknown. */
  region: string | null;
  source: RegionSource;
  /** Human-readable explanation, e.g. "US-CA from data-assent-region; row US-CA". */
  reason: string;
}

export type { OptionalCategory };
