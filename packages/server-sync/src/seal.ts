/**
 * Tamper evidence: each stored receipt is sealed with the hash of its predecessor for the same
 * subject (a hash chain) and an HMAC-SHA256 signature over its own hash, with the signing key's id.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ChainVerification, Receipt, SealedReceipt } from '@assent/sdk/schema';
import { canonicalJsonFor, canonicalReceiptJson, CURRENT_CANONICALIZATION } from './canonical.js';
import type { Keyring } from './keys.js';

/** The previous hash of a subject's first receipt. */
export const GENESIS_HASH = '0'.repeat(64);

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The hash of one chain link: SHA-256 of the canonical JSON of `{prevHash, receipt, seq, serverTime}`.
 * `receiptJson` is the receipt's own canonical JSON (computed once per receipt by ingest). The
 * other members are a hex string, an integer and an ISO time, which both schemes write alike, and
 * the four keys are already in canonical (sorted) order: prevHash < receipt < seq < serverTime.
 */
export function linkHashOf(receiptJson: string, seq: number, serverTime: string, prevHash: string): string {
  return sha256Hex(`{"prevHash":${JSON.stringify(prevHash)},"receipt":${receiptJson},"seq":${seq},"serverTime":${JSON.stringify(serverTime)}}`);
}

const sign = (secret: Buffer, hash: string): string => createHmac('sha256', secret).update(hash).digest('hex');

/** Seals a receipt as the link after `prevHash`; `receiptJson` is its RFC 8785 JSON when already computed. */
export function seal(
  keys: Keyring, receipt: Receipt, seq: number, serverTime: string, prevHash: string, receiptJson = canonicalReceiptJson(receipt),
): SealedReceipt {
  const hash = linkHashOf(receiptJson, seq, serverTime, prevHash);
  return {
    receipt, seq, serverTime, prevHash, hash, canonicalization: CURRENT_CANONICALIZATION, keyId: keys.current.id, signature: sign(keys.current.secret, hash),
  };
}

/** Recomputes a stored link's hash under the scheme it was sealed with. */
export const expectedHash = (link: SealedReceipt): string =>
  linkHashOf(canonicalJsonFor(link.canonicalization, link.receipt), link.seq, link.serverTime, link.prevHash);

/**
 * Verifies a subject's chain, ordered by `seq`. The first stored receipt may follow receipts that
 * retention already purged: its `prevHash` is then taken as given, but sequence numbers must be
 * contiguous from there on.
 */
export function verifyChain(keys: Keyring, chain: readonly SealedReceipt[]): ChainVerification {
  const problems: { seq: number; problem: string }[] = [];
  let prev: SealedReceipt | undefined;
  for (const link of chain) {
    let hash: string | null = null;
    try {
      hash = expectedHash(link);
    } catch {
      problems.push({ seq: link.seq, problem: 'receipt cannot be canonicalized' });
    }
    if (hash !== null && hash !== link.hash) problems.push({ seq: link.seq, problem: 'hash does not match the receipt' });
    const key = keys.byId.get(link.keyId);
    if (!key) problems.push({ seq: link.seq, problem: `unknown signing key "${link.keyId}"` });
    else {
      const want = Buffer.from(sign(key.secret, link.hash), 'hex');
      const got = Buffer.from(link.signature, 'hex');
      if (got.length !== want.length || !timingSafeEqual(got, want))
        problems.push({ seq: link.seq, problem: 'signature does not verify' });
    }
    if (prev) {
      if (link.seq !== prev.seq + 1) problems.push({ seq: link.seq, problem: `sequence gap after ${prev.seq}` });
      if (link.prevHash !== prev.hash) problems.push({ seq: link.seq, problem: 'previous hash does not match' });
    } else if (link.seq === 1 && link.prevHash !== GENESIS_HASH) {
      problems.push({ seq: link.seq, problem: 'first receipt does not start the chain' });
    }
    prev = link;
  }
  return { valid: problems.length === 0, receipts: chain.length, problems };
}
