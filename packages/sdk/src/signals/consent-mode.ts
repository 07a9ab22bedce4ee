/**
 * Google Consent Mode v2 and the dataLayer event for tag managers. Works with or without gtag
 * on the page: commands are pushed to `dataLayer` as `arguments` objects, exactly as gtag does.
 */
import type { OptionalCategory } from '../schema/receipt.js';
import { EEA } from '../policy/eea.js';

type State = 'granted' | 'denied';
/** The seven Consent Mode v2 types. */
export type ConsentModeState = Record<
  | 'ad_storage' | 'ad_user_data' | 'ad_personalization' | 'analytics_storage'
  | 'functionality_storage' | 'personalization_storage' | 'security_storage',
  State
>;

type Grants = Record<OptionalCategory, boolean>;

/** The one mapping from Assent categories to Consent Mode types. */
export function toConsentMode(g: Grants): ConsentModeState {
  const s = (b: boolean): State => (b ? 'granted' : 'denied');
  return {
    ad_storage: s(g.advertising),
    ad_user_data: s(g.advertising),
    ad_personalization: s(g.advertising),
    analytics_storage: s(g.analytics),
    functionality_storage: s(g.functional),
    personalization_storage: s(g.functional),
    security_storage: 'granted',
  };
}

/** Regions whose Google default is denied whatever the visitor's resolved regime (EU user consent policy). */
export const GOOGLE_CONSENT_REGIONS = [...EEA, 'GB', 'CH'];

/** Any window-like object; `dataLayer` is created on it when missing. */
type DataLayerWindow = object;
/** The page's `dataLayer`, created when missing. */
export const dataLayerOf = (win: DataLayerWindow): unknown[] => ((win as { dataLayer?: unknown[] }).dataLayer ??= []);
const layer = dataLayerOf;

// gtag.js treats only Arguments objects as commands, so push a real `arguments`.
export function pack(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

function gtag(win: DataLayerWindow, ...args: unknown[]): void {
  layer(win).push(pack(...args));
}

/**
 * Pushes `consent default` before any tag runs: first denied for the regions Google requires
 * consent in (listed one by one, `EU` is not a code Google accepts), then the visitor's regime
 * defaults for everywhere else, with `wait_for_update` while the visitor decides.
 */
export function pushConsentDefault(win: DataLayerWindow, defaults: Grants, waitForUpdate: number): void {
  const denied = toConsentMode({ functional: false, analytics: false, advertising: false });
  gtag(win, 'consent', 'default', { ...denied, region: GOOGLE_CONSENT_REGIONS, wait_for_update: waitForUpdate });
  gtag(win, 'consent', 'default', { ...toConsentMode(defaults), wait_for_update: waitForUpdate });
}

/** Pushes `consent update` with the visitor's current decisions. */
export function pushConsentUpdate(win: DataLayerWindow, grants: Grants): void {
  gtag(win, 'consent', 'update', toConsentMode(grants));
}

/** Pushes the `assent_consent_update` event tag managers trigger on. */
export function pushDecisionEvent(win: DataLayerWindow, grants: Grants, detail: { method: string; regime: string }): void {
  layer(win).push({ event: 'assent_consent_update', assent: { ...grants, ...detail } });
}
