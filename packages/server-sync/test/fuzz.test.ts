/**
 * Bad input at scale: 10,000 malformed request bodies (random JSON, valid receipts broken in one
 * place, truncated JSON, deep nesting, huge numbers, invalid UTF-8, lone surrogates, NUL) are each
 * refused with a 4xx, never a 5xx, and not one row is stored.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { receipt, tempDir } from './fixtures.js';

const BODIES = 10_000;

/** Paths of every value in a receipt, to break one of them. */
function paths(value: unknown, at: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}
const valid = receipt();
const VALID_PATHS = paths(valid).filter((p) => p.length > 0);

/** A value no field of a receipt accepts. */
const badValue = fc.oneof(
  fc.double({ noNaN: false }),
  fc.bigInt().map((n) => ({ raw: `${n}${'9'.repeat(400)}` })),
  fc.constant({ raw: '1e99999' }),
  fc.string().map((s) => `${s}\ud800${s}`),
  fc.string().map((s) => `\udfff${s}`),
  fc.string().map((s) => `${s}\u0000`),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.integer({ min: 50, max: 5_000 }).map((depth) => ({ raw: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { minKeys: 1, maxKeys: 3 }).map((d) => ({ ...d, __extra: 1 })),
);

/** Serializes with `{raw}` placeholders spliced in as literal JSON text. */
function serialize(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && 'raw' in v && typeof (v as { raw: unknown }).raw === 'string') {
      raws.push((v as { raw: string }).raw);
      return `@@RAW${raws.length - 1}@@`;
    }
    return v;
  });
  return text.replace(/"@@RAW(\d+)@@"/g, (_m, i: string) => raws[Number(i)] as string);
}

const brokenReceipt = fc.tuple(fc.constantFrom(...VALID_PATHS), badValue, fc.boolean()).map(([path, bad, batched]) => {
  const r = structuredClone(valid) as unknown as Record<string, unknown>;
  let at = r;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path[path.length - 1] as string] = bad;
  return Buffer.from(serialize(batched ? { receipts: [receipt(), r] } : r));
});

const bodies: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: brokenReceipt },
  { weight: 2, arbitrary: fc.json({ maxDepth: 6 }).map((j) => Buffer.from(j)) },
  // Truncated JSON of a valid receipt.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: JSON.stringify(valid).length - 1 }).map((n) => Buffer.from(JSON.stringify(receipt()).slice(0, n))) },
  // Invalid UTF-8 inside an otherwise valid receipt's string.
  {
    weight: 1,
    arbitrary: fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]).map((bytes) => {
      const [head, tail] = JSON.stringify(receipt()).split('"path":"/');
      return Buffer.concat([Buffer.from(`${head}"path":"/`), Buffer.from(bytes), Buffer.from(tail as string)]);
    }),
  },
  // Deeply nested receipts lists and objects.
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((d) => Buffer.from(`{"receipts":${'['.repeat(d)}${']'.repeat(d)}}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 10_000 }).map((d) => Buffer.from(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)) },
);

describe('10,000 malformed bodies', () => {
  let server: RunningServer;
  const tmp = tempDir();
  const file = join(tmp.dir, 'fuzz.db');
  beforeAll(async () => {
    server = await startServer({
      port: 0, dbFile: file, apiKey: 'fuzz-test-api-key-01', policyVersion: 'p1', env: {}, log: () => undefined,
      signingKeys: `k1:${'11'.repeat(32)}`, joinKey: '33'.repeat(32), rateLimit: { limit: 1e9 }, sweepIntervalMs: 0, purgeIntervalMs: 0,
    });
  });
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  it('refuses every one with a 4xx and stores nothing', async () => {
    const samples = fc.sample(bodies, { numRuns: BODIES, seed: 1717 });
    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < samples.length) {
        const body = samples[next++] as Buffer;
        const res = await fetch(`${server.url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || res.status < 400) fivexx.push(`${res.status}: ${body.subarray(0, 200).toString()}`);
      }
    }));
    expect(fivexx).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BODIES);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM receipts').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM subjects').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 120_000);
});
