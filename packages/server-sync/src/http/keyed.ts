/**
 * Everything about one visitor or one Portal account, behind the API key: subject export, chain
 * verification and erase; website↔Portal links and their event feed.
 */
import * as v from 'valibot';
import {
  ChainVerificationSchema, EraseResponseSchema, LinkCreatedResponseSchema, LinkEventsResponseSchema, LinkListResponseSchema,
  LinkRefusedResponseSchema, LinkRequestSchema, SubjectExportSchema, toShapeErrors,
} from '@assent/sdk/schema';
import type { Hono, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { describeRoute, type DescribeRouteOptions } from 'hono-openapi';
import type { Service } from '../service.js';
import type { AppContext, AppEnv } from './env.js';
import { jsonContentType, limitBody, readJson } from './json-body.js';
import {
  API_KEY, BODY_ERRORS, errorResponse, jsonBody, jsonResponse, KEYED_ERRORS, STORAGE_ERRORS,
} from './openapi.js';
import { AccountQuery, EventsQuery, SubjectParams, validParams } from './params.js';
import { invalid, problem } from './problems.js';

/** `describeRoute` for a route behind the API key: the security requirement and its 401. */
const keyedRoute = (spec: DescribeRouteOptions) =>
  describeRoute({ ...spec, security: [{ [API_KEY]: [] }], responses: { ...spec.responses, ...KEYED_ERRORS, ...STORAGE_ERRORS } });

const NO_SUCH_SUBJECT = errorResponse('Nothing is stored about this subject (never seen, erased, or purged).');
const BAD_SUBJECT_ID = errorResponse('The subject id is not 32 lowercase hex characters.');

export function keyedRoutes(app: Hono<AppEnv>, service: Service): void {
  // Every way of failing the key gets the same 401: no hint whether the header or the key was wrong.
  const unauthorized = (c: AppContext) => problem(c, 401, 'missing or wrong API key', { 'www-authenticate': 'Bearer' });
  const apiKey = bearerAuth({
    token: service.config.apiKey,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: unauthorized },
  }) as MiddlewareHandler<AppEnv>;

  app.get(
    '/v1/subjects/:subjectId',
    keyedRoute({
      tags: ['subjects'],
      operationId: 'exportSubject',
      summary: 'Export everything stored about a subject',
      description: 'Receipts with their seals, the chain\'s verification, the notices shown, links and link events, as a JSON download (right of access and portability). `docs/verify.md` shows how to verify the chain without server-sync.',
      responses: { 200: jsonResponse('The export.', SubjectExportSchema, { 'Content-Disposition': { schema: { type: 'string' } } }), 400: BAD_SUBJECT_ID, 404: NO_SUCH_SUBJECT },
    }),
    apiKey,
    validParams('param', SubjectParams),
    async (c) => {
      const { subjectId } = c.req.valid('param');
      const data = await service.exportSubject(subjectId);
      return data
        ? c.json(data, 200, { 'content-disposition': `attachment; filename="subject-${subjectId}.json"` })
        : problem(c, 404, 'no such subject');
    },
  );

  app.get(
    '/v1/subjects/:subjectId/verify',
    keyedRoute({
      tags: ['subjects'],
      operationId: 'verifySubject',
      summary: 'Verify a subject\'s receipt chain',
      description: 'Recomputes every hash (under the scheme each receipt was stored with), checks signatures, sequence numbers and links.',
      responses: { 200: jsonResponse('The verification.', ChainVerificationSchema), 400: BAD_SUBJECT_ID, 404: NO_SUCH_SUBJECT },
    }),
    apiKey,
    validParams('param', SubjectParams),
    async (c) => {
      const verification = await service.verifySubject(c.req.valid('param').subjectId);
      return verification ? c.json(verification) : problem(c, 404, 'no such subject');
    },
  );

  app.delete(
    '/v1/subjects/:subjectId',
    keyedRoute({
      tags: ['subjects'],
      operationId: 'eraseSubject',
      summary: 'Erase a subject',
      description: 'Deletes its receipts and links, revokes active links (`erased` events), removes the subject id from its past link events, and records a tombstone without any identifier of the subject.',
      responses: { 200: jsonResponse('Erased.', EraseResponseSchema), 400: BAD_SUBJECT_ID, 404: NO_SUCH_SUBJECT },
    }),
    apiKey,
    validParams('param', SubjectParams),
    async (c) => {
      const erased = await service.erase(c.req.valid('param').subjectId);
      return erased ? c.json({ erased: true as const, ...erased }) : problem(c, 404, 'no such subject');
    },
  );

  app.post(
    '/v1/links',
    keyedRoute({
      tags: ['links'],
      operationId: 'createLink',
      summary: 'Link a subject to a Portal account',
      description: 'Creates the link only if the subject\'s latest receipt permits it (analytics granted with basis `consent`, unexpired, current policy version); a refusal is recorded as a `refused` event.',
      requestBody: jsonBody('The subject and the Portal account.', LinkRequestSchema),
      responses: {
        200: jsonResponse('That link was already active.', LinkCreatedResponseSchema),
        201: jsonResponse('Linked.', LinkCreatedResponseSchema),
        ...BODY_ERRORS,
        403: jsonResponse('Refused: `consent_required`, `consent_expired` or `policy_outdated`.', LinkRefusedResponseSchema),
        409: jsonResponse('Refused: `subject_unknown` (no receipt stored for this subject).', LinkRefusedResponseSchema),
      },
    }),
    apiKey,
    jsonContentType,
    limitBody(service.config.maxBodyBytes),
    async (c) => {
      const body = await readJson(c);
      if (!body.ok) return body.response;
      const parsed = v.safeParse(LinkRequestSchema, body.value, { abortPipeEarly: true });
      if (!parsed.success) return invalid(c, toShapeErrors(parsed.issues));
      const outcome = await service.link(parsed.output.subjectId, parsed.output.accountId);
      if (outcome.ok) return c.json({ link: outcome.link, created: outcome.created }, outcome.created ? 201 : 200);
      return c.json({ error: outcome.reason }, outcome.reason === 'subject_unknown' ? 409 : 403);
    },
  );

  app.get(
    '/v1/links',
    keyedRoute({
      tags: ['links'],
      operationId: 'listLinks',
      summary: 'The active links of a Portal account',
      description: 'Links whose consent is still valid under the current policy version.',
      responses: { 200: jsonResponse('The active links.', LinkListResponseSchema), 400: errorResponse('`accountId` missing or longer than 128 characters.') },
    }),
    apiKey,
    validParams('query', AccountQuery),
    async (c) => c.json({ links: await service.activeLinks(c.req.valid('query').accountId) }),
  );

  app.get(
    '/v1/links/events',
    keyedRoute({
      tags: ['links'],
      operationId: 'linkEvents',
      summary: 'The link event feed',
      description: 'Links made, revoked and refused, in commit order. Page with `since`: pass the `next` of the previous answer. The analytics pipeline deletes merged data on `revoked`.',
      responses: { 200: jsonResponse('A page of events.', LinkEventsResponseSchema), 400: errorResponse('`since` or `limit` out of range.') },
    }),
    apiKey,
    validParams('query', EventsQuery),
    async (c) => {
      const query = c.req.valid('query');
      const since = Number(query.since);
      const events = await service.linkEvents(since, Number(query.limit));
      return c.json({ events, next: events.length ? (events[events.length - 1] as { id: number }).id : since });
    },
  );
}
