import type { Regime } from './types.js';

/**
 * Where the visitor's region stands: the one shape a region has from the page (or the caller) to
 * the regime in force.
 * - `known`: a valid ISO 3166 code and where it came from;
 * - `unknown`: none given, or none that makes sense: the strictest regime applies;
 * - `asking`: server-sync's region lookup is under way: the strictest regime applies meanwhile,
 *   and `regime` settles with the answer's (the strictest again when the lookup fails).
 */
export type RegionState =
  | { state: 'known'; code: string; source: 'attribute' | 'option' | 'endpoint' }
  | { state: 'unknown' }
  | { state: 'asking'; regime: Promise<Regime> };
