/** Random identifiers from the platform CSPRNG (works outside secure contexts, unlike randomUUID). */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A subject id: an RFC 9562 version 7 UUID written as 32 lowercase hex characters, without
 * hyphens. It begins with the time it was made (Unix milliseconds, 48 bits), then 74 random bits;
 * it is derived from nothing about the visitor.
 *
 * Why time first: server-sync keys every table by subject id, and most receipts come from recent
 * visitors, so ids that sort by age keep the pages being written together at the end of each
 * index instead of all over it (bench/server-sync.md: 10 million receipts). What it tells is when
 * the visitor's first consent was asked, which the receipts record anyway.
 *
 * Written here rather than imported: the `uuid` package's `v7` adds 847 bytes gzip to a bundle
 * (esbuild, minified); these lines add 58 to the engine (scripts/size.mjs).
 */
export function newSubjectId(now = Date.now()): string {
  // After the 48-bit time (12 hex digits: enough until the year 10889), 10 random bytes, of which
  // the version (7) and variant (10) take 6 bits.
  const b = crypto.getRandomValues(new Uint8Array(10));
  b[0] = (b[0]! & 0x0f) | 0x70;
  b[2] = (b[2]! & 0x3f) | 0x80;
  // A browser clock before 1970 or past 10889 still gives a valid id, only not in order.
  return Math.min(Math.max(0, Math.floor(now)), 2 ** 48 - 1).toString(16).padStart(12, '0') + hex(b);
}

/** An RFC 4122 version 4 UUID. */
export function newUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
