/**
 * How a receipt's body is stored: about 80 bytes instead of 1.1 KB of JSON.
 *
 * Format 1 (first byte 0x01): the receipt's canonical JSON without the three fields its row keeps
 * in columns of their own (receiptId, subjectId, notice.hash), compressed with raw DEFLATE (Node's
 * zlib) primed with a fixed dictionary of typical receipts. A receipt differs from the next mostly
 * in ids and times, so the dictionary supplies nearly every key and value: 1.1 KB of canonical JSON
 * becomes 70-90 bytes, at about 11 µs to compress and 6 µs to expand (bench/server-sync.md).
 * Rows written before format 1 hold the full canonical JSON as UTF-8 (first byte `{`); both are read.
 *
 * The body is a copy for export and verification, not the signed bytes themselves: the chain hash
 * is recomputed from the receipt's canonical JSON under the scheme its row names (`canonicalization`:
 * RFC 8785, or `js-sorted-keys` before it), which the restored receipt yields exactly. Member order
 * inside the body only matters to the dictionary (both schemes order the receipt's own keys alike).
 *
 * Never change RECEIPT_DICTIONARY_V1: stored bodies need it to expand. A new dictionary is a new
 * format byte.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Receipt } from '@assent/sdk/schema';
import { canonicalReceiptTexts } from '../canonical.js';

const FORMAT_DEFLATE_V1 = 0x01;
const FORMAT_JSON = 0x7b; // `{`: canonical JSON as UTF-8 (rows stored before format 1)

/** Canonical JSON (without ids and notice hash) of typical receipts: grants, refusals, an opt-out region. */
export const RECEIPT_DICTIONARY_V1 = Buffer.from(
  '{"client":{"browser":"Safari","origin":"https://www.example.com","path":"/","sdkVersion":"0.1.0","source":"portal","uiLanguage":"en"},' +
    '"event":{"clientTime":"2026-01-01T00:00:00.000Z","method":"reject-all","type":"refused"},' +
    '"jurisdiction":{"model":"opt-out","regime":"US-CA","region":"US-CA","source":"endpoint"},"notice":{"language":"en"},' +
    '"policyVersion":"1","previousReceiptId":null,"purposes":{"advertising":{"basis":"default","granted":false},' +
    '"analytics":{"basis":"signal","granted":false},"functional":{"basis":"default","granted":true},"necessary":{"basis":"necessary","granted":true}},' +
    '"schemaVersion":"assent-receipt/1","services":{"ads":{"basis":"signal","category":"advertising","granted":false,"saleOrShare":true}},' +
    '"signals":{"declaredMinor":false,"dnt":{"honoured":false,"value":true},"gpc":{"honoured":true,"value":true}},"validity":{"expiresAt":"2027-01-01T00:00:00.000Z"}}' +
    '{"client":{"browser":"Chrome","origin":"https://www.example.com","path":"/pricing","sdkVersion":"0.1.0","source":"website","uiLanguage":"fr"},' +
    '"event":{"clientTime":"2026-06-01T12:00:00.000Z","method":"accept-all","type":"given"},' +
    '"jurisdiction":{"model":"opt-in","regime":"EEA","region":"FR","source":"attribute"},"notice":{"language":"fr"},' +
    '"policyVersion":"2026-06","previousReceiptId":null,"purposes":{"advertising":{"basis":"consent","granted":true},' +
    '"analytics":{"basis":"consent","granted":true},"functional":{"basis":"consent","granted":true},"necessary":{"basis":"necessary","granted":true}},' +
    '"schemaVersion":"assent-receipt/1","services":{"ad-pixel":{"basis":"consent","category":"advertising","granted":true,"saleOrShare":true},' +
    '"web-stats":{"basis":"consent","category":"analytics","granted":true,"saleOrShare":false}},' +
    '"signals":{"declaredMinor":false,"dnt":{"honoured":false,"value":false},"gpc":{"honoured":false,"value":false}},"validity":{"expiresAt":"2026-12-01T12:00:00.000Z"}}',
  'utf8',
);

// A 4 KB window holds the dictionary (2.3 KB) and a receipt; zlib's default 32 KB window and hash
// table only cost time to set up for each body (15.8 → 12.6 µs a receipt, same output size on
// the receipts of the tests). The output is the same format: raw DEFLATE with this dictionary,
// which inflate reads with any window size. A body is under 256 bytes: an output chunk of that
// size comes from Node's buffer pool, where the default 16 KB was a fresh allocation for each
// body, for the garbage collector to sweep (13.3 → 11.2 µs).
const DEFLATE = { level: 6, windowBits: 12, memLevel: 4, chunkSize: 256, dictionary: RECEIPT_DICTIONARY_V1 };
const INFLATE = { dictionary: RECEIPT_DICTIONARY_V1 };

/**
 * The stored body of a receipt (format 1). `withoutIds` is its canonical JSON without the members
 * the row keeps elsewhere, when the caller already has it (ingest computes it with the chain hash's).
 */
export function encodeReceiptBody(r: Receipt, withoutIds: string = canonicalReceiptTexts(r).withoutIds): Buffer {
  const packed = deflateRawSync(withoutIds, DEFLATE);
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = FORMAT_DEFLATE_V1;
  packed.copy(out, 1);
  return out;
}

/** The fields of a receipt its row keeps in columns. */
export interface ReceiptColumns {
  receiptId: string;
  subjectId: string;
  /** SHA-256 of the notice text, or null when the receipt named none. */
  noticeHash: Buffer | null;
}

/** The receipt a stored body and its row's columns hold. */
export function decodeReceiptBody(body: Uint8Array, columns: ReceiptColumns): Receipt {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes[0] === FORMAT_JSON) return JSON.parse(bytes.toString('utf8')) as Receipt;
  if (bytes[0] !== FORMAT_DEFLATE_V1) throw new Error(`receipt ${columns.receiptId}: unknown body format ${bytes[0]}`);
  const r = JSON.parse(inflateRawSync(bytes.subarray(1), INFLATE).toString('utf8')) as Receipt;
  r.receiptId = columns.receiptId;
  r.subjectId = columns.subjectId;
  if (columns.noticeHash) r.notice.hash = columns.noticeHash.toString('hex');
  return r;
}
