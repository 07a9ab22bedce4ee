/** The CLI as an operator runs it: refuses to start without production secrets, verifies and purges. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, kill, startChild } from './child-server.js';
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
});
