/**
 * The shape of a vendor preset: a curated service definition a site config names with
 * `{ "preset": "meta-pixel" }` (plus any overrides) instead of writing the vendor out. Presets
 * are expanded where the config is validated (the engine, the npm build), never in `assent.js`.
 */
import type { CookieSpec, ServiceConfig } from '../config/types.js';

/** A vendor's own consent API that Assent drives on every decision and withdrawal. */
export type VendorConsentApi =
  | 'meta' // fbq('consent', 'grant'|'revoke'); Limited Data Use under a US opt-out
  | 'google' // gtag consent (Consent Mode covers it); restricted data processing under a US opt-out
  | 'microsoft-clarity' // clarity('consentv2', {...})
  | 'microsoft-uet' // uetq.push('consent', 'update', {...})
  | 'tiktok' // ttq.grantConsent() / ttq.revokeConsent()
  | 'hubspot' // _hsp.push(['revokeCookieConsent'])
  | (string & {});

/** One curated vendor. */
export interface VendorPreset extends Omit<ServiceConfig, 'id' | 'cookies'> {
  /** The preset id: the vendor's name in kebab-case (`google-analytics`, `meta-pixel`). */
  id: string;
  /**
   * Hosts, or host + path prefix where the host alone would hold the wrong thing
   * (`www.googletagmanager.com/gtag/js` is Google's tag, `www.googletagmanager.com/gtm.js` the container).
   */
  hosts: string[];
  /** Cookies with durations and purposes from the vendor's own documentation. */
  cookies: CookieSpec[];
  /** Where each fact comes from (the vendor's documentation pages). */
  sources: string[];
  consentApi?: VendorConsentApi;
}
