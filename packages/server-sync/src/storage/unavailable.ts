/**
 * Which storage failures mean "the database is unavailable, try again shortly" (answered 503 with
 * Retry-After, see errors.ts) rather than a defect (500): lost or refused connections, a server
 * shutting down or starting up, a statement over the configured timeout, a full disk, a lock held
 * elsewhere for too long. Everything else passes through unchanged.
 */
import { StorageUnavailableError } from './errors.js';

/** Node socket errors of a lost or refused connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg's own messages when a connection is gone or cannot be had in time. */
const PG_CLIENT_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Query read timeout|not queryable/i;

/** PostgreSQL SQLSTATEs that say "not now" rather than "wrong". */
function pgRetryAfter(code: string): number | null {
  if (code.startsWith('08')) return 2; // connection exception
  if (code === '57P01' || code === '57P02' || code === '57P03') return 2; // admin / crash shutdown, starting up
  if (code === '57014') return 1; // statement timeout
  if (code === '55P03') return 1; // lock not available (lock_timeout)
  if (code === '53300') return 5; // too many connections
  if (code === '53100') return 30; // disk full
  if (code.startsWith('53')) return 5; // insufficient resources
  if (code === '40001' || code === '40P01') return 1; // still conflicting after the driver's retries
  return null;
}

/** The error a PostgreSQL driver should raise for `err`. */
export function classifyPostgresError(err: unknown): unknown {
  if (err instanceof StorageUnavailableError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (SOCKET_CODES.has(code) || PG_CLIENT_MESSAGES.test(message))
    return new StorageUnavailableError(`PostgreSQL unreachable: ${message}`, { cause: err, retryAfterSeconds: 2 });
  const retryAfterSeconds = /^[0-9A-Z]{5}$/.test(code) ? pgRetryAfter(code) : null;
  if (retryAfterSeconds !== null)
    return new StorageUnavailableError(`PostgreSQL unavailable (${code}): ${message}`, { cause: err, retryAfterSeconds });
  return err;
}

/** The error a SQLite driver should raise for `err` (better-sqlite3 puts the result code in `code`). */
export function classifySqliteError(err: unknown): unknown {
  if (err instanceof StorageUnavailableError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_TRUNCATE')
    return new StorageUnavailableError(`SQLite: the disk is full or failing (${code}): ${message}`, { cause: err, retryAfterSeconds: 30 });
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY_'))
    return new StorageUnavailableError(`SQLite: the database stayed locked by another process past the timeout (${code})`, { cause: err, retryAfterSeconds: 1 });
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_'))
    return new StorageUnavailableError(`SQLite: the database file cannot be written (${code}): ${message}`, { cause: err, retryAfterSeconds: 30 });
  return err;
}

/** Runs `fn`, raising what `classify` makes of its failure. */
export async function classified<T>(classify: (err: unknown) => unknown, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classify(err);
  }
}
