/**
 * The dialogs' entry: renders one dialog (or none) into the controller's host element. It is all
 * `assent-ui.js` carries, so a visitor who never opens preferences never downloads Preact.
 */
import { render } from 'preact';
import type { DialogApp, DialogView } from './app.js';
import { Preferences } from './preferences.js';
import { PrivacyChoices } from './privacy-choices.js';

export type { DialogApp, DialogView, Selection } from './app.js';

/** Shows `view` in `host` (replacing any other dialog), or closes it with `null`. */
export function renderDialog(host: HTMLElement, view: DialogView | null, app: DialogApp): void {
  render(view === 'preferences' ? <Preferences app={app} /> : view === 'privacy-choices' ? <PrivacyChoices app={app} /> : null, host);
}
