/** The visitor's region from trusted edge headers, as an ISO 3166-2 style code, or null. */
import { REGION_CODE } from '@assent/sdk/schema';

type Headers = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim();

/**
 * Country from one header (`FR`), subdivision from another (`CA`, or already `US-CA`). Unknown
 * markers CDNs use (`XX`, `T1` for Tor, empty) and anything malformed give the country alone or null.
 */
export function regionFromHeaders(headers: Headers, names: { country: string; subdivision: string | null }): string | null {
  const country = first(headers[names.country])?.toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country) || country === 'XX' || country === 'T1') return null;
  const rawSub = names.subdivision ? first(headers[names.subdivision])?.toUpperCase() : undefined;
  if (rawSub) {
    const sub = rawSub.startsWith(`${country}-`) ? rawSub.slice(country.length + 1) : rawSub;
    const code = `${country}-${sub}`;
    if (/^[A-Z0-9]{1,3}$/.test(sub) && REGION_CODE.test(code)) return code;
  }
  return country;
}
