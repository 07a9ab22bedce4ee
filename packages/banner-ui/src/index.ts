/**
 * @assent/banner-ui: the Assent consent UI (first layer, preferences, privacy choices) for a
 * consent instance from `@assent/sdk`. This is the npm build: Preact and the SDK are peers of the
 * host app, and each language's texts are a separate chunk loaded on demand.
 *
 * The footer widget is not here: it ships inside the core (`@assent/sdk/widget`), so returning
 * visitors get it without this bundle.
 */
import type { Consent } from '@assent/sdk';
import type { DialogsModule } from './controller.js';
import { renderDialog } from './dialogs/render.js';
import { importCatalogue } from './i18n/import-loader.js';
import { withFallback } from './i18n/loader.js';
import { mount, type MountOptions, type UIHandle } from './mount.js';
import { DIALOG_CSS } from './styles.js';

export type { MountOptions, UIHandle } from './mount.js';
export type { Messages, MessageKey } from './i18n/en.js';

const load = withFallback(importCatalogue, 4000);
const dialogs: DialogsModule = { renderDialog, css: DIALOG_CSS };

/**
 * Mounts the UI for `consent` and shows `options.view`. The UI also opens on every
 * `consent.open(view)`. It only records decisions through `consent` (with the notice shown and
 * the method); it never writes cookies or touches tags.
 */
export function mountUI(consent: Consent, options: MountOptions): UIHandle {
  return mount(consent, options, load, () => Promise.resolve(dialogs));
}
