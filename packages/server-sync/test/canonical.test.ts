import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalReceiptJson } from '../src/canonical.js';
import { receipt } from './fixtures.js';

/** A deep copy with every object's keys in reverse insertion order. */
const reversedKeys = (v: unknown): unknown =>
  v === null || typeof v !== 'object' ? v
    : Array.isArray(v) ? v.map(reversedKeys)
    : Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it('the receipt fast path is byte-identical to the generic form, whatever the field order', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.boolean(), fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/), { maxLength: 5 }), fc.boolean(),
      (analytics, text, serviceIds, shuffle) => {
        const r = receipt({ analytics, withText: text });
        for (const id of serviceIds) r.services[id] = { category: 'advertising', granted: false, basis: 'default', saleOrShare: true };
        const input = shuffle ? (reversedKeys(r) as typeof r) : r;
        expect(canonicalReceiptJson(input)).toBe(canonicalJson(r));
      },
    ));
  });
});
