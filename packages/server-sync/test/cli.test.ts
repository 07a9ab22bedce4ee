/** The CLI as an operator runs it: refuses to start without production secrets, verifies and purges. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, freePort, kill, startChild } from './child-server.js';
import { newSubjectId, receipt, tempDir } from './fixtures.js';
import { call } from './http-client.js';

const env = {
  ASSENT_API_KEY: 'cli-test-api-key-0123',
  ASSENT_SIGNING_KEYS: `k1:${'11'.repeat(32)}`,
  ASSENT_JOIN_KEY: '33'.repeat(32),
  ASSENT_POLICY_VERSION: 'p1',
};

let cli: string;
beforeAll(async () => {
  cli = await bundleCli();
});

const runCli = (args: string[], extra: Record<string, string>) =>
  spawnSync(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...extra }, encoding: 'utf8', timeout: 20_000 });

describe('cli', () => {
  it('refuses to serve in production mode without an API key, naming the setting', () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = runCli(['serve'], { ASSENT_DB_FILE: join(dir, 'x.db') });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/ASSENT_API_KEY is required/);
    } finally {
      cleanup();
    }
  });

  it('parses its arguments: help, unknown options and a missing value are refused with the usage', () => {
    const help = runCli(['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: assent-server-sync <command>/);
    const unknown = runCli(['serve', '--bogus'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/configuration error: Unknown option '--bogus'[\s\S]*usage:/);
    const missing = runCli(['serve', '--port'], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--port/);
    expect(runCli(['launch'], env).stderr).toMatch(/unknown command "launch"/);
  });

  it('serves on --port=N with the environment\'s configuration', async () => {
    const { dir, cleanup } = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'serve', `--port=${port}`], {
      env: { PATH: process.env.PATH ?? '', ...env, ASSENT_DB_FILE: join(dir, 'port.db'), ASSENT_HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening: ${out}`)), 15_000);
        child.stdout.on('data', () => {
          if (out.includes('"event":"listening"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const line = JSON.parse(out.split('\n').find((l) => l.includes('"listening"')) ?? '{}') as Record<string, unknown>;
      expect(line).toMatchObject({ level: 'info', event: 'listening', url: `http://127.0.0.1:${port}` });
      expect((await call(`http://127.0.0.1:${port}`, 'GET', '/healthz')).body).toEqual({ ok: true, storage: 'sqlite', database: 'up', draining: false });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      cleanup();
    }
  }, 30_000);

  it('verifies a subject chain and purges by retention, printing counts', async () => {
    const { dir, cleanup } = tempDir();
    const dbEnv = { ...env, ASSENT_DB_FILE: join(dir, 'cli.db') };
    try {
      const server = await startChild(dbEnv);
      const subjectId = newSubjectId();
      try {
        const res = await call(server.url, 'POST', '/v1/receipts', { body: { receipts: [receipt({ subjectId }), receipt({ subjectId })] } });
        expect(res.status).toBe(202);
      } finally {
        await kill(server);
      }
      const verified = runCli(['verify', subjectId], dbEnv);
      expect(verified.status).toBe(0);
      expect(JSON.parse(verified.stdout)).toEqual({ valid: true, receipts: 2, problems: [] });
      expect(runCli(['verify', newSubjectId()], dbEnv).status).toBe(2);

      const kept = runCli(['purge'], dbEnv);
      expect(kept.status).toBe(0);
      expect(JSON.parse(kept.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({ event: 'retention_purge', receipts: 0 });
      expect(runCli(['verify', subjectId], dbEnv).status).toBe(0); // retention kept today's receipts
    } finally {
      cleanup();
    }
  }, 30_000);

  it('creates console users with a key printed once, lists and disables them; the key signs in until disabled', async () => {
    const { dir, cleanup } = tempDir();
    const dbEnv = { ...env, ASSENT_DB_FILE: join(dir, 'users.db') };
    try {
      expect(runCli(['console-user', 'add', 'Ann Lee', '--role', 'auditor'], dbEnv).status).toBe(2);
      const added = runCli(['console-user', 'add', 'Ann Lee', '--role', 'viewer'], dbEnv);
      expect(added.status).toBe(0);
      const key = added.stdout.trim();
      expect(key).toMatch(/^ak_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(runCli(['console-user', 'add', 'Ann Lee', '--role', 'viewer'], dbEnv).stderr).toMatch(/exists/);
      expect(runCli(['console-user', 'list'], dbEnv).stdout).toBe('Ann Lee\tviewer\tenabled\n');

      const server = await startChild(dbEnv);
      try {
        const login = await call(server.url, 'POST', '/console/api/login', { body: { key } });
        expect(login.status).toBe(200);
        expect(login.body).toMatchObject({ user: 'Ann Lee', role: 'viewer' });
        expect(runCli(['console-user', 'disable', 'Ann Lee'], dbEnv).status).toBe(0);
        expect((await call(server.url, 'POST', '/console/api/login', { body: { key } })).status).toBe(401);
      } finally {
        await kill(server);
      }
      expect(runCli(['console-user', 'list'], dbEnv).stdout).toMatch(/^Ann Lee\tviewer\tdisabled /);
      expect(runCli(['console-user', 'disable', 'Ann Lee'], dbEnv).status).toBe(2);
    } finally {
      cleanup();
    }
  }, 30_000);
});
