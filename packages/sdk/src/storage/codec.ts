/**
 * The consent cookie codec. The value is `1.<base64url JSON>.<checksum>`: versioned, compact,
 * cookie-safe, and tamper-evident. A browser holds no secret, so the checksum cannot stop a
 * determined forger; it makes any hand edit, truncation or corruption decode as "no decision",
 * which is always the safe side (never a grant).
 */
import { OPTIONAL_CATEGORIES, METHODS, type Basis } from '../schema/vocabulary.js';
import { REGIME_KEY, REGION_CODE, SERVICE_ID, SUBJECT_ID, UUID } from '../schema/patterns.js';
import type { ConsentRecord, Decision } from '../state/types.js';
import { checksum } from './checksum.js';

export { checksum };

const VERSION = '1';
/** Longest value written or read: browsers keep about 4 KB per cookie, name and attributes included. */
export const MAX_COOKIE_VALUE = 3800;
const BASIS: Record<Basis, string> = { consent: 'c', default: 'd', signal: 's', necessary: 'n' };
const FROM_BASIS: Record<string, Basis> = { c: 'consent', d: 'default', s: 'signal', n: 'necessary' };

const enc = (d: Decision): string => (d.granted ? '1' : '0') + BASIS[d.basis];

/** Compact wire form: short keys, decisions as two characters (`1c` = granted by consent). */
interface Wire {
  s: string; // subject id
  c: string; // functional, analytics, advertising: 6 chars
  x: Record<string, string>; // services
  p: string; // policy version
  r: string | null; // region
  g: string; // regime row key
  m: number; // method index
  t: number; // decided at (epoch s)
  e: number; // expires at (epoch s)
  f: number; // flags: 1 = gpc, 2 = declared minor
  i: string | null; // last receipt id
}

const b64 = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64 = (s: string) => atob(s.replace(/-/g, '+').replace(/_/g, '/'));

/** Encodes a record as a cookie value. */
export function encodeRecord(r: ConsentRecord): string {
  const w: Wire = {
    s: r.subjectId,
    c: OPTIONAL_CATEGORIES.map((c) => enc(r.categories[c])).join(''),
    x: Object.fromEntries(Object.entries(r.services).map(([id, d]) => [id, enc(d)])),
    p: r.policyVersion,
    r: r.region,
    g: r.regime,
    m: METHODS.indexOf(r.method),
    t: Math.floor(r.decidedAt / 1000),
    e: Math.floor(r.expiresAt / 1000),
    f: (r.gpc ? 1 : 0) | (r.declaredMinor ? 2 : 0),
    i: r.receiptId,
  };
  const body = b64(JSON.stringify(w));
  return `${VERSION}.${body}.${checksum(body)}`;
}

const dec = (s: unknown): Decision | null => {
  if (typeof s !== 'string' || s.length !== 2 || (s[0] !== '0' && s[0] !== '1')) return null;
  const basis = FROM_BASIS[s[1]!];
  return basis ? { granted: s[0] === '1', basis } : null;
};

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Decodes a cookie value. Returns `null` (no decision) for anything that is not exactly what
 * {@link encodeRecord} writes; it never throws.
 */
export function decodeRecord(value: unknown): ConsentRecord | null {
  try {
    if (typeof value !== 'string' || value.length > MAX_COOKIE_VALUE) return null;
    const [v, body, sum, extra] = value.split('.');
    if (v !== VERSION || !body || extra !== undefined || checksum(body) !== sum) return null;
    const w = JSON.parse(unb64(body)) as Partial<Wire>;
    if (typeof w !== 'object' || w === null) return null;
    const { s, c, x, p, r, g, m, t, e, f, i } = w;
    if (typeof s !== 'string' || !SUBJECT_ID.test(s)) return null;
    if (typeof c !== 'string' || c.length !== 6) return null;
    if (typeof p !== 'string' || !p || p.length > 64) return null;
    if (r !== null && (typeof r !== 'string' || !REGION_CODE.test(r))) return null;
    if (typeof g !== 'string' || !REGIME_KEY.test(g)) return null;
    if (!isInt(m) || m >= METHODS.length || !isInt(t) || !isInt(e) || !isInt(f) || f > 3) return null;
    if (i !== null && (typeof i !== 'string' || !UUID.test(i))) return null;
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return null;
    const categories = {} as ConsentRecord['categories'];
    for (let k = 0; k < 3; k++) {
      const d = dec(c.slice(k * 2, k * 2 + 2));
      if (!d) return null;
      categories[OPTIONAL_CATEGORIES[k]!] = d;
    }
    const services: Record<string, Decision> = {};
    for (const [id, raw] of Object.entries(x)) {
      const d = dec(raw);
      if (!SERVICE_ID.test(id) || !d) return null;
      services[id] = d;
    }
    return {
      subjectId: s,
      categories,
      services,
      policyVersion: p,
      region: r,
      regime: g,
      method: METHODS[m]!,
      decidedAt: t * 1000,
      expiresAt: e * 1000,
      gpc: (f & 1) === 1,
      declaredMinor: (f & 2) === 2,
      receiptId: i,
    };
  } catch {
    return null;
  }
}
