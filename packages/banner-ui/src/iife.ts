/**
 * The script-tag build of the dialogs (`assent-ui.js`): sets `window.AssentUI`, which `assent.js`
 * asks for when a visitor opens preferences or "Your Privacy Choices". `assent.js` draws the first
 * layer itself and hands the dialogs the texts it has loaded; this file carries Preact, the two
 * dialogs and their stylesheet, and no texts.
 */
import type { DialogsModule } from './controller.js';
import { renderDialog } from './dialogs/render.js';
import { DIALOG_CSS } from './styles.js';

(window as Window & { AssentUI?: DialogsModule }).AssentUI = { renderDialog, css: DIALOG_CSS };
