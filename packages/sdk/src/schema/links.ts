/**
 * Website↔Portal links as server-sync's `/v1/links` API exchanges them: the request, the link,
 * the refusals and the event feed. Schemas first; the types are inferred from them.
 */
import * as v from 'valibot';
import { ISO_TIME, SHA256_HEX, SUBJECT_ID, UUID } from './patterns.js';

const time = () => v.pipe(v.string(), v.regex(ISO_TIME));
const count = () => v.pipe(v.number(), v.integer(), v.minValue(0));

/** Why server-sync refused a website↔Portal link. */
export const LINK_REFUSAL_REASONS = ['consent_required', 'consent_expired', 'policy_outdated', 'subject_unknown'] as const;
export type LinkRefusalReason = (typeof LINK_REFUSAL_REASONS)[number];

/** Why an active link stopped: a receipt withdrew analytics, the subject was erased, consent expired, or the policy changed. */
export const LINK_REVOCATION_REASONS = ['withdrawn', 'erased', 'expired', 'policy_outdated'] as const;
export type LinkRevocationReason = (typeof LINK_REVOCATION_REASONS)[number];

/** Body of `POST /v1/links`. The account id is only hashed (join key), never stored. */
export const LinkRequestSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    subjectId: v.pipe(v.string(), v.regex(SUBJECT_ID)),
    accountId: v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.description('The Portal account id (never stored; only its keyed hash is).')),
  }),
  v.metadata({ ref: 'LinkRequest', examples: [{ subjectId: '5f0c3a9e2b7d4c18a6e1f09d3b2c4a7e', accountId: 'acct-20931' }] }),
);
export type LinkRequest = v.InferOutput<typeof LinkRequestSchema>;

/** A website↔Portal link as server-sync returns it. The raw account id is never stored or returned. */
export const LinkSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    linkId: v.pipe(v.string(), v.regex(UUID)),
    subjectId: v.pipe(v.string(), v.regex(SUBJECT_ID)),
    joinKey: v.pipe(
      v.string(), v.regex(SHA256_HEX),
      v.description('Keyed hash (HMAC-SHA256, hex) of the Portal account id: the only account key the analytics pipeline needs.'),
    ),
    createdAt: time(),
    consentExpiresAt: v.pipe(time(), v.description('When the consent behind the link expires; the link is revoked then.')),
    policyVersion: v.string(),
    revokedAt: v.nullable(time()),
    revokedReason: v.nullable(v.picklist(LINK_REVOCATION_REASONS)),
  }),
  v.metadata({ ref: 'Link' }),
);
export type Link = v.InferOutput<typeof LinkSchema>;

/** Response of `POST /v1/links`: 201 when created, 200 when that link was already active. */
export const LinkCreatedResponseSchema = /* @__PURE__ */ v.strictObject({ link: LinkSchema, created: v.boolean() });
export type LinkCreatedResponse = v.InferOutput<typeof LinkCreatedResponseSchema>;

/** Response of a refused `POST /v1/links`: 403, or 409 for `subject_unknown`. */
export const LinkRefusedResponseSchema = /* @__PURE__ */ v.strictObject({ error: v.picklist(LINK_REFUSAL_REASONS) });
export type LinkRefusedResponse = v.InferOutput<typeof LinkRefusedResponseSchema>;

/** Response of `GET /v1/links?accountId=`. */
export const LinkListResponseSchema = /* @__PURE__ */ v.strictObject({ links: v.array(LinkSchema) });
export type LinkListResponse = v.InferOutput<typeof LinkListResponseSchema>;

/** One entry of the link event feed, in commit order. `subjectId` is null after an erase. */
export const LinkEventSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    id: v.pipe(count(), v.description('Monotonic cursor: pass the last one seen as `since`.')),
    type: v.picklist(['linked', 'revoked', 'refused']),
    at: time(),
    linkId: v.nullable(v.pipe(v.string(), v.regex(UUID))),
    subjectId: v.nullable(v.pipe(v.string(), v.regex(SUBJECT_ID))),
    joinKey: v.nullable(v.pipe(v.string(), v.regex(SHA256_HEX))),
    reason: v.pipe(
      v.nullable(v.picklist([...LINK_REVOCATION_REASONS, ...LINK_REFUSAL_REASONS])),
      v.description('For `revoked`: the revocation reason; for `refused`: the refusal reason; null for `linked`.'),
    ),
  }),
  v.metadata({ ref: 'LinkEvent' }),
);
export type LinkEvent = v.InferOutput<typeof LinkEventSchema>;

/** Response of `GET /v1/links/events?since=`: `next` is the cursor to pass on the following call. */
export const LinkEventsResponseSchema = /* @__PURE__ */ v.strictObject({ events: v.array(LinkEventSchema), next: count() });
export type LinkEventsResponse = v.InferOutput<typeof LinkEventsResponseSchema>;
