import type { Category, Method, OptionalCategory, Receipt, ReceiptSource } from './schema/receipt.js';
import type { SiteConfig } from './config/types.js';
import type { Regime } from './policy/types.js';
import type { ConsentRecord, Decisions } from './state/types.js';

/** Per-category choices, plus optional per-service ones. Omitted categories are refused. */
export type Choices = Partial<Record<OptionalCategory, boolean>> & { services?: Record<string, boolean> };

/** The exact notice the visitor saw when deciding; hashed into the receipt as proof. */
export interface ShownNotice {
  language: string;
  text: string;
}

/** Options of a decision. */
export interface DecisionOptions {
  /** How the visitor decided; inferred when omitted. */
  method?: Method;
  notice?: ShownNotice;
  source?: ReceiptSource;
}

/** Which view of the UI to open. */
export type UIView = 'banner' | 'preferences' | 'privacy-choices';

/** Events of a consent instance and their payloads. */
export interface ConsentEvents {
  /** Region resolved and stored record read; `needsDecision` is final. */
  ready: { decisions: Decisions; needsDecision: boolean };
  /** Decisions changed (including the first decision). */
  change: { decisions: Decisions; previous: Decisions; method: Method; record: ConsentRecord };
  /** Categories switched from granted to refused. Scripts already running may need a reload. */
  withdraw: { categories: OptionalCategory[] };
  /** Someone asked to show a view of the UI (`open()`, a `data-assent-open` element, the widget). */
  open: { view: UIView };
  /** A receipt was queued for server-sync. */
  receipt: { receipt: Receipt };
}

export type ConsentEventName = keyof ConsentEvents;

/** A consent instance: the typed API for npm users, and `window.Assent` on the website. */
export interface Consent {
  /**
   * Pseudonymous visitor id shared with server-sync (stable while the cookie lives). On the
   * website, `""` during a first visit until the first decision is recorded (`change`). A UUIDv7
   * as 32 hex characters: it begins with the time it was made, so hand it to no third party
   * that should not learn when the visitor first came.
   */
  readonly subjectId: string;
  /** Visitor's region code, or `null` when unknown. */
  readonly region: string | null;
  /** The regime in force and why. */
  readonly regime: Regime;
  readonly config: SiteConfig;
  /** A Global Privacy Control signal is present. */
  readonly gpc: boolean;
  /** The visitor has to decide (no valid record, expired, or policy changed). */
  readonly needsDecision: boolean;
  /** Resolves once the region is known and the record read. */
  readonly ready: Promise<void>;
  /** Current decision per category (synchronous). */
  get(): Decisions;
  /** Current decision per configured service. */
  services(): Record<string, boolean>;
  /** The stored record, or `null` before any decision. */
  record(): ConsentRecord | null;
  /** Whether a category (and, if given, one of its services) may run now. */
  allows(category: Category, serviceId?: string): boolean;
  /** Records a custom decision. */
  set(choices: Choices, options?: DecisionOptions): void;
  acceptAll(options?: DecisionOptions): void;
  rejectAll(options?: DecisionOptions): void;
  /** "Your Privacy Choices": opt out of (or back in to) sale/share and targeted advertising. */
  setSaleShareOptOut(optOut: boolean, options?: DecisionOptions): void;
  /** Declares the visitor's age; a minor below 18 is never opted in to advertising. */
  setAge(age: number): void;
  on<E extends ConsentEventName>(event: E, fn: (payload: ConsentEvents[E]) => void): () => void;
  /** Runs `fn` once the category (and service) is granted; now if it already is. Returns a cancel function. */
  whenGranted(category: OptionalCategory, fn: () => void, serviceId?: string): () => void;
  /** Runs `fn` each time the category is withdrawn. Returns an unsubscribe function. */
  onWithdraw(category: OptionalCategory, fn: () => void): () => void;
  /** Asks the UI to show a view (emits `open`). */
  open(view?: UIView): void;
  /** Removes listeners, observers and timers this instance added. */
  destroy(): void;
}
