/**
 * What server-sync answers to rights requests on a subject: the sealed receipts of its hash
 * chain, the chain's verification, the notices shown, links and link events (export), and erase.
 */
import * as v from 'valibot';
import { LinkEventSchema, LinkSchema } from './links.js';
import { ISO_TIME, LANGUAGE_TAG, SHA256_HEX, SUBJECT_ID, UUID } from './patterns.js';
import { ReceiptSchema } from './receipt-schema.js';

const count = () => v.pipe(v.number(), v.integer(), v.minValue(0));

/**
 * How a stored receipt's hash was computed: SHA-256 over the canonical JSON of
 * `{prevHash, receipt, seq, serverTime}`, canonical as RFC 8785 (JCS) says (`rfc8785`), or, for
 * receipts stored before JCS, with keys sorted in JavaScript's property order, where integer-like
 * keys come first in numeric order (`js-sorted-keys`). `docs/verify.md` in server-sync shows both.
 */
export const CANONICALIZATIONS = ['rfc8785', 'js-sorted-keys'] as const;
export type Canonicalization = (typeof CANONICALIZATIONS)[number];

/** A notice text as shown to visitors, stored once per SHA-256. */
export const NoticeSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    hash: v.pipe(v.string(), v.regex(SHA256_HEX)),
    language: v.pipe(v.string(), v.regex(LANGUAGE_TAG)),
    text: v.string(),
  }),
  v.metadata({ ref: 'Notice' }),
);
export type Notice = v.InferOutput<typeof NoticeSchema>;

/** A stored receipt with its server seal: the link of the subject's hash chain. */
export const SealedReceiptSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    receipt: v.pipe(ReceiptSchema, v.description('The receipt as accepted, with `notice.text` replaced by `notice.hash` (the text is under `notices`).')),
    seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.description('1, 2, … per subject.')),
    serverTime: v.pipe(v.string(), v.regex(ISO_TIME)),
    prevHash: v.pipe(v.string(), v.regex(SHA256_HEX), v.description('The previous receipt\'s `hash`; 64 zeros for the first.')),
    hash: v.pipe(v.string(), v.regex(SHA256_HEX), v.description('SHA-256 (hex) of the canonical JSON of `{prevHash, receipt, seq, serverTime}`.')),
    canonicalization: v.pipe(v.picklist(CANONICALIZATIONS), v.description('How `hash` canonicalized its input: `rfc8785` (JCS), or `js-sorted-keys` for receipts stored before JCS.')),
    keyId: v.string(),
    signature: v.pipe(v.string(), v.regex(SHA256_HEX), v.description('HMAC-SHA256 of `hash` with the signing key `keyId`.')),
  }),
  v.metadata({ ref: 'SealedReceipt' }),
);
export type SealedReceipt = v.InferOutput<typeof SealedReceiptSchema>;

/** The result of verifying a subject's chain. */
export const ChainVerificationSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    valid: v.boolean(),
    receipts: count(),
    problems: v.pipe(
      v.array(v.strictObject({ seq: count(), problem: v.string() })),
      v.description('What failed, with the receipt sequence number; empty when valid.'),
    ),
  }),
  v.metadata({ ref: 'ChainVerification', examples: [{ valid: true, receipts: 2, problems: [] }] }),
);
export type ChainVerification = v.InferOutput<typeof ChainVerificationSchema>;

/** Response of `GET /v1/subjects/:id`. */
export const SubjectExportSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    subjectId: v.pipe(v.string(), v.regex(SUBJECT_ID)),
    exportedAt: v.pipe(v.string(), v.regex(ISO_TIME)),
    receipts: v.array(SealedReceiptSchema),
    chain: ChainVerificationSchema,
    notices: v.array(NoticeSchema),
    links: v.array(LinkSchema),
    linkEvents: v.array(LinkEventSchema),
  }),
  v.metadata({ ref: 'SubjectExport' }),
);
export type SubjectExport = v.InferOutput<typeof SubjectExportSchema>;

/** Response of `DELETE /v1/subjects/:id`. */
export const EraseResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    erased: v.literal(true),
    tombstoneId: v.pipe(v.string(), v.regex(UUID)),
    receipts: count(),
    links: count(),
  }),
  v.metadata({ ref: 'EraseResponse' }),
);
export type EraseResponse = v.InferOutput<typeof EraseResponseSchema>;
