/**
 * The Portal's "Cookie settings" entry point: a button fixed at the bottom right, like the
 * script-tag footer widget, that reopens the preferences (and, in US regimes, a "Your Privacy
 * Choices" one). The Portal is an English app, so its labels are English; the dialogs they open
 * follow the visitor's regime language.
 */
import type { Consent } from '@assent/sdk';
import { h } from './dom.js';

export function mountSettingsButton(consent: Consent): () => void {
  const bar = h(
    'div',
    { className: 'cookie-bar' },
    consent.regime.privacyChoices
      ? h('button', { type: 'button', className: 'cookie-bar__button', onclick: () => consent.open('privacy-choices') }, 'Your Privacy Choices')
      : null,
    h('button', { type: 'button', className: 'cookie-bar__button', onclick: () => consent.open('preferences') }, 'Cookie settings'),
  );
  document.body.append(bar);
  return () => bar.remove();
}
