/**
 * The console aggregate: console users (their access keys stored as scrypt hashes), sessions
 * (stored as SHA-256 of their token, so a copy of the database opens none), failed sign-ins per
 * client, and the append-only audit log of everything done in the console. Shared by every
 * instance, like the rest of the database: a session opened on one instance works on all.
 */
import type { AuditEntry, AuditOutcome, ConsoleAction, ConsoleRole } from '@assent/sdk/schema';
import { iso } from './rows.js';
import type { SqlDriver } from './sql.js';

export interface ConsoleUserRow {
  user_id: string;
  name: string;
  role: ConsoleRole;
  /** `scrypt:N:r:p:salt:hash` (base64url parts), see console/access-keys.ts. */
  key_hash: string;
  created_ms: number;
  disabled_ms: number | null;
}

export interface SessionRow {
  /** SHA-256 of the session token. */
  token_hash: Uint8Array;
  user_id: string;
  name: string;
  role: ConsoleRole;
  created_ms: number;
  seen_ms: number;
  expires_ms: number;
}

/** An audit entry to append; `at` is set by the caller's clock. */
export interface NewAuditEntry {
  atMs: number;
  actor: string;
  role: ConsoleRole | null;
  action: ConsoleAction;
  outcome: AuditOutcome;
  reference: string | null;
}

export interface ConsoleRepository {
  addConsoleUser(user: Omit<ConsoleUserRow, 'disabled_ms'>): Promise<void>;
  consoleUser(userId: string): Promise<ConsoleUserRow | null>;
  consoleUsers(): Promise<ConsoleUserRow[]>;
  /** Disables a user by name and ends their sessions; false when no enabled user has that name. */
  disableConsoleUser(name: string, nowMs: number): Promise<boolean>;
  createSession(row: SessionRow): Promise<void>;
  /** The session of this token hash, if it has not expired by `nowMs` (absolute or idle). */
  session(tokenHash: Uint8Array, nowMs: number, idleMs: number): Promise<SessionRow | null>;
  /** Records activity on a session (sliding the idle timeout). */
  touchSession(tokenHash: Uint8Array, nowMs: number): Promise<void>;
  endSession(tokenHash: Uint8Array): Promise<void>;
  /** Deletes sessions past their end or idle for `idleMs`, and failed sign-in windows that ended. */
  dropExpiredSessions(nowMs: number, idleMs: number, failureWindowsBefore: number): Promise<number>;
  /** Adds `n` (0 to read) failed sign-ins of a client to a window; resolves to the window's total. */
  addLoginFailures(client: string, windowMs: number, n: number): Promise<number>;
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Newest first, ids below `before` (all when null). */
  auditLog(before: number | null, limit: number): Promise<AuditEntry[]>;
}

interface AuditRow {
  id: number;
  at_ms: number;
  actor: string;
  role: string;
  action: string;
  outcome: string;
  reference: string | null;
}

const SESSION_COLUMNS = 'token_hash, user_id, name, role, created_ms, seen_ms, expires_ms';

export function consoleRepository(driver: SqlDriver): ConsoleRepository {
  return {
    async addConsoleUser(u) {
      await driver.transaction((tx) => tx.run(
        'INSERT INTO console_users (user_id, name, role, key_hash, created_ms) VALUES (?, ?, ?, ?, ?)',
        [u.user_id, u.name, u.role, u.key_hash, u.created_ms],
      ));
    },
    async consoleUser(userId) {
      const [row] = await driver.read.all<ConsoleUserRow>(
        'SELECT user_id, name, role, key_hash, created_ms, disabled_ms FROM console_users WHERE user_id = ?', [userId],
      );
      return row ?? null;
    },
    async consoleUsers() {
      return driver.read.all<ConsoleUserRow>('SELECT user_id, name, role, key_hash, created_ms, disabled_ms FROM console_users ORDER BY name');
    },
    async disableConsoleUser(name, nowMs) {
      return driver.transaction(async (tx) => {
        const users = await tx.all<{ user_id: string }>(
          'UPDATE console_users SET disabled_ms = ? WHERE name = ? AND disabled_ms IS NULL RETURNING user_id', [nowMs, name],
        );
        for (const u of users) await tx.run('DELETE FROM console_sessions WHERE user_id = ?', [u.user_id]);
        return users.length > 0;
      });
    },
    async createSession(s) {
      await driver.transaction((tx) => tx.run(
        `INSERT INTO console_sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [s.token_hash, s.user_id, s.name, s.role, s.created_ms, s.seen_ms, s.expires_ms],
      ));
    },
    async session(tokenHash, nowMs, idleMs) {
      const [row] = await driver.read.all<SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM console_sessions WHERE token_hash = ? AND expires_ms > ? AND seen_ms > ?`,
        [tokenHash, nowMs, nowMs - idleMs],
      );
      return row ?? null;
    },
    async touchSession(tokenHash, nowMs) {
      await driver.transaction((tx) => tx.run('UPDATE console_sessions SET seen_ms = ? WHERE token_hash = ? AND seen_ms < ?', [nowMs, tokenHash, nowMs]));
    },
    async endSession(tokenHash) {
      await driver.transaction((tx) => tx.run('DELETE FROM console_sessions WHERE token_hash = ?', [tokenHash]));
    },
    async dropExpiredSessions(nowMs, idleMs, failureWindowsBefore) {
      return driver.transaction(async (tx) => {
        const n = await tx.run('DELETE FROM console_sessions WHERE expires_ms <= ? OR seen_ms <= ?', [nowMs, nowMs - idleMs]);
        await tx.run('DELETE FROM console_login_failures WHERE window_ms < ?', [failureWindowsBefore]);
        return n;
      });
    },
    async addLoginFailures(client, windowMs, n) {
      const rows = await driver.transaction((tx) => tx.all<{ failures: number }>(
        `INSERT INTO console_login_failures (client, window_ms, failures) VALUES (?, ?, ?)
         ON CONFLICT (client, window_ms) DO UPDATE SET failures = console_login_failures.failures + excluded.failures
         RETURNING failures`,
        [client, windowMs, n],
      ));
      return Number(rows[0]?.failures ?? 0);
    },
    async appendAudit(e) {
      await driver.transaction((tx) => tx.run(
        'INSERT INTO console_audit (at_ms, actor, role, action, outcome, reference) VALUES (?, ?, ?, ?, ?, ?)',
        [e.atMs, e.actor, e.role ?? '', e.action, e.outcome, e.reference],
      ));
    },
    async auditLog(before, limit) {
      const rows = await driver.read.all<AuditRow>(
        `SELECT id, at_ms, actor, role, action, outcome, reference FROM console_audit
         ${before === null ? '' : 'WHERE id < ?'} ORDER BY id DESC LIMIT ?`,
        before === null ? [limit] : [before, limit],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        at: iso(Number(r.at_ms)),
        actor: r.actor,
        role: r.role === '' ? null : (r.role as ConsoleRole),
        action: r.action as ConsoleAction,
        outcome: r.outcome as AuditOutcome,
        reference: r.reference,
      }));
    },
  };
}
