/**
 * The server's secrets: HMAC keys that sign stored receipts (several, by key id, so keys can rotate:
 * the first signs, all verify), and the key that turns Portal account ids into pseudonymous join keys.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A signing key and the id recorded beside each signature it makes. */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

/** The keys a server runs with. */
export interface Keyring {
  /** The key that signs new receipts. */
  current: SigningKey;
  /** Every key that may have signed a stored receipt, by id (includes `current`). */
  byId: ReadonlyMap<string, SigningKey>;
  /** Secret for account-id join keys. Rotating it changes every join key downstream. */
  joinSecret: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const MIN_SECRET_BYTES = 16;

/** A configuration error: the message names the setting at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function decodeSecret(raw: string, what: string): Buffer {
  const trimmed = raw.trim();
  const buf = /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (buf.length < MIN_SECRET_BYTES)
    throw new ConfigError(`${what}: the secret must be at least ${MIN_SECRET_BYTES} bytes (hex or base64)`);
  return buf;
}

/**
 * Parses `ASSENT_SIGNING_KEYS`: comma-separated `keyId:secret` pairs (secret hex or base64),
 * the first one signing. Example: `k2026b:…,k2026a:…`.
 */
export function parseSigningKeys(spec: string): SigningKey[] {
  const keys: SigningKey[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    if (at < 1) throw new ConfigError('ASSENT_SIGNING_KEYS: each entry must be keyId:secret');
    const id = part.slice(0, at);
    if (!KEY_ID.test(id)) throw new ConfigError(`ASSENT_SIGNING_KEYS: bad key id "${id}" (letters, digits, _ . -)`);
    if (keys.some((k) => k.id === id)) throw new ConfigError(`ASSENT_SIGNING_KEYS: key id "${id}" appears twice`);
    keys.push({ id, secret: decodeSecret(part.slice(at + 1), `ASSENT_SIGNING_KEYS (${id})`) });
  }
  if (!keys.length) throw new ConfigError('ASSENT_SIGNING_KEYS: no key given');
  return keys;
}

/** Builds a keyring from parsed signing keys and a join secret. */
export function makeKeyring(signing: SigningKey[], joinSecret: Buffer): Keyring {
  const [current] = signing;
  if (!current) throw new ConfigError('at least one signing key is required');
  return { current, byId: new Map(signing.map((k) => [k.id, k])), joinSecret };
}

/** Key material as given in configuration, before parsing. */
export interface KeySpec {
  signingKeys?: string;
  joinKey?: string;
}

interface PersistedKeys {
  signingKeys: string;
  joinKey: string;
}

/**
 * Loads the keyring. Given keys always win. Without them, a demo server generates keys once and
 * keeps them in `demoKeyFile` (mode 0600) so its receipts still verify after a restart; a
 * production server refuses to start.
 */
export function loadKeyring(spec: KeySpec, opts: { demo: boolean; demoKeyFile: string }): Keyring {
  let { signingKeys, joinKey } = spec;
  if ((!signingKeys || !joinKey) && opts.demo) {
    const persisted = readOrCreateDemoKeys(opts.demoKeyFile);
    signingKeys ??= persisted.signingKeys;
    joinKey ??= persisted.joinKey;
  }
  if (!signingKeys) throw new ConfigError('ASSENT_SIGNING_KEYS is required outside demo mode (keyId:secret,...)');
  if (!joinKey) throw new ConfigError('ASSENT_JOIN_KEY is required outside demo mode (hex or base64, ≥16 bytes)');
  return makeKeyring(parseSigningKeys(signingKeys), decodeSecret(joinKey, 'ASSENT_JOIN_KEY'));
}

function readOrCreateDemoKeys(file: string): PersistedKeys {
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PersistedKeys>;
    if (typeof parsed.signingKeys === 'string' && typeof parsed.joinKey === 'string')
      return { signingKeys: parsed.signingKeys, joinKey: parsed.joinKey };
    throw new ConfigError(`${file}: not a demo key file; delete it to generate new demo keys`);
  }
  const keys: PersistedKeys = {
    signingKeys: `demo-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('hex')}`,
    joinKey: randomBytes(32).toString('hex'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/** The pseudonymous join key of a Portal account: HMAC-SHA256 of the account id, hex. */
export function joinKeyOf(keys: Keyring, accountId: string): string {
  return createHmac('sha256', keys.joinSecret).update(`account:${accountId}`).digest('hex');
}

/** A keyed hash used to count requests per client without storing the client address. */
export function clientKeyOf(keys: Keyring, client: string): string {
  return createHmac('sha256', keys.joinSecret).update(`client:${client}`).digest('base64url').slice(0, 22);
}
