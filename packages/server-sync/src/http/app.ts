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

  app.use(requestId());
  // After every request: its metric (by declared route), `no-store` unless the route said otherwise,
  // and at debug level one log line (route, status, duration; never the address or the path's ids).
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = routeLabel(c);
    metrics.requests.inc({ route, status: String(c.res.status) });
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
    if (logger.isLevelEnabled('debug')) {
      logger.debug({
        event: 'request', reqId: c.var.requestId, method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - started) * 100) / 100,
      }, 'request');
    }
  });
  app.use(methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => problem(c, 405, `use ${methods.join(' or ')}`, { allow: methods.join(', ') }),
  }));
  app.onError(onError(logger, metrics));
  app.notFound((c) => problem(c, 404, 'not found'));

  const origins = originPolicy(config);
  // CORS preflight of the public endpoints.
  app.options('/v1/*', ...origins.guard);
  receiptRoutes(app, service, origins, clientKeys(config, options.peerAddress));
  publicRoutes(app, service, origins);
  keyedRoutes(app, service);
  operationRoutes(app, service);
  docsRoutes(app);
  return app;
}
