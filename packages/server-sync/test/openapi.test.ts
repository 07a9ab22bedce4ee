/**
 * The committed OpenAPI document (packages/server-sync/openapi.json) is the one the server
 * generates from its routes and schemas, it is valid OpenAPI 3.1, and it describes every route.
 * Regenerate it with: UPDATE_OPENAPI=1 pnpm exec vitest run packages/server-sync/test/openapi.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ServerApp } from '../src/server.js';
import { OPENAPI_FILE } from './contract.js';

let server: ServerApp;
let generated: Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>> };

beforeAll(async () => {
  server = await createServer({
    dbFile: ':memory:', apiKey: 'openapi-test-key-0123', policyVersion: 'p1', signingKeys: `k1:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32), env: {}, log: () => {},
  });
  const res = await server.fetch(new Request('http://server-sync.test/v1/openapi.json'));
  expect(res.status).toBe(200);
  generated = await res.json() as typeof generated;
  if (process.env.UPDATE_OPENAPI) writeFileSync(OPENAPI_FILE, `${JSON.stringify(generated, null, 2)}\n`);
});

afterAll(() => server.close());

describe('OpenAPI document', () => {
  it('the committed openapi.json is the one the server generates (else: UPDATE_OPENAPI=1 …)', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as unknown;
    expect(committed, 'packages/server-sync/openapi.json is stale: regenerate it with UPDATE_OPENAPI=1 pnpm exec vitest run packages/server-sync/test/openapi.test.ts').toEqual(generated);
  });

  it('validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(generated);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every API route the app declares, with the API key on the keyed ones and the console session on the console\'s', () => {
    const declared = server.app.routes
      .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS' && !r.path.startsWith('/docs'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(generated.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(documented)).toEqual(new Set(declared));
    for (const [path, ops] of Object.entries(generated.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const keyed = path.startsWith('/v1/subjects') || path.startsWith('/v1/links');
        const inSession = path.startsWith('/console/api/') && path !== '/console/api/login';
        const changes = method === 'post' || method === 'delete';
        const security = keyed ? [{ apiKey: [] }] : inSession ? [changes ? { consoleSession: [], csrfToken: [] } : { consoleSession: [] }] : undefined;
        expect(op.security, `${method} ${path}`).toEqual(security);
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('500');
        if (keyed || inSession) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '503']));
        if (inSession && changes) expect(Object.keys(op.responses), `${method} ${path}`).toContain('403');
      }
    }
  });
});
