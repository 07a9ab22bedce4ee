/**
 * The consent receipt: the one record that leaves the browser. Its fields follow the receipt
 * proposal of the region research (ISO/IEC TS 27560 header / processing / events, Kantara CR v1.1);
 * docs/regions.md lists the fields that carry the region rules. The SDK builds it; server-sync
 * validates it with this schema, then signs, chains and stores it. The schema is the single
 * definition: the TypeScript types below are inferred from it, and server-sync's OpenAPI document
 * is generated from it.
 */
import * as v from 'valibot';
import { jsonRecord } from './objects.js';
import {
  BASES, EVENT_TYPES, METHODS, MODELS, OPTIONAL_CATEGORIES, RECEIPT_SOURCES, REGION_SOURCES, SCHEMA_VERSION,
} from './vocabulary.js';
import {
  ISO_TIME, LANGUAGE_TAG, MAX_NOTICE_TEXT, MAX_SERVICES, REGIME_KEY, REGION_CODE, SERVICE_ID, SHA256_HEX, SUBJECT_ID, UUID,
} from './patterns.js';

/** A lone UTF-16 surrogate: not Unicode text, so neither I-JSON nor hashable as RFC 8785 says. */
const LONE_SURROGATE = /\p{Cs}/u;
// Any surrogate, paired or not: a quick test that spares most strings the Unicode-aware one above.
const SURROGATE = /[\uD800-\uDFFF]/;
const wellFormed = (s: string): boolean => !SURROGATE.test(s) || !LONE_SURROGATE.test(s);
/**
 * Text a database column holds exactly as sent: PostgreSQL refuses NUL, and a lone surrogate would
 * be stored as U+FFFD, no longer the text the hash was computed from. Every free-text field of a
 * receipt is checked; the others match patterns that allow neither.
 */
const storable = (s: string): boolean => !s.includes('\0') && wellFormed(s);
const UNSTORABLE_MESSAGE = 'contains a NUL character or a lone surrogate';

const matching = (pattern: RegExp, max?: number) =>
  max === undefined ? v.pipe(v.string(), v.regex(pattern)) : v.pipe(v.string(), v.maxLength(max), v.regex(pattern));
/** Free text: bounded, well-formed Unicode, no NUL. */
const text = (min: number, max: number) =>
  v.pipe(v.string(), v.minLength(min), v.maxLength(max), v.check(storable, UNSTORABLE_MESSAGE));
/** A time that exists: `Date.parse` takes 2026-02-30 for March 2 and 24:00 for the next day's 00:00. */
const parsedDate = (s: string): boolean => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return false;
  const d = new Date(ms);
  return d.getUTCDate() === Number(s.slice(8, 10)) && d.getUTCHours() === Number(s.slice(11, 13));
};
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The two-digit number at `i`. */
const digits2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
/**
 * `parsedDate` without a Date for the strings receipts hold (ISO_TIME), by the calendar: checked
 * on every time of every receipt, where the Date costs 0.3 µs each. A test holds the two equal.
 */
const realDate = (s: string): boolean => {
  if (!ISO_TIME.test(s)) return parsedDate(s);
  const year = digits2(s, 0) * 100 + digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1] ?? 0;
  return day >= 1 && day <= days && digits2(s, 11) <= 23 && digits2(s, 14) <= 59 && digits2(s, 17) <= 59;
};
const isoTime = (description: string) =>
  v.pipe(matching(ISO_TIME), v.check(realDate, 'is not a real date'), v.description(description));

/** The state of one category in a receipt. */
export const PurposeStateSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ granted: v.boolean(), basis: v.picklist(BASES) }),
  v.metadata({ ref: 'PurposeState' }),
);
export type PurposeState = v.InferOutput<typeof PurposeStateSchema>;

/** The state of one service (vendor) in a receipt. */
export const ServiceStateSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    category: v.picklist(OPTIONAL_CATEGORIES),
    granted: v.boolean(),
    basis: v.picklist(BASES),
    saleOrShare: v.pipe(v.boolean(), v.description('The service\'s data use may be a "sale" or "sharing" under US state law.')),
  }),
  v.metadata({ ref: 'ServiceState' }),
);
export type ServiceState = v.InferOutput<typeof ServiceStateSchema>;

const flag = () => v.strictObject({ value: v.boolean(), honoured: v.boolean() });

/** A consent receipt, as the SDK sends it and server-sync stores it. */
export const ReceiptSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    schemaVersion: v.literal(SCHEMA_VERSION),
    receiptId: v.pipe(matching(UUID), v.description('UUID v4; the idempotency key of ingest.')),
    subjectId: v.pipe(matching(SUBJECT_ID), v.description('Pseudonymous visitor id: 32 lowercase hex characters; from the SDK a UUIDv7 without hyphens (creation time, then random bits).')),
    previousReceiptId: v.pipe(v.nullable(matching(UUID)), v.description('The receipt this one follows in the browser, if any.')),
    event: v.strictObject({
      type: v.picklist(EVENT_TYPES),
      method: v.picklist(METHODS),
      clientTime: isoTime('When the visitor decided, by the browser\'s clock.'),
    }),
    jurisdiction: v.strictObject({
      region: v.nullable(matching(REGION_CODE, 6)),
      regime: matching(REGIME_KEY, 6),
      model: v.picklist(MODELS),
      source: v.picklist(REGION_SOURCES),
    }),
    policyVersion: text(1, 64),
    notice: v.pipe(
      v.strictObject({
        language: matching(LANGUAGE_TAG, 35),
        hash: v.optional(v.pipe(matching(SHA256_HEX), v.description('SHA-256 (hex) of the notice text.'))),
        text: v.optional(v.pipe(v.string(), v.maxLength(MAX_NOTICE_TEXT), v.check(storable, UNSTORABLE_MESSAGE))),
      }),
      v.check((n) => n.hash !== undefined || n.text !== undefined, 'needs text or hash'),
      v.description('The exact notice shown: its language, and its text and/or the SHA-256 of the text.'),
      v.metadata({ anyOf: [{ required: ['text'] }, { required: ['hash'] }] }),
    ),
    purposes: v.strictObject({
      necessary: v.pipe(
        PurposeStateSchema,
        v.check((p) => p.granted && p.basis === 'necessary', 'must be granted with basis necessary'),
        v.metadata({ allOf: [{ properties: { granted: { const: true }, basis: { const: 'necessary' } } }] }),
      ),
      functional: PurposeStateSchema,
      analytics: PurposeStateSchema,
      advertising: PurposeStateSchema,
    }),
    services: v.pipe(jsonRecord(matching(SERVICE_ID), ServiceStateSchema), v.maxEntries(MAX_SERVICES)),
    validity: v.strictObject({ expiresAt: isoTime('When this consent expires and must be asked again.') }),
    signals: v.strictObject({
      gpc: flag(),
      dnt: flag(),
      declaredMinor: v.boolean(),
    }),
    client: v.strictObject({
      sdkVersion: text(0, 32),
      source: v.picklist(RECEIPT_SOURCES),
      origin: v.pipe(text(0, 256), v.description('Page origin, never the query string.')),
      path: v.pipe(text(0, 1024), v.description('Page path, never the query string.')),
      browser: v.pipe(text(0, 32), v.description('Browser family only (e.g. "Chrome"), never the user-agent string.')),
      uiLanguage: matching(LANGUAGE_TAG, 35),
    }),
  }),
  v.metadata({
    ref: 'Receipt',
    examples: [{
      schemaVersion: SCHEMA_VERSION,
      receiptId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      subjectId: '5f0c3a9e2b7d4c18a6e1f09d3b2c4a7e',
      previousReceiptId: null,
      event: { type: 'given', method: 'accept-all', clientTime: '2026-11-30T09:15:02.123Z' },
      jurisdiction: { region: 'CA-QC', regime: 'CA-QC', model: 'opt-in', source: 'attribute' },
      policyVersion: '2026-11',
      notice: { language: 'fr', text: 'Nous utilisons des témoins pour mesurer l\'audience et personnaliser la publicité.' },
      purposes: {
        necessary: { granted: true, basis: 'necessary' },
        functional: { granted: true, basis: 'consent' },
        analytics: { granted: true, basis: 'consent' },
        advertising: { granted: true, basis: 'consent' },
      },
      services: { metricly: { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false } },
      validity: { expiresAt: '2027-05-29T09:15:02.123Z' },
      signals: { gpc: { value: false, honoured: false }, dnt: { value: false, honoured: false }, declaredMinor: false },
      client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/fr/tarifs', browser: 'Firefox', uiLanguage: 'fr-CA' },
    }],
  }),
);

/** A consent receipt, as the SDK sends it and server-sync stores it. */
export type Receipt = v.InferOutput<typeof ReceiptSchema>;
