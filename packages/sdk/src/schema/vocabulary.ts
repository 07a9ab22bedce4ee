/**
 * The words of a consent receipt: categories, bases, methods, event types, consent models and
 * sources. Each list is the one definition the SDK, the receipt schema and server-sync share.
 */

/** The receipt format this SDK writes and server-sync accepts. */
export const SCHEMA_VERSION = 'assent-receipt/1';

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
