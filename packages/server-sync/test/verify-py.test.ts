/**
 * docs/verify.md's Python verifier, run as an auditor would: on an export of receipts hashed over
 * RFC 8785, on one from before (legacy-v1.fixture.json), and on a tampered one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { newSubjectId, receipt, tempDir } from './fixtures.js';
import { call } from './http-client.js';

const SECRET = '11'.repeat(32);
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
const script = /```python\n([\s\S]*?)```/.exec(readFileSync(join(__dirname, '..', 'docs', 'verify.md'), 'utf8'))?.[1] ?? '';
const tmp = tempDir('assent-verify-py-');
let server: RunningServer;

const verify = (exportJson: unknown, ...keys: string[]) => {
  const file = join(tmp.dir, `export-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(exportJson));
  return spawnSync('python3', [join(tmp.dir, 'verify.py'), file, ...keys], { encoding: 'utf8', timeout: 20_000 });
};

if (!python) {
  describe('docs/verify.md Python verifier', () => {
    it.skip('SKIPPED: python3 is not on this machine', () => {});
  });
} else {
  beforeAll(async () => {
    writeFileSync(join(tmp.dir, 'verify.py'), script);
    server = await startServer({
      port: 0, dbFile: ':memory:', apiKey: 'verify-py-api-key-01', policyVersion: 'p1', signingKeys: `k1:${SECRET}`,
      joinKey: '33'.repeat(32), env: {}, log: () => {},
    });
  });
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  describe('docs/verify.md Python verifier', () => {
    it('is about 20 lines of standard-library Python', () => {
      expect(script.trim().split('\n').length).toBeLessThanOrEqual(26);
      expect([...script.matchAll(/^import (.+)$/gm)].flatMap((m) => m[1]?.split(', ') ?? [])).toEqual(['hashlib', 'hmac', 'json', 'sys']);
    });

    it('verifies an export of RFC 8785 receipts, signatures included, and finds a tampered receipt', async () => {
      const subjectId = newSubjectId();
      for (let i = 0; i < 3; i++) {
        const r = receipt({ subjectId, clientTime: new Date(Date.now() - 10_000 + i), analytics: i !== 1 });
        r.client.path = `/fr/prix/été-${i}/"quoted"\\back\nslash/😀/\u2028`;
        r.policyVersion = 'p1 — « été »';
        for (const id of ['9', '10', 'zeta']) r.services[id] = { category: 'functional', granted: true, basis: 'consent', saleOrShare: false };
        expect((await call(server.url, 'POST', '/v1/receipts', { body: r })).status).toBe(202);
      }
      const exported = (await call(server.url, 'GET', `/v1/subjects/${subjectId}`, { key: 'verify-py-api-key-01' })).body;
      expect(exported.receipts.map((r: { canonicalization: string }) => r.canonicalization)).toEqual(['rfc8785', 'rfc8785', 'rfc8785']);

      const ok = verify(exported, `k1:${SECRET}`);
      expect(ok.stderr).toBe('');
      expect(ok.stdout).toBe('1 ok\n2 ok\n3 ok\n');
      expect(ok.status).toBe(0);

      const edited = structuredClone(exported);
      edited.receipts[1].receipt.purposes.analytics.granted = true;
      const broken = verify(edited);
      expect(broken.stdout).toBe('1 ok\n2 BROKEN\n3 ok\n');
      expect(broken.status).toBe(1);

      expect(verify(exported, `k1:${'22'.repeat(32)}`).status).toBe(1); // wrong signing key
      const dropped = structuredClone(exported);
      dropped.receipts.splice(1, 1);
      expect(verify(dropped).stdout).toBe('1 ok\n3 BROKEN\n');
    });

    it('verifies an export written before RFC 8785 (no canonicalization field)', () => {
      const fixture = JSON.parse(readFileSync(join(__dirname, 'legacy-v1.fixture.json'), 'utf8')) as { export: unknown };
      const res = verify(fixture.export, `k1:${SECRET}`);
      expect(res.stdout).toBe('1 ok\n2 ok\n3 ok\n');
      expect(res.status).toBe(0);
    });
  });
}
