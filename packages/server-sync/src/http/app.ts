/**
 * The HTTP API on Hono: a Fetch-API application (`app.fetch`), so it runs on Node through
 * @hono/node-server (server.ts) and on any runtime with a Fetch handler. Each route is declared
 * once, with its OpenAPI description, its guards and its handler; 405s (with `Allow`), metric
 * labels and the OpenAPI document are derived from those declarations.
 */
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { Service } from '../service.js';
import { clientKeys } from './client-key.js';
import { consoleRoutes } from './console.js';
import { docsRoutes } from './docs.js';
import type { AppEnv, PeerAddress } from './env.js';
import { keyedRoutes } from './keyed.js';
import { operationRoutes } from './operations.js';
import { originPolicy } from './origins.js';
import { onError, problem } from './problems.js';
import { publicRoutes } from './public.js';
import { receiptRoutes } from './receipts.js';
import { routeLabel } from './route-label.js';

export interface AppOptions {
  /** The socket peer's address (rate limiting only); from the runtime adapter. */
  peerAddress: PeerAddress;
}

export function createApp(service: Service, options: AppOptions): Hono<AppEnv> {
  const { config, metrics } = service;
  const logger = config.logger;
  const app = new Hono<AppEnv>();

  // Each request gets an id for its log lines; error answers carry it (`X-Request-Id`, problems.ts).
  // Not every answer: any header beyond Content-Type sends @hono/node-server off its fast path
  // (a Headers object to convert), measured at 5 µs, 7% of a single-receipt request's CPU here.
  app.use(requestId({ headerName: '' }));
  // Reads get `no-store` unless their route says otherwise (exports, links: nothing may cache
  // them); answers to POST and DELETE are not reusable by HTTP caches anyway (RFC 9110 §9.3).
  // After the answer: its metric (by declared route), and at debug level one log line (route,
  // status, duration; never the address or the path's ids). Headers are set before the answer
  // exists: changing them afterwards makes @hono/node-server rebuild it as a full web Response.
  const debug = logger.isLevelEnabled('debug');
  app.use(async (c, next) => {
    const started = debug ? performance.now() : 0;
    if (c.req.method === 'GET' || c.req.method === 'HEAD') c.header('cache-control', 'no-store');
    await next();
    const route = routeLabel(c);
    metrics.countRequest(route, c.res.status);
    if (debug) {
      logger.debug({
        event: 'request', reqId: c.var.requestId, method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - started) * 100) / 100,
      }, 'request');
    }
  });
  app.onError(onError(logger, metrics));
  app.notFound((c) => problem(c, 404, 'not found'));

  const origins = originPolicy(config);
  // CORS preflights of the endpoints browsers call.
  app.options('/v1/receipts', ...origins.guard);
  app.options('/v1/region', ...origins.guard);
  const clientKey = clientKeys(config, options.peerAddress);
  receiptRoutes(app, service, origins, clientKey);
  publicRoutes(app, service, origins);
  keyedRoutes(app, service);
  operationRoutes(app, service);
  // The privacy console: same-origin only (no CORS), behind its own sessions.
  if (config.console.enabled) consoleRoutes(app, service, clientKey);
  docsRoutes(app);
  // Registered after every route, so it runs only when none answered: a known path asked with
  // another method gets 405 and `Allow` instead of 404.
  app.use(methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => problem(c, 405, `use ${methods.join(' or ')}`, { allow: methods.join(', ') }),
  }));
  return app;
}
