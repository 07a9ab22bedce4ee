// The demo's stand-in for an edge's geo header: `?region=XX-YY`, remembered in a demo cookie.

/** The regions the switcher offers, with what each shows off. */
export const DEMO_REGIONS = [
  { code: 'FR', label: 'France' },
  { code: 'CA-QC', label: 'Québec' },
  { code: 'US-CA', label: 'California' },
  { code: 'BR', label: 'Brazil' },
  { code: 'VN', label: 'Vietnam' },
  { code: 'unknown', label: 'Unknown' },
];

export const REGION_COOKIE = 'demo_region';
const CODE = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;

/** Normalises a region string: a valid ISO 3166(-2) code, or `null` for unknown/invalid. */
export function normaliseRegion(value) {
  if (typeof value !== 'string') return null;
  const v = value.trim().toUpperCase();
  return CODE.test(v) ? v : null;
}

/**
 * The visitor's demo region: the query parameter wins (and is remembered), else the cookie.
 * Returns the region (or null) and the Set-Cookie header to send, if any.
 */
export function resolveDemoRegion(url, cookies) {
  const param = url.searchParams.get('region');
  if (param !== null) {
    const region = normaliseRegion(param);
    const value = region ?? 'unknown';
    return { region, setCookie: `${REGION_COOKIE}=${value}; Path=/; Max-Age=${60 * 60 * 24 * 30}; SameSite=Lax` };
  }
  return { region: normaliseRegion(cookies.get(REGION_COOKIE)), setCookie: null };
}
