/**
 * Turns a parsed `POST /v1/receipts` body into receipts ready to store, or the first reasons it is
 * not acceptable. A request is accepted whole or not at all.
 */
import { parseIngestBody, type Receipt, type ShapeError } from '@assent/sdk/schema';
import { sha256Hex } from '../seal.js';
import type { PreparedReceipt } from '../storage/types.js';

export type PrepareResult = { ok: true; receipts: PreparedReceipt[] } | { ok: false; errors: ShapeError[] };

/**
 * What the schema cannot check: a notice hash sent beside its text must be the text's SHA-256.
 * `r` is the schema's own copy of the receipt: it is changed in place.
 */
function prepareOne(r: Receipt, path: string, errors: ShapeError[]): PreparedReceipt {
  const text = r.notice.text ?? null;
  if (text !== null) {
    const computed = sha256Hex(text);
    if (r.notice.hash !== undefined && r.notice.hash !== computed)
      errors.push({ path: `${path}/notice/hash`, message: 'does not match the SHA-256 of notice.text' });
    // The text is stored once per hash in `notices`; the receipt keeps the hash only.
    r.notice = { language: r.notice.language, hash: computed };
  }
  return { receipt: r, noticeText: text, clientMs: Date.parse(r.event.clientTime) };
}

/** Accepts one receipt, or `{ receipts: [...] }` with 1 to 100 of them (`ReceiptBatchSchema`). */
export function prepareIngest(body: unknown): PrepareResult {
  const parsed = parseIngestBody(body);
  if (!parsed.ok) return parsed;
  const errors: ShapeError[] = [];
  const batch = typeof body === 'object' && body !== null && 'receipts' in body;
  const receipts = parsed.receipts.map((r, i) => prepareOne(r, batch ? `/receipts/${i}` : '', errors));
  return errors.length ? { ok: false, errors } : { ok: true, receipts };
}
