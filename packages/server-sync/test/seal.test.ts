import { describe, expect, it } from 'vitest';
import type { SealedReceipt } from '@assent/sdk/schema';
import { makeKeyring, parseSigningKeys } from '../src/keys.js';
import { GENESIS_HASH, seal, verifyChain } from '../src/seal.js';
import { newSubjectId, receipt, testKeys } from './fixtures.js';

function chainOf(n: number, keys = testKeys()): SealedReceipt[] {
  const subjectId = newSubjectId();
  const out: SealedReceipt[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const s = seal(keys, receipt({ subjectId, withText: false }), i, new Date(Date.UTC(2026, 0, i)).toISOString(), prev);
    out.push(s);
    prev = s.hash;
  }
  return out;
}

describe('receipt chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(testKeys(), chainOf(3))).toEqual({ valid: true, receipts: 3, problems: [] });
  });

  it('detects an edited receipt, a reordered or missing link, and a forged signature', () => {
    const keys = testKeys();
    const edited = chainOf(3);
    (edited[1] as SealedReceipt).receipt.purposes.analytics.granted = false;
    expect(verifyChain(keys, edited).problems).toEqual([{ seq: 2, problem: 'hash does not match the receipt' }]);

    const gap = chainOf(3);
    gap.splice(1, 1);
    expect(verifyChain(keys, gap).problems.map((p) => p.problem)).toEqual(['sequence gap after 1', 'previous hash does not match']);

    const forged = chainOf(2);
    (forged[1] as SealedReceipt).signature = 'ab'.repeat(32);
    expect(verifyChain(keys, forged).problems).toEqual([{ seq: 2, problem: 'signature does not verify' }]);
  });

  it('keeps verifying receipts signed with a rotated-out key while it is listed, and flags unknown keys', () => {
    const old = makeKeyring(parseSigningKeys(`k1:${'11'.repeat(32)}`), Buffer.alloc(32));
    const chain = chainOf(2, old);
    expect(verifyChain(testKeys(), chain).valid).toBe(true); // testKeys signs with k2, still lists k1
    const withoutK1 = makeKeyring(parseSigningKeys(`k2:${'22'.repeat(32)}`), Buffer.alloc(32));
    expect(verifyChain(withoutK1, chain).problems[0]?.problem).toBe('unknown signing key "k1"');
  });

  it('accepts a chain whose start was purged by retention, as long as the rest is contiguous', () => {
    expect(verifyChain(testKeys(), chainOf(4).slice(2)).valid).toBe(true);
  });
});
