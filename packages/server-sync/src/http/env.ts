/** The Hono environment of server-sync's app: what middlewares put on the context. */
import type { Context } from 'hono';

export interface AppEnv {
  Variables: {
    /** The request's id in log lines and error answers, made when first asked for (request-log.ts). */
    requestId?: string;
  };
}

export type AppContext = Context<AppEnv>;

/**
 * The client's network address as the runtime sees it (the socket's peer), for rate limiting only:
 * it is hashed before use and never stored or logged. Supplied by the runtime adapter.
 */
export type PeerAddress = (c: AppContext) => string | undefined;
