/**
 * The console's tables on both engines: sessions found only by their token's hash and only while
 * they last, failed sign-ins counted across instances, and an audit log the database itself keeps
 * append-only.
 */
import { describe, expect, it } from 'vitest';
import { hashSecret, newAccessKey, parseAccessKey, secretMatches } from '../src/console/access-keys.js';
import { tokenHash } from '../src/console/session-token.js';
import { openStorage } from '../src/storage/index.js';
import { storageEngines, storagePerTest } from './engines.js';
import { testKeys } from './fixtures.js';

const engines = storageEngines({ file: 'console.db', driverConnections: 1 });

const T = Date.parse('2026-06-01T09:00:00.000Z');
const MIN = 60_000;

describe('access keys', () => {
  it('are random, parse back to their user, and match only their own scrypt hash', async () => {
    const a = await newAccessKey();
    const b = await newAccessKey();
    expect(a.key).toMatch(/^ak_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toMatch(/^scrypt:16384:8:1:/);
    expect(a.hash).not.toContain(a.key.slice(20));
    const parsed = parseAccessKey(a.key);
    expect(parsed?.userId).toBe(a.userId);
    expect(await secretMatches(parsed!.secret, a.hash)).toBe(true);
    expect(await secretMatches(parseAccessKey(b.key)!.secret, a.hash)).toBe(false);
    expect(await secretMatches('x', await hashSecret('y'))).toBe(false);
    expect(parseAccessKey('demo-admin-key')).toBeNull();
  });
});

describe.each(engines)('console storage: %s', (_name, open) => {
  const { start, engine } = storagePerTest(open);

  it('finds a session by its token hash only while it lasts (absolute end, idle time), and drops ended ones', async () => {
    const s = await start();
    const hash = tokenHash('t'.repeat(43));
    await s.createSession({ token_hash: hash, user_id: 'u1', name: 'Ann', role: 'viewer', created_ms: T, seen_ms: T, expires_ms: T + 60 * MIN });
    expect(await s.session(hash, T + MIN, 30 * MIN)).toMatchObject({ user_id: 'u1', name: 'Ann', role: 'viewer' });
    expect(await s.session(tokenHash('u'.repeat(43)), T + MIN, 30 * MIN)).toBeNull();
    expect(await s.session(hash, T + 31 * MIN, 30 * MIN)).toBeNull();
    await s.touchSession(hash, T + 29 * MIN);
    expect(await s.session(hash, T + 55 * MIN, 30 * MIN)).not.toBeNull();
    expect(await s.session(hash, T + 60 * MIN, 30 * MIN)).toBeNull();
    expect(await s.dropExpiredSessions(T + 60 * MIN, 30 * MIN, T)).toBe(1);
    await s.endSession(hash);
  });

  it('counts failed sign-ins per client and window, as every instance sees them', async () => {
    const s = await start();
    const other = await openStorage(engine().target, testKeys());
    try {
      expect(await s.addLoginFailures('c1', T, 1)).toBe(1);
      expect(await other.addLoginFailures('c1', T, 1)).toBe(2);
      expect(await s.addLoginFailures('c1', T, 0)).toBe(2);
      expect(await s.addLoginFailures('c2', T, 0)).toBe(0);
      expect(await s.addLoginFailures('c1', T + 15 * MIN, 0)).toBe(0);
      await s.dropExpiredSessions(T + 15 * MIN, 30 * MIN, T + 15 * MIN);
      expect(await s.addLoginFailures('c1', T, 0)).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('keeps the audit log append-only: the database refuses to change or delete an entry', async () => {
    const s = await start();
    await s.appendAudit({ atMs: T, actor: 'Ann', role: 'privacy-officer', action: 'erase', outcome: 'ok', reference: 'tomb-1' });
    await s.appendAudit({ atMs: T + 1, actor: '', role: null, action: 'login', outcome: 'failed', reference: null });
    const driver = engine().driver();
    try {
      await expect(driver.transaction((tx) => tx.run("UPDATE console_audit SET actor = 'Mallory'"))).rejects.toThrow(/append-only/);
      await expect(driver.transaction((tx) => tx.run('DELETE FROM console_audit'))).rejects.toThrow(/append-only/);
      if (driver.dialect === 'postgres') await expect(driver.transaction((tx) => tx.run('TRUNCATE console_audit'))).rejects.toThrow(/append-only/);
    } finally {
      await driver.close();
    }
    const log = await s.auditLog(null, 10);
    expect(log.map((e) => [e.id, e.actor, e.role, e.action, e.outcome, e.reference])).toEqual([
      [2, '', null, 'login', 'failed', null],
      [1, 'Ann', 'privacy-officer', 'erase', 'ok', 'tomb-1'],
    ]);
    expect(await s.auditLog(2, 10)).toHaveLength(1);
  });
});
