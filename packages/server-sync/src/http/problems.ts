/**
 * Error responses: every one is JSON `{ error }`, validation errors name the field first and list
 * up to 20 problems in `errors`. Storage outages answer 503 with `Retry-After`, anything
 * unexpected 500: never a stack trace, never a half-stored request.
 */
import type { ErrorResponse, ShapeError } from '@assent/sdk/schema';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ServerLogger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { isStorageUnavailable } from '../storage/errors.js';
import type { AppContext } from './env.js';
import { requestIdOf } from './request-log.js';
import { routeLabel } from './route-label.js';

export const MAX_LISTED_ERRORS = 20;

/** An error answer, with the request's id (`X-Request-Id`) to find its log lines. */
export const problem = (
  c: AppContext, status: ContentfulStatusCode, error: string, headers?: Record<string, string>, extra: Omit<ErrorResponse, 'error'> = {},
): Response => c.json({ error, ...extra }, status, { 'x-request-id': requestIdOf(c), ...headers });

/** 400 naming the first bad field, with up to 20 problems. */
export function invalid(c: AppContext, errors: readonly ShapeError[], headers?: Record<string, string>): Response {
  const [e] = errors;
  return problem(c, 400, e ? `${e.path}: ${e.message}` : 'invalid body', headers, { errors: errors.slice(0, MAX_LISTED_ERRORS) });
}

/** `app.onError`: HTTP exceptions keep their response; storage outages 503; the rest 500, logged. */
export const onError = (logger: ServerLogger, metrics: Metrics) => (err: Error, c: AppContext): Response => {
  if (err instanceof HTTPException) return err.getResponse();
  const route = routeLabel(c);
  if (isStorageUnavailable(err)) {
    metrics.unavailable.inc();
    logger.warn({
      event: 'storage_unavailable', reqId: requestIdOf(c), route, error: err.message, retryAfterSeconds: err.retryAfterSeconds,
    }, 'storage unavailable');
    return problem(c, 503, 'storage unavailable; nothing was stored by this request, retry later', {
      'retry-after': String(Math.max(1, Math.ceil(err.retryAfterSeconds))),
    });
  }
  logger.error({ event: 'request_failed', reqId: requestIdOf(c), route, error: String(err) }, 'request failed');
  return problem(c, 500, 'internal error; nothing was stored by this request');
};
