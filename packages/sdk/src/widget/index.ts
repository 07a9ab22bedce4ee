/**
 * `mountWidget` (`@assent/sdk/widget`): the footer widget for a consent instance, with its
 * labels in the visitor's language. The DOM itself is drawn by `renderWidget`.
 */
import type { Consent } from '../types.js';
import type { WidgetPosition } from '../config/types.js';
import { RTL, visitorLanguage } from '../i18n/language.js';
import { embedLabels } from '../i18n/labels.js';
import { renderWidget, type WidgetLabels } from './render.js';

/** Options of {@link mountWidget}. */
export interface WidgetOptions {
  position?: WidgetPosition;
  /** Language of the labels; default from config, regime and page. */
  lang?: string;
  /** Where to insert it; default `document.body`. */
  container?: HTMLElement;
}

/** The widget's language, direction and labels for a consent instance (the UI's language rule). */
export function widgetLabels(consent: Consent, lang?: string): WidgetLabels {
  const { config, regime } = consent;
  const l = visitorLanguage(config, regime, window, lang);
  const { cookieSettings, privacyChoices } = embedLabels(l, config.texts[l]);
  return { lang: l, rtl: RTL.includes(l), cookieSettings, privacyChoices };
}

/**
 * Mounts the footer widget for a consent instance. Returns a function that removes it.
 * Hidden when the site config says `ui.widget.hidden`.
 */
export function mountWidget(consent: Consent, options: WidgetOptions = {}): () => void {
  const doc = document;
  const { config, regime } = consent;
  if (config.ui.widget.hidden) return () => {};
  const bar = renderWidget(
    doc,
    widgetLabels(consent, options.lang),
    {
      side: (options.position ?? config.ui.widget.position) === 'bottom-left' ? 'left' : 'right',
      privacyChoices: regime.privacyChoices,
      open: (view) => consent.open(view),
    },
    options.container ?? doc.body,
  );
  return () => bar.remove();
}

export { privacyChoicesIcon } from './icons.js';
