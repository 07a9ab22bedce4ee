/**
 * What applies before any choice: a regime's defaults, limited by the browser's signals and a
 * declared minor, and how decision states compare. Pure: no DOM, no clock. `assent.js` needs this
 * much on every page; the rest of the decision logic (decide.ts) is the engine's.
 */
import { OPTIONAL_CATEGORIES, type OptionalCategory } from '../schema/receipt.js';
import type { SiteConfig } from '../config/types.js';
import type { Regime } from '../policy/types.js';
import type { Decision } from './types.js';

/** Browser signals that shape decisions. */
export interface Signals {
  /** Global Privacy Control is on. */
  gpc: boolean;
  /** Do Not Track is on (acted on only when the site config says so). */
  dnt: boolean;
  /** The visitor is a declared minor (site flag or `setAge`). */
  minor: boolean;
}

/** Category and service decisions in force, each with its basis (what `get()` reports is only the grants). */
export interface DecisionState {
  categories: Record<OptionalCategory, Decision>;
  services: Record<string, Decision>;
}

/** What a decision state grants per category, as Consent Mode and `get()` report it. */
export const grantsOf = (d: DecisionState): Record<OptionalCategory, boolean> =>
  Object.fromEntries(OPTIONAL_CATEGORIES.map((c) => [c, d.categories[c].granted])) as Record<OptionalCategory, boolean>;

/** Whether two decision states grant exactly the same categories and services. */
export const sameGrants = (a: DecisionState, b: DecisionState): boolean =>
  OPTIONAL_CATEGORIES.every((c) => a.categories[c].granted === b.categories[c].granted) &&
  Object.keys({ ...a.services, ...b.services }).every((id) => !!a.services[id]?.granted === !!b.services[id]?.granted);

/** A universal opt-out applies: GPC where the regime honours it, or DNT where the site opted in. */
export const optOutSignal = (regime: Regime, config: SiteConfig, s: Signals): boolean =>
  (s.gpc && regime.honourGpc) || (s.dnt && config.honourDnt);

/**
 * Applies the hard limits every decision obeys: a declared minor never gets advertising, and an
 * opt-out signal switches advertising and every sale/share service off unless the visitor, with
 * the signal on, explicitly chose otherwise (`explicit`).
 */
export function limit(d: DecisionState, config: SiteConfig, regime: Regime, s: Signals, explicit: boolean): DecisionState {
  const cats = { ...d.categories };
  const services = { ...d.services };
  const signal = optOutSignal(regime, config, s) && !explicit;
  if (signal && cats.advertising.granted) cats.advertising = { granted: false, basis: 'signal' };
  if (s.minor) cats.advertising = { granted: false, basis: cats.advertising.basis === 'consent' ? 'consent' : 'default' };
  for (const svc of config.services) {
    const cur = services[svc.id];
    if (!cur) continue;
    if (!cats[svc.category].granted) services[svc.id] = { granted: false, basis: cats[svc.category].basis };
    // A `restrictOnOptOut` service keeps running, in its vendor's restricted mode (vendor-consent.ts).
    else if (signal && svc.saleOrShare && !svc.restrictOnOptOut && cur.granted) services[svc.id] = { granted: false, basis: 'signal' };
  }
  return { categories: cats, services };
}

/** What applies before any choice: the regime's defaults (basis `default`) and the signals. */
export function regimeDefaults(regime: Regime, config: SiteConfig, s: Signals): DecisionState {
  const categories = {} as Record<OptionalCategory, Decision>;
  for (const c of OPTIONAL_CATEGORIES)
    categories[c] = { granted: regime.defaults[c] && config.categories.includes(c), basis: 'default' };
  const services: Record<string, Decision> = {};
  for (const svc of config.services) services[svc.id] = { ...categories[svc.category] };
  return limit({ categories, services }, config, regime, s, false);
}
