/** Starting and stopping a server on Node: configuration, storage, the Hono app on node:http. */
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { resolveConfig, type ServerConfig, type ServerOptions } from './config.js';
import { createApp } from './http/app.js';
import type { AppEnv } from './http/env.js';
import { openService, type Service } from './service.js';

/** A server that is not listening yet: mount `handler` on any `node:http` server, or call `fetch`. */
export interface ServerApp {
  /** The app as a `node:http` request listener. */
  handler: RequestListener;
  /** The app as a Fetch-API handler (`Request` in, `Response` out). */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The Hono application (routes, OpenAPI document). */
  app: Hono<AppEnv>;
  service: Service;
  config: ServerConfig;
  /** Stops background timers, waits for queued ingests, closes the database. */
  close(): Promise<void>;
}

/** A listening server. */
export interface RunningServer extends Omit<ServerApp, 'close'> {
  /** `http://host:port` it listens on. */
  url: string;
  port: number;
  /**
   * Graceful shutdown (config `shutdown`): drains for the grace period, stops accepting, answers
   * the requests in flight, commits what is queued, closes the database. Resolves true when
   * everything finished within the timeout, false when connections had to be dropped.
   */
  close(): Promise<boolean>;
}

/** Resolves the configuration, opens (and migrates) storage, and builds the app. */
export async function createServer(options: ServerOptions = {}): Promise<ServerApp> {
  const config = resolveConfig(options);
  const service = await openService(config);
  const app = createApp(service, {
    // Requests that come through `fetch` have no socket: they are keyed as one client.
    peerAddress: (c) => ((c.env as Partial<HttpBindings> | undefined)?.incoming ? getConnInfo(c as unknown as Context<{ Bindings: HttpBindings }>).remote.address : undefined),
  });
  const listener = getRequestListener((request, env) => app.fetch(request, env));
  // While draining (a shutdown has begun), every answer asks the client not to reuse its
  // connection: Node closes it once answered, so no keep-alive request can arrive on a socket the
  // shutdown is about to close. A hop-by-hop HTTP/1.1 header, so set here on Node's response (the
  // adapter's headers are merged with it) and not by the runtime-neutral app.
  const handler: RequestListener = (req, res) => {
    if (service.draining) res.setHeader('connection', 'close');
    return listener(req, res);
  };
  return { handler, fetch: (request) => app.fetch(request), app, service, config, close: () => service.close() };
}

/** `createServer` plus listening on `port`/`host`. Resolves once the port is bound. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const app = await createServer(options);
  const http = createHttpServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, app.handler);
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(app.config.port, app.config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = http.address() as AddressInfo;
  const host = app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host;
  const url = `http://${host}:${port}`;
  app.config.logger.info(
    { event: 'listening', url, storage: app.config.storage.kind, demo: app.config.demo, policyVersion: app.config.policyVersion },
    `listening on ${url}`,
  );
  let closing: Promise<boolean> | null = null;
  return {
    ...app,
    url,
    port,
    close() {
      closing ??= (async () => {
        const { graceMs, timeoutMs } = app.config.shutdown;
        app.service.startDraining();
        if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const inTime = await Promise.race([
          closed.then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (!inTime) {
          app.config.logger.warn({ event: 'shutdown_timeout', timeoutMs }, `connections still open ${timeoutMs} ms after the grace period: dropped`);
          http.closeAllConnections();
          await closed;
        }
        await app.close();
        return inTime;
      })();
      return closing;
    },
  };
}
