/**
 * The footer widget's DOM: a small fixed button that reopens preferences and, on US pages, a
 * "Your Privacy Choices" entry with the opt-out icon the California regulator published.
 * Vanilla DOM with styles set through CSSOM (a strict CSP allows it), no label tables: callers
 * pass the strings, so `assent.js` can draw it from its snapshot without shipping 15 languages.
 */
import type { Language } from '../i18n/language.js';
import type { UIView } from '../types.js';
import { cookieIcon, privacyChoicesIcon } from './icons.js';

/** The widget's texts in the visitor's language. */
export interface WidgetLabels {
  lang: Language;
  rtl: boolean;
  cookieSettings: string;
  privacyChoices: string;
}

/** Where the widget sits, what it offers and what its buttons do. */
export interface WidgetPlacement {
  side: 'left' | 'right';
  /** Show the "Your Privacy Choices" entry (US opt-out regimes). */
  privacyChoices: boolean;
  open(view: UIView): void;
}

/** Draws the widget into `container` and returns it. */
export function renderWidget(doc: Document, labels: WidgetLabels, v: WidgetPlacement, container: HTMLElement): HTMLElement {
  // CSSOM, not a style attribute: a strict CSP allows it. The bar and its buttons share the flex rules.
  const FLEX = 'display:flex;gap:8px;align-items:center';
  const bar = doc.createElement('div');
  bar.className = 'assent-widget';
  bar.dir = labels.rtl ? 'rtl' : 'ltr';
  bar.lang = labels.lang;
  bar.style.cssText = `${FLEX};position:fixed;bottom:16px;${v.side}:16px;z-index:2147483000`;

  const button = (label: string, icon: SVGSVGElement, view: UIView, withText?: boolean) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.title = label;
    b.append(icon, withText ? label : '');
    b.style.cssText =
      `${FLEX};justify-content:center;min-width:44px;min-height:44px;border-radius:22px;padding:0 ${withText ? 14 : 0}px;` +
      'border:2px solid #fff;background:#1f2937;color:#fff;font:600 14px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)';
    b.addEventListener('click', () => v.open(view));
    return b;
  };

  if (v.privacyChoices) bar.append(button(labels.privacyChoices, privacyChoicesIcon(doc), 'privacy-choices', true));
  bar.append(button(labels.cookieSettings, cookieIcon(doc), 'preferences'));
  container.append(bar);
  return bar;
}
