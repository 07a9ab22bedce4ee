/** Starting and stopping a server: configuration, storage, HTTP. */
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig, type ServerConfig, type ServerOptions } from './config.js';
import { createApp } from './http/app.js';
import { openService, type Service } from './service.js';

/** A server that is not listening yet: mount `handler` on any `node:http` server. */
export interface ServerApp {
  handler: RequestListener;
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

/** Resolves the configuration, opens (and migrates) storage, and builds the request handler. */
export async function createServer(options: ServerOptions = {}): Promise<ServerApp> {
  const config = resolveConfig(options);
  const service = await openService(config);
  const { handler } = createApp(service);
  return { handler, service, config, close: () => service.close() };
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
  app.config.log({ event: 'listening', url, storage: app.config.storage.kind, demo: app.config.demo, policyVersion: app.config.policyVersion });
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
          app.config.log({ event: 'shutdown_timeout', timeoutMs });
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
