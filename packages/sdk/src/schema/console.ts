/**
 * Payloads of the privacy console's API (`/console/api/*` on server-sync), shared by server-sync
 * (which validates requests with them and documents them in its OpenAPI document) and the console's
 * front end (`@assent/console`, type-only).
 */
import * as v from 'valibot';
import { LINK_REFUSAL_REASONS, LINK_REVOCATION_REASONS, LinkSchema } from './links.js';
import { ISO_TIME, UUID } from './patterns.js';

const count = () => v.pipe(v.number(), v.integer(), v.minValue(0));
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = () => v.pipe(v.string(), v.regex(DAY));

/** What a console user may do: `viewer` sees insights; `privacy-officer` also answers rights requests and reads the audit log. */
export const CONSOLE_ROLES = ['viewer', 'privacy-officer'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Body of `POST /console/api/login`. */
export const ConsoleLoginRequestSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    key: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(256, 'at most 256 characters'),
      v.description('A console user\'s access key (`ak_…`), or the server\'s API key (signs in as `privacy-officer`).')),
  }),
  v.metadata({ ref: 'ConsoleLoginRequest' }),
);
export type ConsoleLoginRequest = v.InferOutput<typeof ConsoleLoginRequestSchema>;

/** The signed-in user, answered by the sign-in and `GET /console/api/session`. */
export const ConsoleSessionSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    user: v.string(),
    role: v.picklist(CONSOLE_ROLES),
    csrfToken: v.pipe(v.string(), v.description('Send it as `X-CSRF-Token` with every state-changing call of this session.')),
    expiresAt: v.pipe(v.string(), v.regex(ISO_TIME), v.description('When the session ends at the latest (it also ends after a period without requests).')),
  }),
  v.metadata({ ref: 'ConsoleSession' }),
);
export type ConsoleSession = v.InferOutput<typeof ConsoleSessionSchema>;

const outcomeFields = {
  acceptAll: v.pipe(count(), v.description('`accept-all`')),
  rejectAll: v.pipe(count(), v.description('`reject-all`')),
  customised: v.pipe(count(), v.description('A choice category by category: `custom`, `privacy-choices`, `withdrawal`, `api`.')),
  noChoice: v.pipe(count(), v.description('No choice by the visitor: a Global Privacy Control signal (`gpc`) or a regime\'s defaults (`regime-default`).')),
  total: count(),
};

/** The four groups of decisions the console shows. */
export const OutcomeCountsSchema = /* @__PURE__ */ v.pipe(v.strictObject(outcomeFields), v.metadata({ ref: 'OutcomeCounts' }));
export type OutcomeCounts = v.InferOutput<typeof OutcomeCountsSchema>;

/** Decisions of one UTC day. */
export const DecisionDaySchema = /* @__PURE__ */ v.strictObject({ day: day(), ...outcomeFields });
export type DecisionDay = v.InferOutput<typeof DecisionDaySchema>;

export const INSIGHT_CATEGORIES = ['functional', 'analytics', 'advertising'] as const;
export type InsightCategory = (typeof INSIGHT_CATEGORIES)[number];

/** Link events of one UTC day, by reason. */
export const LinkDaySchema = /* @__PURE__ */ v.strictObject({
  day: day(),
  linked: count(),
  revoked: v.pipe(v.record(v.picklist(LINK_REVOCATION_REASONS), count()), v.description('Links revoked that day, by reason (reasons without any left out).')),
  refused: v.pipe(v.record(v.picklist(LINK_REFUSAL_REASONS), count()), v.description('Link requests refused that day, by reason.')),
});
export type LinkDay = v.InferOutput<typeof LinkDaySchema>;

/** Response of `GET /console/api/insights?from=&to=&region=`. */
export const InsightsResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    from: v.pipe(day(), v.description('First UTC day, inclusive.')),
    to: v.pipe(day(), v.description('Last UTC day, inclusive.')),
    region: v.pipe(v.nullable(v.string()), v.description('The region chosen (`US` covers its states; `unknown` the receipts without one), or null for all.')),
    regions: v.pipe(v.array(v.string()), v.description('Regions with receipts in the period (`unknown` for receipts without one).')),
    decisions: v.pipe(v.array(DecisionDaySchema), v.description('One entry per day of the period, days without decisions included.')),
    outcomes: OutcomeCountsSchema,
    grants: v.pipe(
      v.array(v.strictObject({ category: v.picklist(INSIGHT_CATEGORIES), granted: count(), decisions: count() })),
      v.description('Receipts in which each category was on, among all receipts of the selection.'),
    ),
    gpc: v.pipe(
      v.strictObject({ usDecisions: count(), withGpc: count(), days: v.array(v.strictObject({ day: day(), usDecisions: count(), withGpc: count() })) }),
      v.description('Receipts from US regions in the selection and how many carried a GPC signal, in all and per day.'),
    ),
    medianSecondsToDecide: v.pipe(
      v.nullable(v.number()),
      v.description('Null: receipts record when a decision was made, not when the notice appeared, so the time to decide cannot be computed from them.'),
    ),
    links: v.pipe(v.array(LinkDaySchema), v.description('Link events per day (all regions: links carry none), days without events included.')),
  }),
  v.metadata({ ref: 'InsightsResponse' }),
);
export type InsightsResponse = v.InferOutput<typeof InsightsResponseSchema>;

/** Response of `GET /console/api/accounts/:accountId/links`. */
export const AccountLinksResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    joinKey: v.pipe(v.string(), v.description('The account\'s join key (the raw account id is never stored).')),
    links: v.pipe(v.array(LinkSchema), v.description('Every link still stored, active or revoked, oldest first.')),
  }),
  v.metadata({ ref: 'AccountLinksResponse' }),
);
export type AccountLinksResponse = v.InferOutput<typeof AccountLinksResponseSchema>;

/** Body of `DELETE /console/api/subjects/:id`: the subject id typed again. */
export const ConsoleEraseRequestSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ confirm: v.pipe(v.string(), v.maxLength(64), v.description('The subject id, typed again.')) }),
  v.metadata({ ref: 'ConsoleEraseRequest' }),
);
export type ConsoleEraseRequest = v.InferOutput<typeof ConsoleEraseRequestSchema>;

/** What the console recorded. Never the content: no subject or account id, no receipt data. */
export const CONSOLE_ACTIONS = ['login', 'logout', 'insights', 'subject', 'account', 'verify', 'export', 'erase', 'audit'] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['ok', 'denied', 'not_found', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One entry of the console's append-only audit log. */
export const AuditEntrySchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    id: v.pipe(v.number(), v.integer(), v.minValue(1)),
    at: v.pipe(v.string(), v.regex(ISO_TIME)),
    actor: v.pipe(v.string(), v.description('The user\'s name (`admin` for the API key); empty for a failed sign-in.')),
    role: v.nullable(v.picklist(CONSOLE_ROLES)),
    action: v.picklist(CONSOLE_ACTIONS),
    outcome: v.picklist(AUDIT_OUTCOMES),
    reference: v.pipe(v.nullable(v.pipe(v.string(), v.regex(UUID))), v.description('The erasure\'s tombstone id, for `erase`; otherwise null.')),
  }),
  v.metadata({ ref: 'AuditEntry' }),
);
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

/** Response of `GET /console/api/audit?before=`: newest first; pass `next` as `before` for older entries. */
export const AuditLogResponseSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({ entries: v.array(AuditEntrySchema), next: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
  v.metadata({ ref: 'AuditLogResponse' }),
);
export type AuditLogResponse = v.InferOutput<typeof AuditLogResponseSchema>;
