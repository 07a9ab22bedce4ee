/** Validates receipts against their schemas, with errors that name the field first. */
import * as v from 'valibot';
import { toShapeErrors } from './issues.js';
import { ReceiptSchema } from './receipt-schema.js';
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
 * The errors of a `POST /v1/receipts` body: one receipt, or `{ receipts: [...] }` (any object
 * with a `receipts` member is taken as a batch). Paths point into the body (`/receipts/2/…`).
 */
export function validateIngestBody(value: unknown): ShapeError[] {
  const isBatch = typeof value === 'object' && value !== null && !Array.isArray(value) && 'receipts' in value;
  const result = isBatch ? v.safeParse(ReceiptBatchSchema, value, CONFIG) : v.safeParse(ReceiptSchema, value, CONFIG);
  return result.success ? [] : toShapeErrors(result.issues);
}
