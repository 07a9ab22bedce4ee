/**
 * The privacy console's application layer, independent of HTTP: signing in and out, sessions,
 * roles, and every console action with its audit entry. The HTTP layer (http/console.ts) only
 * moves requests in and answers out.
 *
 * Roles: `viewer` sees insights; `privacy-officer` also looks subjects and accounts up, verifies,
 * exports and erases, and reads the audit log. A refused action is answered 403 and recorded as
 * `denied`. The audit log records who, what, when and how it ended, never a subject or account id
 * nor anything of the content: it is append-only, and must not keep an erased subject's id.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  SUBJECT_ID,
  type AccountLinksResponse, type AuditLogResponse, type AuditOutcome, type ChainVerification, type ConsoleAction,
  type ConsoleRole, type ConsoleSession, type EraseResponse, type InsightsResponse, type SubjectExport,
} from '@assent/sdk/schema';
import type { ConsoleSettings } from '../config.js';
import { joinKeyOf } from '../keys.js';
import type { Service } from '../service.js';
import { hashSecret, parseAccessKey, secretMatches } from './access-keys.js';
import { insightsResponse, parseInsightsQuery } from './insights.js';
import { csrfTokenOf, isSessionToken, newSessionToken, tokenHash } from './session-token.js';

/** A signed-in user, for the length of one request. */
export interface Principal {
  userId: string;
  name: string;
  role: ConsoleRole;
  /** The session token (from the cookie); the CSRF token derives from it. */
  token: string;
  expiresMs: number;
}

/** A refusal the HTTP layer turns into a status and `{ error }`. */
export interface Refusal {
  ok: false;
  status: 400 | 401 | 403 | 404 | 429;
  error: string;
  retryAfterSeconds?: number;
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

export interface SignedIn {
  ok: true;
  token: string;
  session: ConsoleSession;
  /** Cookie lifetime: the session's absolute end. */
  maxAgeSeconds: number;
}

export interface Console {
  readonly settings: ConsoleSettings;
  /** Exchanges an access key (or the API key) for a session. `client` is the keyed hash of the caller's address. */
  login(key: unknown, client: string): Promise<SignedIn | Refusal>;
  /** The principal of a session token, or null when it is unknown, expired or idle too long. */
  authenticate(token: string | undefined): Promise<Principal | null>;
  sessionOf(p: Principal): ConsoleSession;
  logout(p: Principal): Promise<void>;
  insights(p: Principal, params: { from?: string | null; to?: string | null; region?: string | null }): Promise<Outcome<InsightsResponse>>;
  subject(p: Principal, subjectId: string, action: 'subject' | 'export'): Promise<Outcome<SubjectExport>>;
  verify(p: Principal, subjectId: string): Promise<Outcome<ChainVerification>>;
  account(p: Principal, accountId: string): Promise<Outcome<AccountLinksResponse>>;
  erase(p: Principal, subjectId: string, confirm: unknown): Promise<Outcome<EraseResponse>>;
  audit(p: Principal, before: string | null): Promise<Outcome<AuditLogResponse>>;
}

const ADMIN = { userId: 'admin', name: 'admin', role: 'privacy-officer' as const };
/** Sessions are marked as seen at most once a minute: not a write per request. */
const TOUCH_EVERY_MS = 60_000;
const AUDIT_PAGE = 50;

const refuse = (status: Refusal['status'], error: string, extra: Partial<Refusal> = {}): Refusal => ({ ok: false, status, error, ...extra });

export function openConsole(service: Service, settings: ConsoleSettings): Console {
  const { storage, config } = service;
  const now = () => config.clock().getTime();
  const apiKey = Buffer.from(config.apiKey);
  // Spent on keys that name no user, so the answer's timing does not tell which user ids exist.
  const decoy = hashSecret('decoy');

  const record = (actor: { name: string; role: ConsoleRole } | null, action: ConsoleAction, outcome: AuditOutcome, reference: string | null = null) =>
    storage.appendAudit({ atMs: now(), actor: actor?.name ?? '', role: actor?.role ?? null, action, outcome, reference });

  /** Runs `fn` for a privacy officer; anyone else gets 403, recorded as denied. */
  async function officer<T>(p: Principal, action: ConsoleAction, fn: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    if (p.role !== 'privacy-officer') {
      await record(p, action, 'denied');
      return refuse(403, `${action} needs the privacy-officer role`);
    }
    return fn();
  }

  const checkSubject = (id: string): Refusal | null => (SUBJECT_ID.test(id) ? null : refuse(400, 'subject id must be 32 lowercase hex characters'));

  async function whoseKey(key: string): Promise<{ userId: string; name: string; role: ConsoleRole } | null> {
    const given = Buffer.from(key);
    if (settings.adminLogin && given.length === apiKey.length && timingSafeEqual(given, apiKey)) return ADMIN;
    const parsed = parseAccessKey(key);
    const user = parsed ? await storage.consoleUser(parsed.userId) : null;
    if (!parsed || !user || user.disabled_ms !== null) {
      await secretMatches('decoy', await decoy);
      return null;
    }
    return (await secretMatches(parsed.secret, user.key_hash)) ? { userId: user.user_id, name: user.name, role: user.role } : null;
  }

  const consoleApi: Console = {
    settings,

    async login(key, client) {
      const t = now();
      const windowStart = Math.floor(t / settings.loginWindowMs) * settings.loginWindowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + settings.loginWindowMs - t) / 1000));
      if ((await storage.addLoginFailures(client, windowStart, 0)) >= settings.loginFailures)
        return refuse(429, 'too many failed sign-ins; try again later', { retryAfterSeconds });
      const user = typeof key === 'string' && key.length > 0 && key.length <= 256 ? await whoseKey(key) : null;
      if (!user) {
        await storage.addLoginFailures(client, windowStart, 1);
        await record(null, 'login', 'failed');
        return refuse(401, 'wrong access key');
      }
      const token = newSessionToken();
      const expiresMs = t + settings.sessionMs;
      await storage.createSession({
        token_hash: tokenHash(token), user_id: user.userId, name: user.name, role: user.role, created_ms: t, seen_ms: t, expires_ms: expiresMs,
      });
      await record(user, 'login', 'ok');
      const principal: Principal = { ...user, token, expiresMs };
      return { ok: true, token, session: consoleApi.sessionOf(principal), maxAgeSeconds: Math.floor(settings.sessionMs / 1000) };
    },

    async authenticate(token) {
      if (!token || !isSessionToken(token)) return null;
      const t = now();
      const hash = tokenHash(token);
      const row = await storage.session(hash, t, settings.idleMs);
      if (!row) return null;
      if (t - Number(row.seen_ms) >= TOUCH_EVERY_MS) await storage.touchSession(hash, t);
      return { userId: row.user_id, name: row.name, role: row.role, token, expiresMs: Number(row.expires_ms) };
    },

    sessionOf: (p) => ({ user: p.name, role: p.role, csrfToken: csrfTokenOf(p.token), expiresAt: new Date(p.expiresMs).toISOString() }),

    async logout(p) {
      await storage.endSession(tokenHash(p.token));
      await record(p, 'logout', 'ok');
    },

    async insights(p, params) {
      const parsed = parseInsightsQuery(params, config.clock());
      if (!parsed.ok) return refuse(400, parsed.error);
      const rows = await storage.insights(parsed.query);
      await record(p, 'insights', 'ok');
      return { ok: true, value: insightsResponse(parsed.query, rows) };
    },

    subject: (p, subjectId, action) => officer(p, action, async () => {
      const bad = checkSubject(subjectId);
      if (bad) return bad;
      const data = await service.exportSubject(subjectId);
      await record(p, action, data ? 'ok' : 'not_found');
      return data ? { ok: true, value: data } : refuse(404, 'no such subject');
    }),

    verify: (p, subjectId) => officer(p, 'verify', async () => {
      const bad = checkSubject(subjectId);
      if (bad) return bad;
      const verification = await service.verifySubject(subjectId);
      await record(p, 'verify', verification ? 'ok' : 'not_found');
      return verification ? { ok: true, value: verification } : refuse(404, 'no such subject');
    }),

    account: (p, accountId) => officer(p, 'account', async () => {
      if (!accountId || accountId.length > 128) return refuse(400, 'account id: required, at most 128 characters');
      const joinKey = joinKeyOf(config.keys, accountId);
      const links = await storage.accountLinks(joinKey);
      await record(p, 'account', links.length ? 'ok' : 'not_found');
      return { ok: true, value: { joinKey, links } };
    }),

    erase: (p, subjectId, confirm) => officer(p, 'erase', async () => {
      const bad = checkSubject(subjectId);
      if (bad) return bad;
      // The typed confirmation is checked here too: a page or script that skips the dialog erases nothing.
      if (confirm !== subjectId) return refuse(400, 'confirm: type the subject id to erase it');
      const erased = await service.erase(subjectId);
      await record(p, 'erase', erased ? 'ok' : 'not_found', erased?.tombstoneId ?? null);
      return erased ? { ok: true, value: { erased: true, ...erased } } : refuse(404, 'no such subject');
    }),

    audit: (p, before) => officer(p, 'audit', async () => {
      const cursor = before === null || before === '' ? null : Number(before);
      if (cursor !== null && (!Number.isSafeInteger(cursor) || cursor < 1)) return refuse(400, 'before: expected a positive integer cursor');
      await record(p, 'audit', 'ok');
      const entries = await storage.auditLog(cursor, AUDIT_PAGE);
      return { ok: true, value: { entries, next: entries.length === AUDIT_PAGE ? (entries[entries.length - 1] as { id: number }).id : null } };
    }),
  };
  return consoleApi;
}
