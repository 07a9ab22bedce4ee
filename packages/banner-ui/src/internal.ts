/**
 * @internal The UI's building blocks for Assent's own script-tag bundles (`@assent/embed`): not a
 * public API, no stability promise. Integrators use `@assent/banner-ui`.
 */
export { createUI, type DialogsModule, type UIEnv, type UIHandle } from './controller.js';
export { en, FIRST_LAYER_KEYS, type FirstLayerTexts, type Messages } from './i18n/en.js';
export { KEYS } from './i18n/keys.js';
export { buildMessages } from './i18n/messages.js';
export { withFallback, type CatalogueLoader } from './i18n/loader.js';
export { CATALOGUES } from './i18n/catalogues.js';
