/** Validates receipts against their schemas, with errors that name the field first. */
import * as v from 'valibot';
import { toShapeErrors } from './issues.js';
import { ReceiptSchema, type Receipt } from './receipt-schema.js';
import { ReceiptBatchSchema } from './responses.js';
import type { ShapeError } from './validate.js';

// Each field reports its first problem only: a 2 MB string is not also matched against its pattern.
const CONFIG = { abortPipeEarly: true } as const;

/**
 * The errors of one receipt (empty when valid). Unknown fields are errors, not silently dropped: a
 * receipt is evidence and must be stored exactly as it was checked.
 */
export function validateReceipt(value: unknown): ShapeError[] {
  const result = v.safeParse(ReceiptSchema, value, CONFIG);
  return result.success ? [] : toShapeErrors(result.issues);
}

/**
 * A `POST /v1/receipts` body as receipts: one receipt, or `{ receipts: [...] }` (any object with
 * a `receipts` member is taken as a batch). The receipts are the schema's output: fresh copies
 * holding the schema's fields only. Error paths point into the body (`/receipts/2/…`).
 */
export function parseIngestBody(value: unknown): { ok: true; receipts: Receipt[] } | { ok: false; errors: ShapeError[] } {
  const isBatch = typeof value === 'object' && value !== null && !Array.isArray(value) && 'receipts' in value;
  if (isBatch) {
    const batch = v.safeParse(ReceiptBatchSchema, value, CONFIG);
    return batch.success ? { ok: true, receipts: batch.output.receipts } : { ok: false, errors: toShapeErrors(batch.issues) };
  }
  const one = v.safeParse(ReceiptSchema, value, CONFIG);
  return one.success ? { ok: true, receipts: [one.output] } : { ok: false, errors: toShapeErrors(one.issues) };
}

/** The errors of a `POST /v1/receipts` body (empty when valid). */
export const validateIngestBody = (value: unknown): ShapeError[] => {
  const parsed = parseIngestBody(value);
  return parsed.ok ? [] : parsed.errors;
};
