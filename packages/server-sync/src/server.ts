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
export interface RunningServer extends ServerApp {
  /** `http://host:port` it listens on. */
  url: string;
  port: number;
}

/** Resolves the configuration, opens (and migrates) storage, and builds the app. */
export async function createServer(options: ServerOptions = {}): Promise<ServerApp> {
  const config = resolveConfig(options);
  const service = await openService(config);
  const app = createApp(service, {
    // Requests that come through `fetch` have no socket: they are keyed as one client.
    peerAddress: (c) => ((c.env as Partial<HttpBindings> | undefined)?.incoming ? getConnInfo(c as unknown as Context<{ Bindings: HttpBindings }>).remote.address : undefined),
  });
  const handler = getRequestListener((request, env) => app.fetch(request, env));
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
  let closing: Promise<void> | null = null;
  return {
    ...app,
    url,
    port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        });
        await app.close();
      })();
      return closing;
    },
  };
}
