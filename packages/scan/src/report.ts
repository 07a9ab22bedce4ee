/**
 * The JSON report (`--out report.json`): a stable, versioned schema. Additions keep
 * `schemaVersion`; a renamed or removed field, or a changed meaning, bumps it.
 */
import type { OptionalCategory } from '@assent/sdk';
import type { ConsentModeCommand, Initiator, RawCookie, RawRequest, RawStorage, SetBy } from './observe.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The three moments of a visit the scanner records. */
export type ScanState = 'before' | 'reject' | 'accept';
export const STATES: readonly ScanState[] = ['before', 'reject', 'accept'];

/** A category, or `unclassified` for what neither the config, the scan options nor a preset accounts for. */
export type CategoryId = 'necessary' | OptionalCategory | 'unclassified';

/**
 * Why an item has its category: `config` (a service of the config), `assent` (Assent's own cookie
 * or server), `declared` (named necessary in the scan options), `preset` (a vendor preset knows
 * it, the config does not), `setter` (set by a declared service's script or response, but not
 * listed in it), `none`.
 */
export type ClassificationSource = 'config' | 'assent' | 'declared' | 'preset' | 'setter' | 'none';

export interface Classification {
  category: CategoryId;
  source: ClassificationSource;
  /** Config service id, or `null`. */
  service: string | null;
  /** Vendor preset id, when one matched. */
  preset: string | null;
}

/** Where an item was seen. `region` is the region's label (see {@link RegionReport.label}). */
export interface Occurrence {
  region: string;
  state: ScanState;
  page: string;
}

export interface CookieObservation extends RawCookie, Classification {
  party: 'first' | 'third';
  /** Seconds from the scan to expiry; `null` for a session cookie. */
  lifetimeSeconds: number | null;
  /** Whether the visitor's decisions in this state allow it. */
  allowed: boolean;
}

export interface RequestObservation extends RawRequest, Classification {
  host: string;
  allowed: boolean;
}

export interface PageReport {
  url: string;
  phase: 'visit' | 'decision';
  status: number | null;
  error?: string;
  language: string | null;
  cookies: CookieObservation[];
  /** Requests to hosts of other sites. */
  requests: RequestObservation[];
  storage: RawStorage[];
  iframes: string[];
  consentMode: ConsentModeCommand[];
  /** Assent's decisions on the page (`null`: Assent did not start there). */
  decisions: Record<'necessary' | OptionalCategory, boolean> | null;
}

/** Counts per region and state; the HTML report shows the same numbers. */
export interface StateSummary {
  pages: number;
  /** Distinct cookies (name + domain) present at the end of any page. */
  cookies: number;
  firstPartyCookies: number;
  thirdPartyCookies: number;
  /** Requests to hosts of other sites. */
  thirdPartyRequests: number;
  thirdPartyHosts: number;
  /** Distinct iframe URLs that loaded. */
  iframes: number;
  /** Distinct origin + area + key. */
  storageKeys: number;
  consentModeCommands: number;
  /** Leaks with an occurrence in this region and state. */
  leaks: number;
  /** Undeclared items with an occurrence in this region and state. */
  undeclared: number;
}

export interface StateReport {
  state: ScanState;
  /** Accessible names of the buttons clicked to reach the state (`[]` for `before`). */
  clicked: string[];
  /** Why the state could not be recorded (fully), if so. */
  error?: string;
  summary: StateSummary;
  pages: PageReport[];
}

export interface RegionReport {
  /** What the scan asked for (`null`: as the site decides). */
  requested: string | null;
  /** `requested`, else the region Assent resolved, else `site default`: how occurrences name this region. */
  label: string;
  /** Region and regime as Assent resolved them on the first page. */
  assentRegion: string | null;
  regime: { key: string; model: string; language: string } | null;
  banner: { found: boolean; language: string | null };
  states: StateReport[];
}

export interface Leak {
  /** Stable identity: `cookie:<name>@<domain>` or `request:<host>`. */
  id: string;
  kind: 'cookie' | 'request';
  /** Cookie name, or host. */
  name: string;
  /** Cookie domain. */
  domain?: string;
  category: CategoryId;
  source: ClassificationSource;
  service: string | null;
  preset: string | null;
  /** In words: what was seen while what was refused. */
  reason: string;
  /** One instance: the request URL and initiator, or who set the cookie. */
  example: { url: string; initiator?: Initiator | null; setBy?: SetBy | null };
  occurrences: Occurrence[];
}

/** A declaration to add to the config (or scan options) for an undeclared item. */
export type Suggestion =
  | { kind: 'preset'; preset: string; entry: { preset: string } }
  | { kind: 'service'; entry: ServiceTemplate }
  | { kind: 'add-cookie'; service: string; cookie: { name: string; duration: string; purpose: string } }
  | { kind: 'necessary'; option: string };

/** A service entry to complete: fields starting with `FILL IN` need the site owner's knowledge. */
export interface ServiceTemplate {
  id: string;
  name: string;
  provider: string;
  category: string;
  purpose: string;
  hosts: string[];
  cookies: Array<{ name: string; duration: string; purpose: string }>;
}

export interface Undeclared {
  /** `cookie:<name>@<domain>` or `host:<host>`. */
  id: string;
  kind: 'cookie' | 'host';
  name: string;
  domain?: string;
  party: 'first' | 'third';
  /** What the scanner could still tell (from a preset, or the declared service that set it). */
  category: CategoryId;
  source: ClassificationSource;
  service: string | null;
  preset: string | null;
  example: { url: string; initiator?: Initiator | null; setBy?: SetBy | null; lifetimeSeconds?: number | null };
  suggestion: Suggestion;
  occurrences: Occurrence[];
}

/** A declaration never matched on the pages scanned. */
export interface Stale {
  /** `service:<id>`, `host:<id>:<pattern>` or `cookie:<id>:<pattern>`. */
  id: string;
  kind: 'service' | 'host' | 'cookie';
  service: string;
  /** The host or cookie pattern (the service id for `service`). */
  value: string;
}

export interface CookieTableRow {
  /** Name or declared pattern (`_ga_*`). */
  name: string;
  provider: string;
  category: CategoryId;
  /** The category's name in this language. */
  categoryLabel: string;
  purpose: string;
  /** The declared duration as written in the config, else the observed lifetime in this language. */
  duration: string;
  service: string | null;
  /** In the config (or the scan options, or Assent's own). */
  declared: boolean;
  /** Seen on the pages scanned. */
  observed: boolean;
}

export interface CookieTable {
  /** An Assent language tag (`en`, `fr`, `fr-CA`). */
  language: string;
  rows: CookieTableRow[];
}

export interface ReportSummary {
  pages: number;
  regions: number;
  leaks: number;
  undeclared: number;
  stale: number;
  /** Distinct cookies (name + domain) seen in any state. */
  cookies: number;
  /** Distinct hosts of other sites requested in any state. */
  thirdPartyHosts: number;
}

export interface ScanReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'assent-scan'; version: string };
  scannedAt: string;
  durationMs: number;
  /** False when the time budget ran out or a state could not be recorded: the findings are a lower bound. */
  complete: boolean;
  site: {
    startUrl: string;
    origin: string;
    /** Registrable domain (or host): what counts as first party. */
    site: string;
    pages: string[];
    pagesFrom: 'sitemap' | 'links';
    robotsTxt: 'found' | 'none' | 'ignored';
    userAgent: string;
  };
  config: { source: string; policyVersion: string; services: string[]; warnings: string[] };
  options: {
    regions: Array<string | null>;
    regionVia: string;
    pages: number;
    strict: boolean;
    necessaryCookies: string[];
    necessaryHosts: string[];
  };
  summary: ReportSummary;
  leaks: Leak[];
  undeclared: Undeclared[];
  stale: Stale[];
  cookieTable: CookieTable[];
  regions: RegionReport[];
  warnings: string[];
}
