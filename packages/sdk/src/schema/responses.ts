/**
 * server-sync's `/v1` payloads not about links or subjects: the ingest request and answer, the
 * region, errors, health and the GPC well-known file.
 */
import * as v from 'valibot';
import { ReceiptSchema } from './receipt-schema.js';

/** Most receipts in one `POST /v1/receipts` request. */
export const MAX_RECEIPTS_PER_REQUEST = 100;

/** Several receipts in one request (an outbox flush): 1 to 100, accepted or refused together. */
export const ReceiptBatchSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ receipts: v.pipe(v.array(ReceiptSchema), v.minLength(1), v.maxLength(MAX_RECEIPTS_PER_REQUEST)) }),
  v.metadata({ ref: 'ReceiptBatch' }),
);
export type ReceiptBatch = v.InferOutput<typeof ReceiptBatchSchema>;

/** Body of `POST /v1/receipts`: one receipt, or a batch. */
export const IngestRequestSchema = /* @__PURE__ */ v.union([ReceiptSchema, ReceiptBatchSchema]);
export type IngestRequest = v.InferOutput<typeof IngestRequestSchema>;

/** Response of `POST /v1/receipts`, sent once the receipts are committed. */
export const IngestResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    accepted: v.pipe(v.number(), v.integer(), v.minValue(0), v.description('Receipts stored by this request.')),
    duplicates: v.pipe(v.number(), v.integer(), v.minValue(0), v.description('Receipt ids already stored (retries): not stored again.')),
  }),
  v.metadata({ ref: 'IngestResponse', examples: [{ accepted: 1, duplicates: 0 }] }),
);
export type IngestResponse = v.InferOutput<typeof IngestResponseSchema>;

/** Response of `GET /v1/region`. */
export const RegionResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ region: v.nullable(v.string()) }),
  v.metadata({ ref: 'RegionResponse', examples: [{ region: 'US-CA' }, { region: null }] }),
);
export type RegionResponse = v.InferOutput<typeof RegionResponseSchema>;

/** Every error response: what went wrong, and for invalid bodies up to 20 problems, each naming its field. */
export const ErrorResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    error: v.string(),
    errors: v.optional(v.pipe(
      v.array(v.strictObject({ path: v.string(), message: v.string() })),
      v.maxLength(20),
    )),
  }),
  v.metadata({
    ref: 'Error',
    examples: [{
      error: '/receipts/2/policyVersion: expected a string, got number',
      errors: [{ path: '/receipts/2/policyVersion', message: 'expected a string, got number' }],
    }],
  }),
);
export type ErrorResponse = v.InferOutput<typeof ErrorResponseSchema>;

/** Response of `GET /healthz`. */
export const HealthResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    ok: v.pipe(v.boolean(), v.description('The database answers and the instance is not shutting down.')),
    storage: v.picklist(['sqlite', 'postgres']),
    database: v.pipe(v.picklist(['up', 'unavailable']), v.description('Whether the database answered a trivial query.')),
    draining: v.pipe(v.boolean(), v.description('A shutdown has begun: requests are still served, new ones should go elsewhere.')),
  }),
  v.metadata({
    ref: 'Health',
    examples: [{ ok: true, storage: 'postgres', database: 'up', draining: false }, { ok: false, storage: 'postgres', database: 'up', draining: true }],
  }),
);
export type HealthResponse = v.InferOutput<typeof HealthResponseSchema>;

/** `/.well-known/gpc.json`: this site honours Global Privacy Control. */
export const GpcResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ gpc: v.literal(true), lastUpdate: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  v.metadata({ ref: 'GpcSupport' }),
);
export type GpcResponse = v.InferOutput<typeof GpcResponseSchema>;
