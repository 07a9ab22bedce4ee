/**
 * The consent receipt: the one record that leaves the browser. Its fields follow the receipt
 * proposal of the region research (ISO/IEC TS 27560 header / processing / events, Kantara CR v1.1);
 * docs/regions.md lists the fields that carry the region rules.
 *
 * This module re-exports the receipt's vocabulary, formats, types and validator from the path SDK
 * modules have always imported them from. Each is defined in the module that owns it:
 * vocabulary.ts (the words), patterns.ts (field formats), receipt-schema.ts (the schema and its
 * inferred types), validate-receipt.ts (the validator).
 */
export {
  BASES, CATEGORIES, EVENT_TYPES, METHODS, MODELS, OPTIONAL_CATEGORIES, RECEIPT_SOURCES, REGION_SOURCES, SCHEMA_VERSION,
  type Basis, type Category, type EventType, type Method, type Model, type OptionalCategory, type ReceiptSource, type RegionSource,
} from './vocabulary.js';
export { MAX_NOTICE_TEXT, REGION_CODE, SERVICE_ID, SUBJECT_ID, UUID } from './patterns.js';
export { ReceiptSchema, type PurposeState, type Receipt, type ServiceState } from './receipt-schema.js';
export { validateReceipt } from './validate-receipt.js';
