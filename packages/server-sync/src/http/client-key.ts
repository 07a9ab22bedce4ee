/**
 * Who a request comes from, for the rate limiter: a keyed hash of the client's address, never
 * the address itself. Behind a trusted proxy the address comes from its header.
 */
import type { ServerConfig } from '../config.js';
import { clientKeyOf } from '../keys.js';
import type { AppContext, PeerAddress } from './env.js';

/** Hashes kept per address (a keep-alive connection sends many requests); cleared when full. */
const MAX_CACHED = 10_000;

export function clientKeys(config: ServerConfig, peerAddress: PeerAddress): (c: AppContext) => string {
  const cache = new Map<string, string>();
  const addressOf = (c: AppContext): string => {
    if (config.clientIpHeader) {
      // The rightmost entry is the one our trusted proxy appended.
      const last = c.req.header(config.clientIpHeader)?.split(',').pop()?.trim();
      if (last) return last;
    }
    return peerAddress(c) ?? 'unknown';
  };
  return (c) => {
    const address = addressOf(c);
    let key = cache.get(address);
    if (key === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      key = clientKeyOf(config.keys, address);
      cache.set(address, key);
    }
    return key;
  };
}
