/**
 * Server configuration: explicit options first, then environment variables, then embedded
 * defaults. Demo mode may invent the API key and HMAC keys; production mode requires them.
 */
import { dirname, join } from 'node:path';
import { ConfigError, loadKeyring, type Keyring } from './keys.js';
import { createLogger, LOG_LEVELS, type Logger, type ServerLogger } from './logger.js';
import type { StorageTarget } from './storage/index.js';

export type { Logger, ServerLogger } from './logger.js';

/** Options of `startServer` / `createServer`. Every field is optional where an env var or default exists. */
export interface ServerOptions {
  /** TCP port (default `ASSENT_PORT`, else 8787; 0 picks a free port). */
  port?: number;
  /** Interface to listen on (default `ASSENT_HOST`, else 127.0.0.1). */
  host?: string;
  /** SQLite database file (default `ASSENT_DB_FILE`, else `.data/assent.db`). */
  dbFile?: string;
  /** PostgreSQL connection string (default `DATABASE_URL`); when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** Bearer key for export, erase and links (`ASSENT_API_KEY`; `demo-admin-key` in demo mode only). */
  apiKey?: string;
  /** Origins allowed to call the public endpoints from a browser (`ASSENT_ALLOWED_ORIGINS`, comma-separated). */
  allowedOrigins?: string[];
  /** The current policy version (`ASSENT_POLICY_VERSION`; `1` in demo mode only). */
  policyVersion?: string;
  /** Demo mode (`ASSENT_DEMO=1` or the CLI's `--demo`): invents missing secrets instead of refusing to start. */
  demo?: boolean;
  /** `keyId:secret,...`, first signs (`ASSENT_SIGNING_KEYS`). */
  signingKeys?: string;
  /** Secret for account join keys (`ASSENT_JOIN_KEY`). */
  joinKey?: string;
  /** Trusted edge headers holding the visitor's country and subdivision (defaults: `cf-ipcountry`, `cf-region-code`). */
  regionHeaders?: { country: string; subdivision?: string };
  /** Header holding the client address set by a trusted proxy (`ASSENT_CLIENT_IP_HEADER`); default: the socket address. */
  clientIpHeader?: string;
  /**
   * Receipt ingest limit per client: `limit` requests per `windowMs` (`ASSENT_RATE_LIMIT`,
   * `ASSENT_RATE_WINDOW_MS`; default 600 per 60 s). `scope` `shared` counts in the database across
   * instances (default with PostgreSQL); `instance` counts in memory per process (default with SQLite).
   */
  rateLimit?: { limit?: number; windowMs?: number; scope?: 'instance' | 'shared' };
  /** Largest request body in bytes (`ASSENT_MAX_BODY_BYTES`, default 256 KiB). */
  maxBodyBytes?: number;
  /** Retention in months (`ASSENT_RECEIPT_RETENTION_MONTHS` default 60, `ASSENT_LINK_RETENTION_MONTHS` default 25). */
  retention?: { receiptsMonths?: number; linksMonths?: number };
  /** How often links are checked for expiry/policy change (ms, default 60 000); 0 disables the timer. */
  sweepIntervalMs?: number;
  /** How often retention runs (ms, default 6 h); 0 disables the timer. */
  purgeIntervalMs?: number;
  /** SQLite `synchronous` (default FULL). */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL pool size per instance (default 10). */
  pgPoolSize?: number;
  /**
   * Longest a database statement may take, in ms (`ASSENT_DB_STATEMENT_TIMEOUT_MS`, default 5,000):
   * past it the request is answered 503 with Retry-After. On PostgreSQL it is the server's
   * `statement_timeout` and the wait for a pooled connection; on SQLite the wait for a lock held by
   * another process.
   */
  statementTimeoutMs?: number;
  /** PostgreSQL ingest transactions in flight per instance (default `ASSENT_PG_COMMIT_LANES`, else 2; below the pool size). */
  pgCommitLanes?: number;
  /**
   * Graceful shutdown (SIGTERM): for `graceMs` (`ASSENT_SHUTDOWN_GRACE_MS`, default 0) the server
   * keeps serving while /healthz answers 503, so a load balancer stops sending it requests; then
   * it stops accepting connections, answers the requests in flight, commits what is queued and
   * closes the database, within `timeoutMs` (`ASSENT_SHUTDOWN_TIMEOUT_MS`, default 10,000) after
   * the grace period, else it drops the remaining connections.
   */
  shutdown?: { graceMs?: number; timeoutMs?: number };
  /** `lastUpdate` of `/.well-known/gpc.json` (YYYY-MM-DD). */
  gpcLastUpdate?: string;
  /**
   * The privacy console at `/console` (`ASSENT_CONSOLE=off` turns it off): sessions last at most
   * `sessionHours` (`ASSENT_CONSOLE_SESSION_HOURS`, default 8) and end after `idleMinutes` without
   * a request (`ASSENT_CONSOLE_IDLE_MINUTES`, default 30); the API key signs in as privacy officer
   * unless `adminLogin` is false (`ASSENT_CONSOLE_ADMIN_LOGIN=off`); `loginFailures` failed
   * sign-ins per client per `loginWindowMinutes` (`ASSENT_CONSOLE_LOGIN_FAILURES`, default 10 per 15
   * minutes), then 429 until the window ends.
   */
  console?: Partial<{ enabled: boolean; sessionHours: number; idleMinutes: number; adminLogin: boolean; loginFailures: number; loginWindowMinutes: number }>;
  /** A pino logger to write to (default: JSON lines on stdout at `logLevel`). */
  logger?: ServerLogger;
  /** Receives each log entry as an object instead of stdout (tests, embedding); `() => {}` silences. */
  log?: Logger;
  /** Least level logged (`ASSENT_LOG_LEVEL`, default `info`): fatal, error, warn, info, debug, trace or silent. */
  logLevel?: string;
  /** Environment to read fallbacks from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock (tests). */
  clock?: () => Date;
}

/** The privacy console's settings, resolved (times in ms). */
export interface ConsoleSettings {
  /** Serve the console at all. */
  enabled: boolean;
  /** Longest a session lasts. */
  sessionMs: number;
  /** A session ends after this long without a request. */
  idleMs: number;
  /** Whether the server's API key signs in (as `privacy-officer`, named `admin`). */
  adminLogin: boolean;
  /** Failed sign-ins allowed per client and window, then 429 until the window ends. */
  loginFailures: number;
  loginWindowMs: number;
}

/** The resolved configuration a server runs with. */
export interface ServerConfig {
  port: number;
  host: string;
  storage: StorageTarget;
  apiKey: string;
  allowedOrigins: ReadonlySet<string>;
  anyOrigin: boolean;
  policyVersion: string;
  demo: boolean;
  keys: Keyring;
  regionHeaders: { country: string; subdivision: string | null };
  clientIpHeader: string | null;
  rateLimit: { limit: number; windowMs: number; scope: 'instance' | 'shared' };
  maxBodyBytes: number;
  retention: { receiptsMonths: number; linksMonths: number };
  sweepIntervalMs: number;
  purgeIntervalMs: number;
  shutdown: { graceMs: number; timeoutMs: number };
  gpcLastUpdate: string;
  console: ConsoleSettings;
  logger: ServerLogger;
  clock: () => Date;
}

export const DEFAULT_PORT = 8787;
export const DEMO_API_KEY = 'demo-admin-key';
const DEFAULT_DB_FILE = join('.data', 'assent.db');

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

function intFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function checkInt(name: string, n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}: expected an integer from ${min} to ${max}, got ${n}`);
  return n;
}


/** Resolves options + environment + defaults into a configuration, or throws a ConfigError naming the setting. */
export function resolveConfig(options: ServerOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  const demo = options.demo ?? truthy(env.ASSENT_DEMO);
  const dbFile = options.dbFile ?? env.ASSENT_DB_FILE ?? DEFAULT_DB_FILE;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;

  const apiKey = options.apiKey ?? env.ASSENT_API_KEY ?? (demo ? DEMO_API_KEY : undefined);
  if (!apiKey) throw new ConfigError('ASSENT_API_KEY is required outside demo mode');
  if (!demo && apiKey === DEMO_API_KEY) throw new ConfigError('ASSENT_API_KEY: the demo key is refused outside demo mode');
  if (apiKey.length < 12) throw new ConfigError('ASSENT_API_KEY: use at least 12 characters');
  // RFC 6750's token characters: a Bearer header can carry nothing else.
  if (!/^[A-Za-z0-9._~+/-]+=*$/.test(apiKey)) throw new ConfigError('ASSENT_API_KEY: use only letters, digits and - . _ ~ + / (then = padding)');

  const policyVersion = options.policyVersion ?? env.ASSENT_POLICY_VERSION ?? (demo ? '1' : undefined);
  if (!policyVersion) throw new ConfigError('ASSENT_POLICY_VERSION is required outside demo mode');

  const origins = options.allowedOrigins ??
    (env.ASSENT_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) throw new ConfigError(`ASSENT_ALLOWED_ORIGINS: "${o}" is not an origin (scheme://host[:port])`);
  }

  const postgresTarget = (url: string): StorageTarget => {
    const poolSize = options.pgPoolSize !== undefined
      ? checkInt('pgPoolSize', options.pgPoolSize, 1, 200)
      : intFrom('ASSENT_PG_POOL', env.ASSENT_PG_POOL, 10, 1, 200);
    // Each lane holds a connection while it commits; at least one stays free for reads.
    const maxLanes = Math.max(1, poolSize - 1);
    const commitLanes = options.pgCommitLanes !== undefined
      ? checkInt('pgCommitLanes', options.pgCommitLanes, 1, maxLanes)
      : intFrom('ASSENT_PG_COMMIT_LANES', env.ASSENT_PG_COMMIT_LANES, Math.min(2, maxLanes), 1, maxLanes);
    return { kind: 'postgres', url, poolSize, commitLanes, statementTimeoutMs };
  };
  const statementTimeoutMs = options.statementTimeoutMs !== undefined
    ? checkInt('statementTimeoutMs', options.statementTimeoutMs, 100, 600_000)
    : intFrom('ASSENT_DB_STATEMENT_TIMEOUT_MS', env.ASSENT_DB_STATEMENT_TIMEOUT_MS, 5000, 100, 600_000);
  const storage: StorageTarget = databaseUrl
    ? postgresTarget(databaseUrl)
    : {
        kind: 'sqlite', file: dbFile, statementTimeoutMs,
        synchronous: options.sqliteSynchronous ?? (env.ASSENT_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'),
      };

  const keys = loadKeyring(
    { signingKeys: options.signingKeys ?? env.ASSENT_SIGNING_KEYS, joinKey: options.joinKey ?? env.ASSENT_JOIN_KEY },
    { demo, demoKeyFile: join(storage.kind === 'sqlite' && dbFile !== ':memory:' ? dirname(dbFile) : '.data', 'demo-keys.json') },
  );

  const rl = options.rateLimit ?? {};
  const scope = rl.scope ?? (env.ASSENT_RATE_LIMIT_SCOPE === 'instance' || env.ASSENT_RATE_LIMIT_SCOPE === 'shared'
    ? env.ASSENT_RATE_LIMIT_SCOPE
    : storage.kind === 'postgres' ? 'shared' : 'instance');

  const logLevel = options.logLevel ?? env.ASSENT_LOG_LEVEL ?? 'info';
  const level = LOG_LEVELS.find((l) => l === logLevel);
  if (!level) throw new ConfigError(`ASSENT_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const gpcLastUpdate = options.gpcLastUpdate ?? env.ASSENT_GPC_LAST_UPDATE ?? '2026-11-29';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(gpcLastUpdate)) throw new ConfigError('ASSENT_GPC_LAST_UPDATE: expected YYYY-MM-DD');

  const c = options.console ?? {};
  const onOff = (name: string, raw: string | undefined, fallback: boolean): boolean => {
    if (raw === undefined || raw.trim() === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw.trim())) return true;
    if (/^(0|false|no|off)$/i.test(raw.trim())) return false;
    throw new ConfigError(`${name}: expected on or off, got "${raw}"`);
  };
  const consoleSettings: ConsoleSettings = {
    enabled: c.enabled ?? onOff('ASSENT_CONSOLE', env.ASSENT_CONSOLE, true),
    sessionMs: (c.sessionHours !== undefined ? checkInt('console.sessionHours', c.sessionHours, 1, 24 * 30)
      : intFrom('ASSENT_CONSOLE_SESSION_HOURS', env.ASSENT_CONSOLE_SESSION_HOURS, 8, 1, 24 * 30)) * 3_600_000,
    idleMs: (c.idleMinutes !== undefined ? checkInt('console.idleMinutes', c.idleMinutes, 1, 24 * 60)
      : intFrom('ASSENT_CONSOLE_IDLE_MINUTES', env.ASSENT_CONSOLE_IDLE_MINUTES, 30, 1, 24 * 60)) * 60_000,
    adminLogin: c.adminLogin ?? onOff('ASSENT_CONSOLE_ADMIN_LOGIN', env.ASSENT_CONSOLE_ADMIN_LOGIN, true),
    loginFailures: c.loginFailures !== undefined ? checkInt('console.loginFailures', c.loginFailures, 1, 1000)
      : intFrom('ASSENT_CONSOLE_LOGIN_FAILURES', env.ASSENT_CONSOLE_LOGIN_FAILURES, 10, 1, 1000),
    loginWindowMs: (c.loginWindowMinutes !== undefined ? checkInt('console.loginWindowMinutes', c.loginWindowMinutes, 1, 24 * 60) : 15) * 60_000,
  };

  return {
    port: options.port !== undefined ? checkInt('port', options.port, 0, 65535) : intFrom('ASSENT_PORT', env.ASSENT_PORT, DEFAULT_PORT, 0, 65535),
    host: options.host ?? env.ASSENT_HOST ?? '127.0.0.1',
    storage,
    apiKey,
    allowedOrigins: new Set(origins.filter((o) => o !== '*')),
    anyOrigin: origins.includes('*'),
    policyVersion,
    demo,
    keys,
    regionHeaders: {
      country: (options.regionHeaders?.country ?? env.ASSENT_REGION_COUNTRY_HEADER ?? 'cf-ipcountry').toLowerCase(),
      subdivision: (options.regionHeaders ? options.regionHeaders.subdivision : env.ASSENT_REGION_SUBDIVISION_HEADER ?? 'cf-region-code')?.toLowerCase() ?? null,
    },
    clientIpHeader: (options.clientIpHeader ?? env.ASSENT_CLIENT_IP_HEADER)?.toLowerCase() || null,
    rateLimit: {
      limit: rl.limit !== undefined ? checkInt('rateLimit.limit', rl.limit, 1, 1e9) : intFrom('ASSENT_RATE_LIMIT', env.ASSENT_RATE_LIMIT, 600, 1, 1e9),
      windowMs: rl.windowMs !== undefined ? checkInt('rateLimit.windowMs', rl.windowMs, 100, 86_400_000) : intFrom('ASSENT_RATE_WINDOW_MS', env.ASSENT_RATE_WINDOW_MS, 60_000, 100, 86_400_000),
      scope,
    },
    maxBodyBytes: options.maxBodyBytes !== undefined ? checkInt('maxBodyBytes', options.maxBodyBytes, 1024, 16 << 20) : intFrom('ASSENT_MAX_BODY_BYTES', env.ASSENT_MAX_BODY_BYTES, 256 * 1024, 1024, 16 << 20),
    retention: {
      receiptsMonths: options.retention?.receiptsMonths ?? intFrom('ASSENT_RECEIPT_RETENTION_MONTHS', env.ASSENT_RECEIPT_RETENTION_MONTHS, 60, 1, 1200),
      linksMonths: options.retention?.linksMonths ?? intFrom('ASSENT_LINK_RETENTION_MONTHS', env.ASSENT_LINK_RETENTION_MONTHS, 25, 1, 1200),
    },
    sweepIntervalMs: options.sweepIntervalMs ?? intFrom('ASSENT_SWEEP_INTERVAL_MS', env.ASSENT_SWEEP_INTERVAL_MS, 60_000, 0, 86_400_000),
    purgeIntervalMs: options.purgeIntervalMs ?? intFrom('ASSENT_PURGE_INTERVAL_MS', env.ASSENT_PURGE_INTERVAL_MS, 6 * 3_600_000, 0, 7 * 86_400_000),
    shutdown: {
      graceMs: options.shutdown?.graceMs !== undefined
        ? checkInt('shutdown.graceMs', options.shutdown.graceMs, 0, 600_000)
        : intFrom('ASSENT_SHUTDOWN_GRACE_MS', env.ASSENT_SHUTDOWN_GRACE_MS, 0, 0, 600_000),
      timeoutMs: options.shutdown?.timeoutMs !== undefined
        ? checkInt('shutdown.timeoutMs', options.shutdown.timeoutMs, 100, 600_000)
        : intFrom('ASSENT_SHUTDOWN_TIMEOUT_MS', env.ASSENT_SHUTDOWN_TIMEOUT_MS, 10_000, 100, 600_000),
    },
    gpcLastUpdate,
    console: consoleSettings,
    logger: options.logger ?? createLogger(level, options.log),
    clock: options.clock ?? (() => new Date()),
  };
}

/** Subtracts calendar months (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
