import type { RegionSource } from '../schema/receipt.js';
import { normalizeRegion } from './region-code.js';

export { normalizeRegion };
import { REGION_TABLE, STRICTEST, groupOf } from './table.js';
import type { Regime, RegionOverride, RegionRule } from './types.js';
import type { RegionState } from './region.js';

/** The lookup keys for a region, most specific first: `US-CA` → `US-CA`, `US`, `*`. */
export function lookupChain(region: string | null): string[] {
  if (!region) return ['*'];
  const country = region.slice(0, 2);
  const chain = [region];
  if (country !== region) chain.push(country);
  const group = groupOf(country);
  if (group && group !== country) chain.push(group);
  chain.push('*');
  return chain;
}

/**
 * Resolves a region to the regime in force: the first row of the chain found in the site's
 * overrides or the built-in table. A site override of a row merges onto that built-in row.
 */
export function resolveRegime(
  region: string | null,
  source: RegionSource,
  overrides: Readonly<Record<string, RegionOverride>> = {},
): Regime {
  const key = lookupChain(region).find((k) => k in overrides || k in REGION_TABLE) ?? '*';
  const base = REGION_TABLE[key] ?? STRICTEST;
  const o = overrides[key];
  const rule: RegionRule = o
    ? {
        ...base,
        ...o,
        defaults: { ...base.defaults, ...o.defaults },
        lifetimeDays: { ...base.lifetimeDays, ...o.lifetimeDays },
      }
    : base;
  const from = source === 'fallback' ? 'no region known' : `${region} from ${source}`;
  return { ...rule, key, region, source, reason: `${from}; row ${key}${o ? ' (site override)' : ''}` };
}

/** The regime in force for a region state: the strictest while it is unknown or being asked. */
export const regimeOf = (region: RegionState, overrides?: Readonly<Record<string, RegionOverride>>): Regime =>
  region.state === 'known' ? resolveRegime(region.code, region.source, overrides) : resolveRegime(null, 'fallback', overrides);

/**
 * A region code as given by a page attribute or a caller: `known` when it is an ISO 3166 code
 * (`fr`, `US-ca`, `CA_QC` are accepted), else `unknown` with a console warning.
 */
export function regionFrom(code: string | null, source: 'attribute' | 'option' | 'endpoint'): RegionState {
  const known = normalizeRegion(code);
  if (known) return { state: 'known', code: known, source };
  if (code !== null) console.warn(`[assent] region "${code}" is not an ISO 3166 code; applying the strictest regime`);
  return { state: 'unknown' };
}
