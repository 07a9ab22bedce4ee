/**
 * Path and query parameters, validated with valibot through hono-openapi (which also documents
 * them). A bad one is a 400 naming the parameter: `since: expected a non-negative integer cursor`.
 */
import { SHA256_HEX, SUBJECT_ID } from '@assent/sdk/schema';
import type { MiddlewareHandler } from 'hono';
import { validator } from 'hono-openapi';
import * as v from 'valibot';
import type { AppEnv } from './env.js';
import { problem } from './problems.js';

/** Largest page of the link event feed. */
export const MAX_EVENTS_PAGE = 1000;

const described = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(schema, v.description(description));

export const SubjectParams = v.object({
  subjectId: described(v.pipe(v.string(), v.regex(SUBJECT_ID, 'must be 32 lowercase hex characters')), 'The subject (pseudonymous visitor) id.'),
});

export const NoticeParams = v.object({
  hash: described(v.pipe(v.string(), v.regex(SHA256_HEX, 'must be 64 lowercase hex characters')), 'SHA-256 (hex) of the notice text.'),
});

export const AccountQuery = v.object({
  accountId: described(
    v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(128, 'at most 128 characters')),
    'The Portal account id (hashed into its join key; never stored).',
  ),
}, 'required');

export const EventsQuery = v.object({
  since: v.optional(described(
    v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'expected a non-negative integer cursor')),
    'Cursor: the `next` of the previous page (0 for the start of the feed).',
  ), '0'),
  limit: v.optional(described(
    v.pipe(v.string(), v.regex(/^(?:[1-9]\d{0,2}|1000)$/, `expected 1 to ${MAX_EVENTS_PAGE}`)),
    `Events per page, 1 to ${MAX_EVENTS_PAGE}.`,
  ), '500'),
});

/** Validates a request target, answering 400 `name: problem` on the first bad parameter. */
export const validParams = <T extends 'param' | 'query', S extends v.GenericSchema<Record<string, string | undefined>>>(
  target: T, schema: S,
): MiddlewareHandler<AppEnv, string, { out: { [K in T]: v.InferOutput<S> } }> =>
  validator<S, T, AppEnv, string>(target, schema, (result, c) => {
    if (result.success) return undefined;
    const [issue] = result.error;
    const name = issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || target;
    return problem(c, 400, `${name}: ${issue?.message ?? 'invalid'}`);
  }) as MiddlewareHandler<AppEnv, string, { out: { [K in T]: v.InferOutput<S> } }>;
