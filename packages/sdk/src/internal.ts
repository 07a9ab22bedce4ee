/**
 * @internal The core's building blocks for Assent's own script-tag bundles (`@assent/embed`):
 * not a public API, no stability promise. Integrators use `@assent/sdk`.
 */
export { startConsent, type Announced, type ConsentOptions, type StartOptions } from './consent.js';
export { parseConfig } from './site-config.js';
export type { SiteConfig } from './config/types.js';
export { createGate, type Gate } from './gate/index.js';
export { ACTIVE } from './gate/activate.js';
export { httpUrl, serviceAt } from './gate/hosts.js';
export type { PlaceholderLabels } from './gate/placeholder.js';
export { LABELS, parseLabels, type EmbedLabels } from './i18n/labels.js';
export { RTL, visitorLanguage, type Language } from './i18n/language.js';
export { askRegion } from './policy/region-endpoint.js';
export type { RegionState } from './policy/region.js';
export { regimeOf, regionFrom } from './policy/resolve.js';
export { pushConsentDefault, pushConsentUpdate, pushDecisionEvent } from './signals/consent-mode.js';
export { readDnt, readGpc } from './signals/browser-signals.js';
export { grantsOf, regimeDefaults, type DecisionState } from './state/defaults.js';
export { grantWatchers } from './state/watchers.js';
export { keptDecisionCookie, readCookies } from './storage/cookie-jar.js';
export { encodeRecord } from './storage/codec.js';
export { checksum } from './storage/checksum.js';
export { outboxIsEmpty } from './sync/outbox.js';
export { createEmitter } from './emitter.js';
export { SDK_VERSION } from './version.js';
export { renderWidget, type WidgetLabels } from './widget/render.js';
export { SHARED } from './shared.js';
export { runVendorCalls, vendorConsentCalls, type VendorCall } from './signals/vendor-consent.js';
export type { PresetTable } from './presets/types.js';
