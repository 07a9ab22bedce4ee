/**
 * The formats of receipt fields, as regular expressions and limits. The receipt schema, the
 * SDK's cookie codec and config validation test the same definitions. No flags: each pattern is
 * also written into server-sync's OpenAPI document as a JSON Schema `pattern`.
 */

/** UUID v4, lowercase: receipt ids. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/**
 * Pseudonymous visitor id: 32 lowercase hex characters. The SDK writes a UUIDv7 without hyphens
 * (time first, then 74 random bits: sync/ids.ts); ids of earlier SDKs, 128 random bits, stay valid.
 */
export const SUBJECT_ID = /^[0-9a-f]{32}$/;
/** A service (vendor) id of the site config. */
export const SERVICE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** An ISO 3166-1 country or ISO 3166-2 subdivision code: `FR`, `US-CA`, `CA-QC`. */
export const REGION_CODE = /^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$/;
/** A key of the region table: a region code, a group such as `EEA`, or `*` (the fallback row). */
export const REGIME_KEY = /^(?:\*|[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?)$/;
/** A UTC timestamp as `Date.prototype.toISOString` writes it (milliseconds optional). */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
/** A BCP 47 language tag, loosely: `en`, `fr-CA`, `zh-Hant-TW`. */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;
/** SHA-256 as 64 lowercase hex characters: notice hashes, chain hashes. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Largest notice text accepted (characters). */
export const MAX_NOTICE_TEXT = 20_000;
/** Most services one receipt may list. */
export const MAX_SERVICES = 100;
