import { REGION_CODE } from '../schema/receipt.js';

/**
 * Normalises a region code (`fr`, `US-ca`, `CA_QC` are accepted). Returns `null` for anything
 * that is not an ISO 3166-1 alpha-2 or 3166-2 code.
 */
export function normalizeRegion(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  const c = code.trim().toUpperCase().replace('_', '-');
  return REGION_CODE.test(c) ? c : null;
}
