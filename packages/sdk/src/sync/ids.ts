/** Random identifiers from the platform CSPRNG (works outside secure contexts, unlike randomUUID). */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A 128-bit subject id: 32 lowercase hex characters, derived from nothing about the visitor. */
export function newSubjectId(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

/** An RFC 4122 version 4 UUID. */
export function newUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
