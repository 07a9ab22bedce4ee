/** `POST /v1/receipts`: consent receipts from browsers, answered 202 once committed. */
import { IngestRequestSchema, IngestResponseSchema } from '@assent/sdk/schema';
import type { Hono, MiddlewareHandler, Next } from 'hono';
import { prepareIngest } from '../ingest/prepare.js';
import type { Service } from '../service.js';
import type { AppContext, AppEnv } from './env.js';
import { limitBody, mediaTypeRefusal, readJson } from './json-body.js';
import {
  BODY_ERRORS, describedBy, jsonBody, jsonResponse, ORIGIN_ERRORS, RATE_LIMITED, STORAGE_ERRORS,
} from './openapi.js';
import type { OriginPolicy } from './origins.js';
import { invalid, onError, problem } from './problems.js';
import type { RequestLog } from './request-log.js';

/** The label of each refusal in `assent_receipt_requests_rejected_total`. */
const REFUSALS: Record<number, string> = { 400: 'invalid', 403: 'origin', 413: 'too_large', 415: 'media_type', 429: 'rate_limited' };

export function receiptRoutes(
  app: Hono<AppEnv>, service: Service, origins: OriginPolicy, clientKey: (c: AppContext) => string, log: RequestLog,
): void {
  const { config, metrics } = service;
  const retryAfter = String(Math.ceil(config.rateLimit.windowMs / 1000));
  const limit = limitBody(config.maxBodyBytes);
  const answerError = onError(config.logger, metrics);

  // Everything this route checks before reading the body, in order: the browser origin (403),
  // CORS for browser requests, the client's rate (429), the media type (415), the size (413).
  // One middleware rather than one each (and no `describeRoute` middleware, see `describedBy`):
  // every middleware is a level of Hono's dispatch, an async call and an await per request, on the
  // route every browser's consent decision goes through (bench/server-sync.md, issue 14).
  const rest = async (c: AppContext, next: Next): Promise<Response | void> => {
    if (!(await service.limiter.allow(clientKey(c), config.clock().getTime())))
      return problem(c, 429, 'too many requests', { 'retry-after': retryAfter });
    return mediaTypeRefusal(c) ?? limit(c, next);
  };
  const check = async (c: AppContext, next: Next): Promise<void> => {
    const refused = origins.refusal(c);
    if (refused) c.res = refused;
    else {
      // A refusal inside CORS becomes the context's answer before hono/cors finishes it (`Vary`).
      await origins.cors(c, async () => {
        const answer = await rest(c, next);
        if (answer instanceof Response) c.res = answer;
      });
    }
  };
  const admit: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = log.start();
    try {
      await check(c, next);
    } catch (err) {
      // Answered here as Hono's dispatch would (a chunked body that fails to arrive), so that the
      // request is still recorded below. Errors of the handler are answered by the dispatch.
      if (!(err instanceof Error)) throw err;
      c.error = err;
      c.res = await answerError(err, c);
    }
    // Refusals are counted by reason, whichever step gave them (the handler's 400s too).
    const reason = REFUSALS[c.res.status];
    if (reason) metrics.rejected.inc({ reason });
    // This route is registered before the app's middleware, which never runs for it (app.ts).
    log.record(c, started);
  };

  app.post(
    '/v1/receipts',
    describedBy({
      tags: ['receipts'],
      operationId: 'ingestReceipts',
      summary: 'Store consent receipts',
      description: `One receipt, or \`{ "receipts": [...] }\` with 1 to 100 (an outbox flush), accepted or refused
together. Answered 202 only after the transaction holding them has committed. Idempotent on
\`receiptId\`: a retry counts as a duplicate and is not stored again. Unknown fields are errors. A
receipt sent with \`notice.text\` is stored with \`notice.hash\` only (the text is kept once per hash,
see \`GET /v1/notices/{hash}\`).`,
      requestBody: jsonBody('A receipt or a batch, as `application/json` (fetch) or `text/plain` (navigator.sendBeacon).', IngestRequestSchema),
      responses: {
        202: jsonResponse('Committed: how many receipts were new and how many were already stored.', IngestResponseSchema),
        ...BODY_ERRORS,
        ...ORIGIN_ERRORS,
        ...RATE_LIMITED,
        ...STORAGE_ERRORS,
      },
    }, admit),
    async (c) => {
      const body = await readJson(c);
      if (!body.ok) return body.response;
      const prepared = prepareIngest(body.value);
      if (!prepared.ok) return invalid(c, prepared.errors);
      return c.json(await service.ingest(prepared.receipts), 202);
    },
  );
}
