/**
 * The HTTP API on Hono: a Fetch-API application (`app.fetch`), so it runs on Node through
 * @hono/node-server (server.ts) and on any runtime with a Fetch handler. Each route is declared
 * once, with its OpenAPI description, its guards and its handler; 405s (with `Allow`), metric
 * labels and the OpenAPI document are derived from those declarations.
 */
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
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
import { requestLog } from './request-log.js';

export interface AppOptions {
  /** The socket peer's address (rate limiting only); from the runtime adapter. */
  peerAddress: PeerAddress;
}

export function createApp(service: Service, options: AppOptions): Hono<AppEnv> {
  const { config, metrics } = service;
  const logger = config.logger;
  const app = new Hono<AppEnv>();

  const log = requestLog(logger, metrics);
  const origins = originPolicy(config);
  const clientKey = clientKeys(config, options.peerAddress);
  // First, before the middleware below: a route's handlers and the middlewares registered before
  // it are all it runs, so receipts (every browser's consent decision) skip that level of dispatch
  // and their one middleware records them itself (receipts.ts, bench/server-sync.md).
  receiptRoutes(app, service, origins, clientKey, log);

  // Reads get `no-store` unless their route says otherwise (exports, links: nothing may cache
  // them); answers to POST and DELETE are not reusable by HTTP caches anyway (RFC 9110 §9.3).
  // After the answer: its metric and debug log line (request-log.ts). Headers are set before the
  // answer exists: changing them afterwards makes @hono/node-server rebuild it as a full web
  // Response. Error answers carry the request's id (`X-Request-Id`, problems.ts), the others
  // not: any header beyond Content-Type sends @hono/node-server off its fast path (a Headers
  // object to convert), measured at 5 µs, 7% of a single-receipt request's CPU here.
  app.use(async (c, next) => {
    const started = log.start();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') c.header('cache-control', 'no-store');
    await next();
    log.record(c, started);
  });
  app.onError(onError(logger, metrics));
  app.notFound((c) => problem(c, 404, 'not found'));

  // CORS preflights of the endpoints browsers call.
  app.options('/v1/receipts', ...origins.guard);
  app.options('/v1/region', ...origins.guard);
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
