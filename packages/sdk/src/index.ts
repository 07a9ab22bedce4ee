/**
 * @assent/sdk: the framework-free consent core. Safe to import during server-side rendering:
 * nothing touches `window` until {@link createConsent} is called.
 */
export { createConsent } from './create-consent.js';
export type { ConsentOptions } from './consent.js';
export { ConfigError, type ParsedConfig } from './config/parse.js';
export { parseConfig } from './site-config.js';
export type { SiteConfig, SiteConfigInput, ServiceConfig, ServiceInput, CookieSpec, WidgetPosition, VendorConsentApi } from './config/types.js';
export { resolveRegime, normalizeRegion, lookupChain } from './policy/resolve.js';
export { REGION_TABLE, STRICTEST, EEA } from './policy/table.js';
export type { Regime, RegionRule, RegionOverride, NoticeRequirement } from './policy/types.js';
export type { ConsentRecord, Decisions, Decision } from './state/types.js';
export { toConsentMode, type ConsentModeState } from './signals/consent-mode.js';
export { resolveLanguage, visitorLanguage, LANGUAGES, RTL, type Language } from './i18n/language.js';
export { encodeRecord, decodeRecord } from './storage/codec.js';
export { keptDecisionCookie } from './storage/cookie-jar.js';
export type { Choices, Consent, ConsentEvents, ConsentEventName, DecisionOptions, ShownNotice, UIView } from './types.js';
export type { Category, OptionalCategory, Basis, Method, Receipt, ReceiptSource } from './schema/receipt.js';
