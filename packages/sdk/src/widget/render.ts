/**
 * The footer widget's DOM: a small fixed button that reopens preferences and, on US pages, a
 * "Your Privacy Choices" entry with the opt-out icon the California regulator published.
 * Vanilla DOM with styles set through CSSOM (a strict CSP allows it), no label tables: callers
 * pass the strings, so `assent.js` can draw it from its snapshot without shipping 15 languages.
 */
import type { UIView } from '../types.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An icon hidden from assistive technology (the button carries the name): `paths` are `[d, fill]`. */
function svg(doc: Document, viewBox: string, height: string, paths: Array<[string, string]>): SVGSVGElement {
  const el = doc.createElementNS(SVG, 'svg');
  el.setAttribute('viewBox', viewBox);
  el.setAttribute('height', height);
  el.setAttribute('aria-hidden', 'true');
  for (const [d, fill] of paths) {
    const p = el.appendChild(doc.createElementNS(SVG, 'path'));
    p.setAttribute('d', d);
    p.setAttribute('fill', fill);
  }
  return el;
}

/** A cookie with a bite out of it. */
const cookieIcon = (doc: Document) =>
  svg(doc, '0 0 24 24', '22', [
    ['M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-4 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm7 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm-6 2a1 1 0 1 1 0 2 1 1 0 0 1 0-2z', 'currentColor'],
  ]);

/** The CPPA privacy options icon: a pill, white half with a check, blue half with a cross. */
const privacyChoicesIcon = (doc: Document) =>
  svg(doc, '0 0 30 14', '14', [
    ['M7 0h16a7 7 0 0 1 0 14H7A7 7 0 0 1 7 0z', '#06f'],
    ['M7 1h9.5l-4 12H7A6 6 0 0 1 7 1z', '#fff'],
    ['M5.2 7.1l1.3-1.3 1.6 1.6 3.2-3.2 1.3 1.3-4.5 4.5z', '#06f'],
    ['M19.3 4.3l1.7 1.7 1.7-1.7 1.2 1.2-1.7 1.7 1.7 1.7-1.2 1.2-1.7-1.7-1.7 1.7-1.2-1.2 1.7-1.7-1.7-1.7z', '#fff'],
  ]);

/** The widget's texts in the visitor's language. */
export interface WidgetLabels {
  lang: string;
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

/** Draws the widget into `container` and returns a function that removes it. */
export function renderWidget(doc: Document, labels: WidgetLabels, v: WidgetPlacement, container: HTMLElement): () => void {
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
  return () => bar.remove();
}
