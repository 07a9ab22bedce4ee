/**
 * What is recorded about each answered request: its metric (by declared route and status) and,
 * at debug level, one log line (route, status, duration; never the address or the path's ids).
 * Each request has an id for its log lines, which error answers carry (`X-Request-Id`).
 */
import type { ServerLogger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { AppContext } from './env.js';
import { routeLabel } from './route-label.js';

/**
 * The request's id, made the first time something asks for it: only error answers and log lines
 * carry one, so the requests that answer without either (nearly all) never make one.
 */
export function requestIdOf(c: AppContext): string {
  let id = c.get('requestId');
  if (id === undefined) {
    id = crypto.randomUUID();
    c.set('requestId', id);
  }
  return id;
}

export interface RequestLog {
  /** The start time `record` wants (0 unless debug logging is on: no clock read otherwise). */
  start(): number;
  /** Counts the answered request, and logs it at debug level. */
  record(c: AppContext, started: number): void;
}

export function requestLog(logger: ServerLogger, metrics: Metrics): RequestLog {
  const debug = logger.isLevelEnabled('debug');
  return {
    start: debug ? () => performance.now() : () => 0,
    record(c, started) {
      const route = routeLabel(c);
      metrics.countRequest(route, c.res.status);
      if (debug) {
        logger.debug({
          event: 'request', reqId: requestIdOf(c), method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - started) * 100) / 100,
        }, 'request');
      }
    },
  };
}
