/**
 * Browser access to the public endpoints: requests from an origin outside the allow-list are
 * refused (403) before anything else; allowed ones get CORS headers from `hono/cors`, on every
 * answer including refusals and 503s (the error handler keeps them). Requests without `Origin`
 * (servers, curl) are not from a browser and pass.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { ServerConfig } from '../config.js';
import type { AppContext, AppEnv } from './env.js';
import { problem } from './problems.js';

type Guard = readonly [refuse: MiddlewareHandler<AppEnv>, cors: MiddlewareHandler<AppEnv>];

export interface OriginPolicy {
  /** 403 for a foreign browser origin (and for a preflight without one), then CORS. */
  readonly guard: Guard;
  /** The 403 of `guard`, or undefined when the request may go on. */
  refusal(c: AppContext): Response | undefined;
  /** The CORS middleware of `guard`: `hono/cors` for requests with `Origin`. */
  readonly cors: MiddlewareHandler<AppEnv>;
}

export function originPolicy(config: ServerConfig): OriginPolicy {
  const allowed = (origin: string): boolean => config.anyOrigin || config.allowedOrigins.has(origin);
  const corsHeaders = cors({
    origin: (origin) => (origin && allowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type'],
    // A browser's outbox reads Retry-After of a 429 or 503 to know when to send again.
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
  const refusal = (c: AppContext): Response | undefined => {
    const origin = c.req.header('origin');
    const ok = origin === undefined ? c.req.method !== 'OPTIONS' : allowed(origin);
    return ok ? undefined : problem(c, 403, 'origin not allowed');
  };
  const refuse: MiddlewareHandler<AppEnv> = (c, next) => {
    const refused = refusal(c);
    return refused ? Promise.resolve(refused) : next();
  };
  // CORS concerns browser requests only, which carry Origin. (hono/cors also adds `Vary: Origin`
  // to every answer, which costs rebuilding the response; these answers are never cached.)
  const corsForBrowsers: MiddlewareHandler<AppEnv> = (c, next) => (c.req.header('origin') === undefined ? next() : corsHeaders(c, next));
  return { guard: [refuse, corsForBrowsers], refusal, cors: corsForBrowsers };
}
