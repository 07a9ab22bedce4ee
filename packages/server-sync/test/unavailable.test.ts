/** Which storage failures are answered 503 (try again) and which stay defects (500). */
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../src/storage/errors.js';
import { classifyPostgresError, classifySqliteError } from '../src/storage/unavailable.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storage failures', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 2],
    ['connection lost', new Error('Connection terminated unexpectedly'), 2],
    ['no connection in time', new Error('timeout exceeded when trying to connect'), 2],
    ['server shutting down', pgError('57P01', 'terminating connection due to administrator command'), 2],
    ['server starting up', pgError('57P03', 'the database system is starting up'), 2],
    ['statement timeout', pgError('57014', 'canceling statement due to statement timeout'), 1],
    ['too many connections', pgError('53300'), 5],
    ['disk full', pgError('53100'), 30],
  ])('PostgreSQL: %s is unavailable, Retry-After %i', (_name, err, retryAfter) => {
    const out = classifyPostgresError(err);
    expect(out).toBeInstanceOf(StorageUnavailableError);
    expect((out as StorageUnavailableError).retryAfterSeconds).toBe(retryAfter);
    expect((out as StorageUnavailableError).cause).toBe(err);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error', pgError('42601')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('PostgreSQL: %s stays a defect', (_name, err) => {
    expect(classifyPostgresError(err)).toBe(err);
  });

  it.each([
    ['SQLITE_FULL', 30],
    ['SQLITE_IOERR_WRITE', 30],
    ['SQLITE_BUSY', 1],
    ['SQLITE_READONLY', 30],
  ])('SQLite: %s is unavailable, Retry-After %i', (code, retryAfter) => {
    const out = classifySqliteError(pgError(code, 'database or disk is full'));
    expect(out).toBeInstanceOf(StorageUnavailableError);
    expect((out as StorageUnavailableError).retryAfterSeconds).toBe(retryAfter);
  });

  it('SQLite: corruption and constraint failures stay defects', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CONSTRAINT_PRIMARYKEY']) {
      const err = pgError(code);
      expect(classifySqliteError(err)).toBe(err);
    }
  });
});
