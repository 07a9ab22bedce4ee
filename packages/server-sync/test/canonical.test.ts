/**
 * Canonical JSON: RFC 8785 (JCS) test vectors, the receipt fast path byte-identical to the
 * library, and the pre-RFC 8785 scheme still reproducing what the previous release stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { validateReceipt, type Receipt } from '@assent/sdk/schema';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalReceiptJson, canonicalReceiptTexts, legacyCanonicalJson } from '../src/canonical.js';
import { receipt } from './fixtures.js';

describe('RFC 8785 test vectors', () => {
  it('§3.2.2: literals, numbers and string escaping', () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3: properties sorted by UTF-16 code units', () => {
    const input = `{
      "\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",
      "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
      + '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('Appendix B: IEEE 754 numbers as ECMAScript writes them', () => {
    const vectors: [string, string][] = [
      ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'], ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'], ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    const view = new DataView(new ArrayBuffer(8));
    for (const [bits, text] of vectors) {
      view.setBigUint64(0, BigInt(`0x${bits}`));
      expect(canonicalJson(view.getFloat64(0)), bits).toBe(text);
    }
    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      view.setBigUint64(0, BigInt(`0x${bits}`));
      expect(() => canonicalJson(view.getFloat64(0)), bits).toThrow();
    }
  });

  it('refuses what I-JSON forbids: a lone surrogate', () => {
    expect(() => canonicalJson({ text: 'a\ud800b' })).toThrow(/surrogate/i);
  });
});

/** Strings a receipt may carry in its free-text fields: any well-formed Unicode. */
const freeText = (max: number) => fc.string({ unit: 'grapheme', maxLength: max }).filter((s) => s.length <= max);

/** Valid receipts with arbitrary service ids (integer-like ones included) and Unicode free text. */
const receipts: fc.Arbitrary<Receipt> = fc.record({
  analytics: fc.boolean(),
  withText: fc.boolean(),
  serviceIds: fc.uniqueArray(fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/), fc.nat(5000).map(String)), { maxLength: 6 }),
  policyVersion: freeText(64).filter((s) => s.length > 0),
  path: freeText(200),
  noticeText: freeText(300),
  shuffle: fc.boolean(),
}).map((g) => {
  const r = receipt({ analytics: g.analytics, withText: g.withText });
  r.policyVersion = g.policyVersion;
  r.client.path = g.path;
  if (g.withText) r.notice.text = g.noticeText;
  for (const id of g.serviceIds) r.services[id] = { category: 'advertising', granted: false, basis: 'default', saleOrShare: true };
  return g.shuffle ? (reversedKeys(r) as Receipt) : r;
});

/** A deep copy with every object's keys in reverse insertion order. */
function reversedKeys(v: unknown): unknown {
  return v === null || typeof v !== 'object' ? v
    : Array.isArray(v) ? v.map(reversedKeys)
    : Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
}

describe('the receipt fast path', () => {
  it('is byte-identical to RFC 8785 (the canonicalize library) for every valid receipt', () => {
    fc.assert(fc.property(receipts, (r) => {
      expect(validateReceipt(r)).toEqual([]);
      expect(canonicalReceiptJson(r)).toBe(canonicalJson(r));
    }), { numRuns: 300 });
  });

  it('gives the same receipt without its ids (the stored body\'s JSON) as RFC 8785 does', () => {
    fc.assert(fc.property(receipts, (r) => {
      const bare = { ...r, receiptId: undefined, subjectId: undefined, notice: { language: r.notice.language } };
      expect(canonicalReceiptTexts(r).withoutIds).toBe(canonicalJson(bare));
    }), { numRuns: 300 });
  });

  it('orders integer-like service ids as RFC 8785 does, not as JavaScript objects do', () => {
    const r = receipt();
    r.services = { b: r.services['web-stats']!, 10: r.services['web-stats']!, 9: r.services['web-stats']!, a: r.services['web-stats']! };
    const order = (json: string) => [...json.matchAll(/"(10|9|a|b)":\{"basis"/g)].map((m) => m[1]);
    expect(order(canonicalReceiptJson(r))).toEqual(['10', '9', 'a', 'b']);
    expect(order(legacyCanonicalJson(r))).toEqual(['9', '10', 'a', 'b']);
  });
});

describe('the pre-RFC 8785 scheme', () => {
  it('reproduces byte for byte what the previous release stored', () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'legacy-v1.fixture.json'), 'utf8')) as { tables: { receipts: { body: string }[] } };
    for (const row of fixture.tables.receipts) expect(legacyCanonicalJson(JSON.parse(row.body))).toBe(row.body);
    // The fixture holds integer-like service ids: there the two schemes differ.
    expect(fixture.tables.receipts.some((row) => canonicalJson(JSON.parse(row.body)) !== row.body)).toBe(true);
  });
});
