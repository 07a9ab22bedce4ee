/** The accessible stand-in shown where a gated iframe or image would be. Plain DOM, text only. */
import type { ServiceConfig } from '../config/types.js';
import type { OptionalCategory } from '../schema/receipt.js';

/** Localised strings of the placeholder. `{category}` is replaced as text. */
export interface PlaceholderLabels {
  loadOnce: string;
  allow: string;
  categories: Record<OptionalCategory, string>;
}

/** What a placeholder's buttons do. */
export interface PlaceholderActions {
  loadOnce(): void;
  allow(): void;
}

/** Draws a stand-in (not yet inserted) with the given labels and button actions. */
export function renderPlaceholder(
  doc: Document,
  labels: PlaceholderLabels,
  provider: string,
  category: OptionalCategory,
  on: PlaceholderActions,
): HTMLElement {
  const allow = labels.allow.replace('{category}', labels.categories[category]);
  const box = doc.createElement('div');
  box.className = 'assent-placeholder';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', provider);
  // Inline styles through CSSOM are allowed under a strict CSP (no style-src needed).
  box.style.cssText = 'border:1px dashed currentColor;padding:1em;margin:.5em 0;border-radius:8px;font:inherit';
  const p = doc.createElement('p');
  p.textContent = `${provider}: ${allow}?`;
  p.style.margin = '0 0 .75em';
  box.append(p);
  for (const [text, fn] of [[labels.loadOnce, on.loadOnce], [allow, on.allow]] as const) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.style.marginInlineEnd = '.5em';
    b.addEventListener('click', fn);
    box.append(b);
  }
  return box;
}

/**
 * Puts a stand-in before a blocked iframe or image and hides the embed, unless the embed opts
 * out (`data-assent-placeholder="none"`) or is a 1×1 tracking pixel. Returns the stand-in; the
 * gate removes it when the embed activates ("Load once", or a grant).
 */
export function placeholderFor(
  doc: Document,
  labels: PlaceholderLabels,
  el: HTMLElement,
  category: OptionalCategory,
  services: readonly ServiceConfig[],
  on: PlaceholderActions,
): HTMLElement | undefined {
  const attr = (name: string) => el.getAttribute(name);
  if (attr('data-assent-placeholder') === 'none' || (el.localName === 'img' && (attr('width') === '1' || attr('height') === '1'))) return;
  let provider = services.find((s) => s.id === attr('data-assent-service'))?.provider;
  try {
    provider ??= new URL(attr('data-src') ?? '', doc.baseURI).hostname;
  } catch {
    provider = '?';
  }
  const box = renderPlaceholder(doc, labels, provider, category, on);
  el.hidden = true;
  el.before(box);
  return box;
}
