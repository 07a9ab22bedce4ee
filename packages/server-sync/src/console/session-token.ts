/**
 * Session tokens: 32 random bytes, held by the browser in an HttpOnly cookie and stored only as
 * their SHA-256. The CSRF token of a session is an HMAC of its session token, so it needs no
 * storage and is worthless without the cookie; the page gets it in the session's JSON and sends it
 * back in a header, which a cross-site form or image cannot do.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

export const csrfTokenOf = (token: string): string => createHmac('sha256', token).update('assent-console-csrf').digest('base64url');

/** Constant-time comparison of a CSRF header with the session's token. */
export function csrfMatches(sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Well-formed session tokens only reach the database. */
export const isSessionToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
