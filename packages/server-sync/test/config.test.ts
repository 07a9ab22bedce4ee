import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { ConfigError, joinKeyOf, parseSigningKeys } from '../src/keys.js';
import { tempDir } from './fixtures.js';

const prodEnv = {
  ASSENT_API_KEY: 'production-key-0123456789',
  ASSENT_POLICY_VERSION: '2026-01',
  ASSENT_SIGNING_KEYS: `k1:${'11'.repeat(32)}`,
  ASSENT_JOIN_KEY: '33'.repeat(32),
};

describe('configuration', () => {
  it('uses the embedded defaults for everything else', () => {
    const c = resolveConfig({ env: prodEnv });
    expect(c).toMatchObject({
      port: 8787, host: '127.0.0.1', demo: false, policyVersion: '2026-01',
      storage: { kind: 'sqlite', file: join('.data', 'assent.db'), synchronous: 'FULL', statementTimeoutMs: 5000 },
      shutdown: { graceMs: 0, timeoutMs: 10_000 },
      rateLimit: { limit: 600, windowMs: 60_000, scope: 'instance' },
      maxBodyBytes: 256 * 1024, retention: { receiptsMonths: 60, linksMonths: 25 },
    });
    const pg = resolveConfig({ env: { ...prodEnv, DATABASE_URL: 'postgres://x@127.0.0.1/db' } });
    expect(pg.rateLimit.scope).toBe('shared');
    expect(pg.storage).toEqual({ kind: 'postgres', url: 'postgres://x@127.0.0.1/db', poolSize: 10, commitLanes: 2, statementTimeoutMs: 5000 });
    expect(resolveConfig({ env: { ...prodEnv, DATABASE_URL: 'postgres://x@127.0.0.1/db', ASSENT_PG_POOL: '1' } }).storage)
      .toMatchObject({ poolSize: 1, commitLanes: 1 });
    const tuned = resolveConfig({ env: { ...prodEnv, ASSENT_DB_STATEMENT_TIMEOUT_MS: '750', ASSENT_SHUTDOWN_GRACE_MS: '2000', ASSENT_SHUTDOWN_TIMEOUT_MS: '3000' } });
    expect(tuned.storage).toMatchObject({ statementTimeoutMs: 750 });
    expect(tuned.shutdown).toEqual({ graceMs: 2000, timeoutMs: 3000 });
    expect(() => resolveConfig({ env: { ...prodEnv, ASSENT_DB_STATEMENT_TIMEOUT_MS: '5' } })).toThrow(/ASSENT_DB_STATEMENT_TIMEOUT_MS/);
  });

  it.each([
    ['ASSENT_API_KEY', { ...prodEnv, ASSENT_API_KEY: undefined }],
    ['ASSENT_API_KEY', { ...prodEnv, ASSENT_API_KEY: 'demo-admin-key' }],
    ['ASSENT_POLICY_VERSION', { ...prodEnv, ASSENT_POLICY_VERSION: undefined }],
    ['ASSENT_SIGNING_KEYS', { ...prodEnv, ASSENT_SIGNING_KEYS: undefined }],
    ['ASSENT_JOIN_KEY', { ...prodEnv, ASSENT_JOIN_KEY: undefined }],
    ['ASSENT_SIGNING_KEYS', { ...prodEnv, ASSENT_SIGNING_KEYS: 'k1:short' }],
    ['ASSENT_ALLOWED_ORIGINS', { ...prodEnv, ASSENT_ALLOWED_ORIGINS: 'example.com/path' }],
    ['ASSENT_PORT', { ...prodEnv, ASSENT_PORT: 'eighty' }],
    // A Bearer header carries only RFC 6750 token characters: such a key could never be sent.
    ['ASSENT_API_KEY', { ...prodEnv, ASSENT_API_KEY: 'production key 0123456789' }],
    ['ASSENT_LOG_LEVEL', { ...prodEnv, ASSENT_LOG_LEVEL: 'verbose' }],
    // Every lane holds a connection while it commits: one must stay free for reads.
    ['ASSENT_PG_COMMIT_LANES', { ...prodEnv, DATABASE_URL: 'postgres://x@127.0.0.1/db', ASSENT_PG_POOL: '4', ASSENT_PG_COMMIT_LANES: '4' }],
    ['ASSENT_PG_COMMIT_LANES', { ...prodEnv, DATABASE_URL: 'postgres://x@127.0.0.1/db', ASSENT_PG_COMMIT_LANES: '0' }],
  ])('refuses to start in production without a valid %s', (name, env) => {
    expect(() => resolveConfig({ env })).toThrow(ConfigError);
    expect(() => resolveConfig({ env })).toThrow(name);
  });

  it('in demo mode invents the API key and persists generated HMAC keys beside the database', () => {
    const { dir, cleanup } = tempDir();
    try {
      const dbFile = join(dir, 'db', 'assent.db');
      const first = resolveConfig({ demo: true, dbFile, env: {} });
      expect(first.apiKey).toBe('demo-admin-key');
      const keyFile = join(dir, 'db', 'demo-keys.json');
      expect(existsSync(keyFile)).toBe(true);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const second = resolveConfig({ demo: true, dbFile, env: {} });
      expect(second.keys.current.id).toBe(first.keys.current.id);
      expect(joinKeyOf(second.keys, 'a')).toBe(joinKeyOf(first.keys, 'a'));
      expect(readFileSync(keyFile, 'utf8')).toContain('signingKeys');
    } finally {
      cleanup();
    }
  });

  it('parses rotating signing keys, the first one signing', () => {
    const keys = parseSigningKeys(`new:${'aa'.repeat(16)}, old:${Buffer.alloc(16, 1).toString('base64')}`);
    expect(keys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(() => parseSigningKeys(`a:${'aa'.repeat(16)},a:${'bb'.repeat(16)}`)).toThrow('appears twice');
  });
});
