import type { ConsentRecord } from '../state/types.js';
import { decodeRecord, encodeRecord } from './codec.js';
import { coversHost, readCookies } from './cookie-jar.js';
import { writeCookie } from './cookie-writer.js';

/** Where the consent record lives: one first-party cookie, optionally on a parent domain. */
export interface RecordStore {
  read(): ConsentRecord | null;
  write(record: ConsentRecord): void;
}

/**
 * The record in the consent cookie. With several cookies of the name (host and parent domain),
 * the newest valid one wins; an invalid one counts as no decision.
 */
export function readRecord(doc: Document, name: string): ConsentRecord | null {
  let best: ConsentRecord | null = null;
  for (const v of readCookies(doc, name)) {
    const r = decodeRecord(v);
    if (r && (!best || r.decidedAt > best.decidedAt)) best = r;
  }
  return best;
}

/**
 * The cookie store. With several cookies of the name (host and parent domain), the newest valid
 * one wins; an invalid one is ignored and overwritten by the next decision.
 */
export function cookieStore(doc: Document, name: string, domain?: string): RecordStore {
  const host = doc.location?.hostname ?? '';
  const useDomain = domain && coversHost(domain, host) ? domain : undefined;
  if (domain && !useDomain) console.warn(`[assent] cookie domain "${domain}" does not cover ${host}; using host-only`);
  return {
    read: () => readRecord(doc, name),
    write(record) {
      const maxAge = Math.max(0, Math.floor((record.expiresAt - Date.now()) / 1000));
      // A host-only copy from before the domain was configured would shadow the shared one.
      if (useDomain) writeCookie(doc, name, '', { maxAgeSeconds: 0 });
      writeCookie(doc, name, encodeRecord(record), { maxAgeSeconds: maxAge, domain: useDomain });
    },
  };
}
