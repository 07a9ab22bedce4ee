/**
 * Server-side reading of the shared consent cookie, for the demo back ends (the Portal's login
 * handler and the marketing site's /inspect proxy). It uses the SDK's own codec, so a tampered or
 * truncated cookie reads as "no decision" exactly as it does in the browser.
 */
import { decodeRecord, type ConsentRecord } from '@assent/sdk';

/** The default name of the consent cookie (SiteConfig `cookie.name`). */
export const CONSENT_COOKIE = 'assent';

/**
 * Returns the consent record a Cookie header carries, or `null` when there is none or none is
 * valid. With several cookies of the name (host and parent domain), the newest valid one wins.
 */
export function readConsentCookie(cookieHeader: string | undefined, name: string = CONSENT_COOKIE): ConsentRecord | null {
  let best: ConsentRecord | null = null;
  for (const part of (cookieHeader ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1 || part.slice(0, i).trim() !== name) continue;
    let raw = part.slice(i + 1).trim();
    try {
      raw = decodeURIComponent(raw);
    } catch {
      continue;
    }
    const record = decodeRecord(raw);
    if (record && (!best || record.decidedAt > best.decidedAt)) best = record;
  }
  return best;
}
