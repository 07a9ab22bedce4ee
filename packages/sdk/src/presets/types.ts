/**
 * The shape of a vendor preset: a curated service definition a site config names with
 * `{ "preset": "meta-pixel" }` (plus any overrides) instead of writing the vendor out. Presets
 * are expanded where the config is validated (the engine, the npm build), never in `assent.js`.
 */
import type { CookieSpec, ServiceConfig, VendorConsentApi } from '../config/types.js';

export type { VendorConsentApi };

/** One curated vendor. */
export interface VendorPreset extends Omit<ServiceConfig, 'id' | 'privacyPolicyUrl' | 'restrictOnOptOut' | 'consentApi'> {
  /** The preset id: the vendor's name in kebab-case (`google-analytics`, `meta-pixel`). */
  id: string;
  /**
   * Hosts, or host + path prefix (and optionally `?param=prefix`) where the host alone would
   * hold the wrong thing: `www.googletagmanager.com/gtag/js` is Google's tag,
   * `www.googletagmanager.com/gtm.js` the Tag Manager container.
   */
  hosts: string[];
  /** Cookies with durations and purposes from the vendor's own documentation. */
  cookies: CookieSpec[];
  privacyPolicyUrl: string;
  /** Where the facts come from: the vendor's documentation pages (and, where noted, its published source). */
  sources: string[];
  /** The vendor's consent API that Assent calls on every decision, when the vendor's global exists. */
  consentApi?: VendorConsentApi;
  /**
   * The vendor has a restricted mode for US sale/share opt-outs (Meta Limited Data Use, Google
   * restricted data processing): a service may set `restrictOnOptOut` to keep running in it.
   */
  restrictable?: boolean;
}

/** The presets table, keyed by id. */
export type PresetTable = Readonly<Record<string, VendorPreset>>;
