/**
 * @internal The core's building blocks for Assent's own script-tag bundles (`@assent/embed`):
 * not a public API, no stability promise. Integrators use `@assent/sdk`.
 */
export { startConsent, type ConsentOptions } from './consent.js';
export { createGate, type Gate } from './gate/index.js';
export { ACTIVE } from './gate/activate.js';
export { dataLayerOf, pack, pushConsentDefault, pushConsentUpdate, pushDecisionEvent } from './signals/consent-mode.js';
export { readDnt } from './signals/browser-signals.js';
export { grantsOf, regimeDefaults, sameGrants } from './state/decide.js';
export { grantWatchers } from './state/watchers.js';
export { readCookies } from './storage/cookie-jar.js';
export { readRecord } from './storage/record-store.js';
export { checksum } from './storage/checksum.js';
export { OUTBOX_KEY } from './sync/outbox.js';
export { createEmitter } from './emitter.js';
export { resolveRegime } from './policy/resolve.js';
export { SDK_VERSION } from './version.js';
export { renderWidget, type WidgetLabels } from './widget/render.js';
export { widgetLabels } from './widget/index.js';
