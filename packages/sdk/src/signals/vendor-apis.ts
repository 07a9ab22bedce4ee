/**
 * The names of the vendor consent APIs Assent drives (`consentApi` of a service). Kept apart
 * from their drivers (vendor-consent.ts) so validating a config does not carry the drivers.
 */
export const VENDOR_CONSENT_APIS = [
  'meta', 'google', 'microsoft-clarity', 'microsoft-uet', 'tiktok', 'hubspot', 'mixpanel', 'amplitude', 'zendesk', 'wistia',
] as const;

/** A vendor consent API Assent drives; a preset's or a service's `consentApi`. */
export type VendorConsentApi = (typeof VENDOR_CONSENT_APIS)[number];

/** The APIs with a restricted mode that `restrictOnOptOut` can turn on (Meta, Google). */
export const RESTRICTABLE_APIS: readonly VendorConsentApi[] = ['meta', 'google'];
