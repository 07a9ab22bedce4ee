/** The accessible stand-in shown where a gated iframe or image would be. Plain DOM, text only. */
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
  Object.assign(box.style, {
    border: '1px dashed currentColor', padding: '1em', margin: '0.5em 0', borderRadius: '8px', font: 'inherit',
  });
  const p = doc.createElement('p');
  p.textContent = `${provider}: ${allow}?`;
  p.style.margin = '0 0 0.75em';
  box.append(p);
  for (const [text, fn] of [[labels.loadOnce, on.loadOnce], [allow, on.allow]] as const) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.style.marginInlineEnd = '0.5em';
    b.addEventListener('click', fn);
    box.append(b);
  }
  return box;
}
