/**
 * The consent receipt: the one record that leaves the browser. Its fields follow the
 * receipt proposal of the region research (ISO/IEC TS 27560 header / processing / events, Kantara
 * CR v1.1); docs/regions.md lists the fields that carry the region rules.
 * The SDK builds it, server-sync validates, signs, chains and stores it.
 */
import { arr, bool, check, nullable, obj, record, str, type Shape, type ShapeError } from './validate.js';

/** The four cookie categories of the privacy statement. `necessary` is always on. */
export const CATEGORIES = ['necessary', 'functional', 'analytics', 'advertising'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories a visitor can switch. */
export type OptionalCategory = Exclude<Category, 'necessary'>;
export const OPTIONAL_CATEGORIES: readonly OptionalCategory[] = ['functional', 'analytics', 'advertising'];

/**
 * Why a category or service is in its state:
 * `consent` an affirmative choice by the visitor; `default` the regime's default in an opt-out
 * region (never counts as consent); `signal` Global Privacy Control; `necessary` always on.
 */
export type Basis = 'consent' | 'default' | 'signal' | 'necessary';
export const BASES: readonly Basis[] = ['consent', 'default', 'signal', 'necessary'];

/** How a decision was made. */
export type Method =
  | 'accept-all'
  | 'reject-all'
  | 'custom'
  | 'gpc'
  | 'regime-default'
  | 'privacy-choices'
  | 'withdrawal'
  | 'api';
export const METHODS: readonly Method[] = [
  'accept-all', 'reject-all', 'custom', 'gpc', 'regime-default', 'privacy-choices', 'withdrawal', 'api',
];

/** What kind of event a receipt records (ISO 27560 event types). */
export type EventType = 'given' | 'refused' | 'updated' | 'withdrawn' | 'gpc-opt-out' | 'default-applied';
export const EVENT_TYPES: readonly EventType[] = [
  'given', 'refused', 'updated', 'withdrawn', 'gpc-opt-out', 'default-applied',
];

/** The consent model of a regime. */
export type Model = 'opt-in' | 'opt-out' | 'notice';
export const MODELS: readonly Model[] = ['opt-in', 'opt-out', 'notice'];

/** Where the visitor's region came from. */
export type RegionSource = 'attribute' | 'option' | 'endpoint' | 'fallback';
export const REGION_SOURCES: readonly RegionSource[] = ['attribute', 'option', 'endpoint', 'fallback'];

/** Which property produced a receipt. */
export type ReceiptSource = 'website' | 'portal' | 'widget' | 'api';
export const RECEIPT_SOURCES: readonly ReceiptSource[] = ['website', 'portal', 'widget', 'api'];

/** The state of one category in a receipt. */
export interface PurposeState {
  granted: boolean;
  basis: Basis;
}

/** The state of one service (vendor) in a receipt. */
export interface ServiceState {
  category: OptionalCategory;
  granted: boolean;
  basis: Basis;
  /** The service's data use may be a "sale" or "sharing" under US state law. */
  saleOrShare: boolean;
}

/** A consent receipt, as sent by the SDK and stored by server-sync. */
export interface Receipt {
  schemaVersion: 'assent-receipt/1';
  /** UUID v4; the idempotency key of ingest. */
  receiptId: string;
  /** Pseudonymous visitor id: 32 lowercase hex characters (128 random bits). */
  subjectId: string;
  /** The receipt this one follows in the browser, if any. */
  previousReceiptId: string | null;
  event: { type: EventType; method: Method; clientTime: string };
  jurisdiction: { region: string | null; regime: string; model: Model; source: RegionSource };
  policyVersion: string;
  /** The exact notice shown: its language, and its text and/or SHA-256 hex of the text. */
  notice: { language: string; hash?: string; text?: string };
  purposes: Record<Category, PurposeState>;
  services: Record<string, ServiceState>;
  validity: { expiresAt: string };
  signals: {
    gpc: { value: boolean; honoured: boolean };
    dnt: { value: boolean; honoured: boolean };
    declaredMinor: boolean;
  };
  client: {
    sdkVersion: string;
    source: ReceiptSource;
    /** Page origin and path, never the query string. */
    origin: string;
    path: string;
    /** Browser family only (e.g. "Chrome"), never the user-agent string. */
    browser: string;
    uiLanguage: string;
  };
}

export const SCHEMA_VERSION = 'assent-receipt/1';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const SUBJECT_ID = /^[0-9a-f]{32}$/;
export const SERVICE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const REGION_CODE = /^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const LANG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

/** Largest notice text accepted (characters). */
export const MAX_NOTICE_TEXT = 20_000;

const purpose = /* @__PURE__ */ obj({ granted: bool, basis: str({ oneOf: BASES }) });

/** The shape server-sync accepts for one receipt. */
export const receiptShape: Shape = /* @__PURE__ */ obj({
  schemaVersion: str({ oneOf: [SCHEMA_VERSION] }),
  receiptId: str({ pattern: UUID }),
  subjectId: str({ pattern: SUBJECT_ID }),
  previousReceiptId: nullable(str({ pattern: UUID })),
  event: obj({
    type: str({ oneOf: EVENT_TYPES }),
    method: str({ oneOf: METHODS }),
    clientTime: str({ pattern: ISO_TIME }),
  }),
  jurisdiction: obj({
    region: nullable(str({ pattern: REGION_CODE, max: 6 })),
    regime: str({ pattern: /^(?:\*|[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?)$/, max: 6 }),
    model: str({ oneOf: MODELS }),
    source: str({ oneOf: REGION_SOURCES }),
  }),
  policyVersion: str({ min: 1, max: 64 }),
  notice: obj({
    language: str({ pattern: LANG, max: 35 }),
    'hash?': str({ pattern: /^[0-9a-f]{64}$/ }),
    'text?': str({ max: MAX_NOTICE_TEXT }),
  }),
  purposes: obj({ necessary: purpose, functional: purpose, analytics: purpose, advertising: purpose }),
  services: record(
    SERVICE_ID,
    obj({
      category: str({ oneOf: ['functional', 'analytics', 'advertising'] }),
      granted: bool,
      basis: str({ oneOf: BASES }),
      saleOrShare: bool,
    }),
  ),
  validity: obj({ expiresAt: str({ pattern: ISO_TIME }) }),
  signals: obj({
    gpc: obj({ value: bool, honoured: bool }),
    dnt: obj({ value: bool, honoured: bool }),
    declaredMinor: bool,
  }),
  client: obj({
    sdkVersion: str({ max: 32 }),
    source: str({ oneOf: RECEIPT_SOURCES }),
    origin: str({ max: 256 }),
    path: str({ max: 1024 }),
    browser: str({ max: 32 }),
    uiLanguage: str({ pattern: LANG, max: 35 }),
  }),
});

/** A batch as `POST /v1/receipts` accepts it: one receipt or `{ receipts: [...] }` (at most 100). */
export const receiptBatchShape: Shape = /* @__PURE__ */ obj({ receipts: arr(receiptShape, 100, 1) });

/**
 * Validates one receipt. Beyond the shape, a receipt must carry the notice text or its hash,
 * and `necessary` must be granted on basis `necessary`.
 */
export function validateReceipt(value: unknown): ShapeError[] {
  const errors = check(receiptShape, value);
  if (errors.length) return errors;
  const r = value as Receipt;
  if (r.notice.hash === undefined && r.notice.text === undefined)
    errors.push({ path: '/notice', message: 'needs text or hash' });
  if (!r.purposes.necessary.granted || r.purposes.necessary.basis !== 'necessary')
    errors.push({ path: '/purposes/necessary', message: 'must be granted with basis necessary' });
  return errors;
}

/** Response of `POST /v1/receipts`. */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
}

/** Response of `GET /v1/region`. */
export interface RegionResponse {
  region: string | null;
}

/** Why server-sync refused a website↔Portal link. */
export type LinkRefusalReason = 'consent_required' | 'consent_expired' | 'policy_outdated' | 'subject_unknown';

/** Body of `POST /v1/links`. */
export interface LinkRequest {
  subjectId: string;
  accountId: string;
}

export const linkRequestShape: Shape = /* @__PURE__ */ obj({
  subjectId: str({ pattern: SUBJECT_ID }),
  accountId: str({ min: 1, max: 128 }),
});
