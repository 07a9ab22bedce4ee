/**
 * Keeps Tab and Shift+Tab inside a modal box: the vanilla modal first layer and the Preact dialogs
 * share it, so both trap focus the same way.
 */
const FOCUSABLE = 'a[href],button:not([disabled]),summary,[tabindex="0"]';
/** Not focusable although matched above: inside a hidden element, or a closed <details> (bar its summary). */
const UNREACHABLE = '[hidden] *,details:not([open]) :not(summary) *';

/** Handles a keydown in `box`: a Tab past either end wraps around. Other keys are left alone. */
export function trapTab(box: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.matches(UNREACHABLE));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return e.preventDefault();
  const active = box.ownerDocument.activeElement;
  if (e.shiftKey && (active === first || active === box)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
