/**
 * Console users' access keys: `ak_<user id>_<secret>`. The user id finds the row; the secret is
 * checked against its scrypt hash (node:crypto), so a copy of the database reveals no key. The
 * hash records its parameters (`scrypt:N:r:p:salt:hash`), so they can be raised later without
 * invalidating the keys already issued.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (secret: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt's cost: N = 2^14, r = 8, p = 1 (16 MiB and about 50 ms per check on one core). */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const ACCESS_KEY = /^ak_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A new user id and access key (shown once) with the hash to store. */
export async function newAccessKey(): Promise<{ userId: string; key: string; hash: string }> {
  const userId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { userId, key: `ak_${userId}_${secret}`, hash: await hashSecret(secret) };
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_BYTES, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return `scrypt:${PARAMS.N}:${PARAMS.r}:${PARAMS.p}:${salt.toString('base64url')}:${hash.toString('base64url')}`;
}

/** The user id and secret of a well-formed access key, or null. */
export function parseAccessKey(key: string): { userId: string; secret: string } | null {
  const m = ACCESS_KEY.exec(key);
  return m ? { userId: m[1] as string, secret: m[2] as string } : null;
}

/** True when `secret` matches a stored hash. */
export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const given = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) + 64 * 1024 * 1024,
  });
  return given.length === expected.length && timingSafeEqual(given, expected);
}
