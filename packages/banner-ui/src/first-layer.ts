/**
 * The first layer, in plain DOM: `assent.js` draws it itself on a first visit, from what arrived
 * with the page's one script tag, and the npm build draws the same. Opt-in regimes ask: "Accept
 * all", "Reject all" and "Customize", one element and class for all three (equal prominence).
 * Opt-out and notice regimes inform: "Your Privacy Choices" (US rows), "Customize" and an
 * acknowledgement. Non-blocking unless the site chose the modal layout.
 *
 * Text goes in as text nodes only (never parsed as HTML). The panel's first frame is painted at 1%
 * scale and it is full size from the next frame on, with no transition: Chromium takes an
 * element's Largest Contentful Paint size from its first paint only, so the banner (not the
 * page's content) does not become the page's LCP element; it is readable one frame (about 16 ms)
 * after insertion.
 */
import type { Regime } from '@assent/sdk';
import { privacyChoicesIcon } from '@assent/sdk/widget';
import { firstLayer } from './content.js';
import { trapTab } from './focus-trap.js';
import type { FirstLayerTexts } from './i18n/en.js';

/** What the first layer's buttons do; `opener` is the button pressed (focus returns to it). */
export interface FirstLayerActions {
  acceptAll(): void;
  rejectAll(): void;
  /** "OK" in opt-out and notice regimes. */
  acknowledge(): void;
  customize(opener: HTMLElement): void;
  privacyChoices(opener: HTMLElement): void;
}

export interface FirstLayerOptions {
  texts: FirstLayerTexts;
  regime: Pick<Regime, 'model' | 'notices' | 'privacyChoices'>;
  layout: 'bar' | 'box' | 'modal';
  privacyPolicyUrl: string;
  /** Prefix of element ids, unique per page. */
  id: string;
  on: FirstLayerActions;
}

/** A drawn first layer. */
export interface FirstLayer {
  /** Hides it (kept in the page, so focus can come back to "Customize") or shows it again. */
  hide(hidden: boolean): void;
  remove(): void;
}

/** Draws the first layer into `host` (a `display: contents` child of an `.assent-ui` element). */
export function renderFirstLayer(host: HTMLElement, o: FirstLayerOptions): FirstLayer {
  const doc = host.ownerDocument;
  const { texts: m, regime } = o;
  const view = firstLayer(m, regime);
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const button = (label: string, action: (b: HTMLButtonElement) => void, icon?: SVGSVGElement) => {
    const b = el('button');
    b.type = 'button';
    b.className = 'a-btn';
    if (icon) b.append(icon);
    b.append(label);
    b.addEventListener('click', () => action(b));
    return b;
  };

  const titleId = `${o.id}-title`;
  const title = el('h2', view.title);
  title.id = titleId;
  const link = el('a', m.privacyPolicy);
  link.href = o.privacyPolicyUrl;
  const actions = el('div');
  actions.className = 'a-actions';
  if (view.asks) actions.append(button(m.acceptAll, o.on.acceptAll), button(m.rejectAll, o.on.rejectAll));
  else if (regime.privacyChoices) actions.append(button(m.privacyChoices, o.on.privacyChoices, privacyChoicesIcon(doc)));
  actions.append(button(m.customize, o.on.customize));
  if (!view.asks) actions.append(button(m.acknowledge, o.on.acknowledge));
  const policy = el('p');
  policy.append(link);
  const body = [title, ...view.paragraphs.map((p) => el('p', p)), policy, actions];

  const modal = o.layout === 'modal';
  const panel = el(modal ? 'div' : 'section');
  panel.className = `a-panel a-${o.layout} a-enter`;
  panel.setAttribute('aria-labelledby', titleId);
  const parts: HTMLElement[] = [panel];
  if (modal) {
    const backdrop = el('div');
    backdrop.className = 'a-backdrop';
    parts.unshift(backdrop);
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    panel.tabIndex = -1;
    panel.append(...body);
    // No Escape: the modal first layer waits for an answer.
    panel.addEventListener('keydown', (e) => trapTab(panel, e as KeyboardEvent));
  } else {
    const inner = el('div');
    inner.append(...body);
    panel.append(inner);
  }
  host.append(...parts);
  if (modal) panel.focus();
  // Two frames: the first paints the panel at 1% scale, the second at full size.
  requestAnimationFrame(() => requestAnimationFrame(() => panel.classList.remove('a-enter')));

  return {
    hide(hidden) {
      for (const p of parts) p.hidden = hidden;
    },
    remove: () => parts.forEach((p) => p.remove()),
  };
}
