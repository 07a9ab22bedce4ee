/**
 * `@assent/sdk/presets`: the curated vendor table and look-ups over it. Stable API for the config
 * expansion, the site scanner (suggesting presets for undeclared cookies and hosts) and tests.
 */
import { bestMatch, cookiePattern, httpUrl } from '../gate/hosts.js';
import { PRESETS } from './data.js';
import type { PresetTable, VendorPreset } from './types.js';

export { PRESETS };
/** The matching rules the gate uses, for tools that must judge URLs and cookies the same way (the site scanner). */
export { bestMatch as bestHostMatch, cookiePattern, hostMatches } from '../gate/hosts.js';
export type { PresetTable, VendorPreset, VendorConsentApi } from './types.js';

/** Every preset id, in the table's order. */
export const PRESET_IDS: readonly string[] = Object.keys(PRESETS);

/**
 * The preset whose hosts hold this URL (the most specific match: `…/gtag/js` is Google
 * Analytics, `…/gtm.js` Google Tag Manager), or `undefined`. Relative URLs resolve against
 * `base`; anything but http(s) gives `undefined`.
 */
export function presetForUrl(url: string | URL, base = 'https://invalid.example/', table: PresetTable = PRESETS): VendorPreset | undefined {
  const u = typeof url === 'string' ? httpUrl(url, base) : url;
  return u && bestMatch(u, Object.values(table));
}

/**
 * The presets that list a cookie of this name (exact names first, then `*` patterns), e.g.
 * `_ga_ABC123` → Google Analytics. Several vendors may share a name (`MUID`), so this returns
 * every match; `domain` (the cookie's domain as a browser reports it) narrows a match to the
 * presets whose spec names no domain or that domain or a parent of it.
 */
export function presetsForCookie(name: string, domain?: string, table: PresetTable = PRESETS): VendorPreset[] {
  const host = domain?.replace(/^\./, '').toLowerCase();
  const onDomain = (d: string | undefined) => !d || !host || `.${host}`.endsWith(`.${d.replace(/^\./, '')}`);
  const exact: VendorPreset[] = [];
  const pattern: VendorPreset[] = [];
  for (const p of Object.values(table)) {
    const specs = p.cookies.filter((c) => onDomain(c.domain));
    if (specs.some((c) => c.name === name)) exact.push(p);
    else if (specs.some((c) => c.name.includes('*') && cookiePattern(c.name).test(name))) pattern.push(p);
  }
  return [...exact, ...pattern];
}

/** The first of {@link presetsForCookie}: the likeliest vendor for a cookie, or `undefined`. */
export const presetForCookie = (name: string, domain?: string, table: PresetTable = PRESETS): VendorPreset | undefined =>
  presetsForCookie(name, domain, table)[0];
