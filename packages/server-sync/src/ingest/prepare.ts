/**
 * Turns a parsed `POST /v1/receipts` body into receipts ready to store, or the first reasons it is
 * not acceptable. A request is accepted whole or not at all.
 */
import { arr, check, obj, validateReceipt, type Receipt, type Shape, type ShapeError } from '@assent/sdk/schema';
import { sha256Hex } from '../seal.js';
import type { PreparedReceipt } from '../storage/types.js';

export type PrepareResult = { ok: true; receipts: PreparedReceipt[] } | { ok: false; errors: ShapeError[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Characters a text column cannot hold as given: PostgreSQL refuses NUL, and a lone UTF-16
 * surrogate would be stored as U+FFFD, no longer the text its hash was computed from.
 */
const UNSTORABLE = /\0|\p{Cs}/u;

/** The path of the first string in `value` that is not well-formed text or holds NUL, or null. */
function unstorableString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = unstorableString(v, `${path}/${k}`);
    if (found) return found;
  }
  return null;
}

function prepareOne(value: unknown, path: string, errors: ShapeError[]): PreparedReceipt | null {
  const found = validateReceipt(value).map((e) => ({ path: `${path}${e.path === '/' ? '' : e.path}` || '/', message: e.message }));
  if (found.length) {
    errors.push(...found);
    return null;
  }
  const r = value as Receipt;
  const bad = unstorableString({ ...r, notice: { ...r.notice, text: undefined } }, path);
  if (bad) {
    errors.push({ path: bad, message: 'contains a NUL character or a lone surrogate' });
    return null;
  }
  const clientMs = Date.parse(r.event.clientTime);
  if (Number.isNaN(clientMs)) errors.push({ path: `${path}/event/clientTime`, message: 'is not a real date' });
  if (Number.isNaN(Date.parse(r.validity.expiresAt))) errors.push({ path: `${path}/validity/expiresAt`, message: 'is not a real date' });
  let hash = r.notice.hash;
  const text = r.notice.text ?? null;
  if (text !== null && UNSTORABLE.test(text))
    errors.push({ path: `${path}/notice/text`, message: 'contains a NUL character or a lone surrogate' });
  else if (text !== null) {
    const computed = sha256Hex(text);
    if (hash !== undefined && hash !== computed)
      errors.push({ path: `${path}/notice/hash`, message: 'does not match the SHA-256 of notice.text' });
    hash = computed;
  }
  if (errors.length) return null;
  // The text is stored once per hash in `notices`; the receipt keeps the hash only.
  const receipt: Receipt = { ...r, notice: { language: r.notice.language, hash } };
  return { receipt, noticeText: text, clientMs };
}

// The batch's envelope only: each receipt is then checked once, by validateReceipt.
const anyItem: Shape = () => {};
const envelope = obj({ receipts: arr(anyItem, 100, 1) });

/** Accepts one receipt, or `{ receipts: [...] }` with 1 to 100 of them. */
export function prepareIngest(body: unknown): PrepareResult {
  const errors: ShapeError[] = [];
  if (isObject(body) && 'receipts' in body) {
    const shapeErrors = check(envelope, body);
    if (shapeErrors.length) return { ok: false, errors: shapeErrors };
    const receipts: PreparedReceipt[] = [];
    (body.receipts as unknown[]).forEach((item, i) => {
      const p = prepareOne(item, `/receipts/${i}`, errors);
      if (p) receipts.push(p);
    });
    return errors.length ? { ok: false, errors } : { ok: true, receipts };
  }
  const one = prepareOne(body, '', errors);
  return one ? { ok: true, receipts: [one] } : { ok: false, errors };
}
