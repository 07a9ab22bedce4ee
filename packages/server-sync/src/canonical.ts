/**
 * Canonical JSON: object keys sorted, no whitespace. Hashes and signatures are computed over it,
 * so the same receipt always yields the same bytes whatever the order its fields arrived in.
 */

/** A deep copy with every object's keys inserted in sorted order (undefined members dropped). */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v !== undefined) out[k] = sortedCopy(v);
  }
  return out;
}

export function canonicalJson(value: unknown): string {
  // JSON.stringify keeps insertion order, except that JavaScript lists integer-like keys (a
  // service id such as "42") first, in numeric order. The result is still deterministic, which is
  // what the hash needs: verification runs this same function.
  const s = JSON.stringify(sortedCopy(value));
  if (s === undefined) throw new TypeError('canonicalJson: value is not representable in JSON');
  return s;
}
