/**
 * A modal dialog: a backdrop, focus moved in on open, Tab and Shift+Tab kept inside, Escape
 * handed to `onEscape`. The caller restores focus when it closes the dialog.
 */
import { Component, createRef, type ComponentChildren } from 'preact';

const FOCUSABLE = 'a[href],button:not([disabled]),summary,[tabindex="0"]';

/** Inside a closed <details>, only its summary can take focus. */
function hiddenByDetails(el: Element): boolean {
  for (let d = el.parentElement?.closest('details'); d; d = d.parentElement?.closest('details')) {
    if (!d.open && !d.querySelector(':scope>summary')?.contains(el)) return true;
  }
  return false;
}

export function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && !hiddenByDetails(el));
}

export interface DialogProps {
  labelledBy: string;
  /** Extra class: the layout of the panel. */
  class: string;
  onEscape?: () => void;
  /** Kept in the page but not shown (the modal banner while preferences are open over it). */
  hidden?: boolean;
  children: ComponentChildren;
}

export class Dialog extends Component<DialogProps> {
  box = createRef<HTMLDivElement>();

  override componentDidMount() {
    this.box.current?.focus();
  }

  onKeyDown = (e: KeyboardEvent) => {
    const box = this.box.current;
    if (!box) return;
    if (e.key === 'Escape' && this.props.onEscape) {
      e.preventDefault();
      e.stopPropagation();
      this.props.onEscape();
    } else if (e.key === 'Tab') {
      const items = focusables(box);
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
  };

  override render({ labelledBy, class: cls, hidden, children }: DialogProps) {
    return (
      <>
        <div class="a-backdrop" hidden={hidden} />
        <div
          hidden={hidden}
          ref={this.box}
          role="dialog"
          aria-modal="true"
          aria-labelledby={labelledBy}
          tabIndex={-1}
          class={`a-panel ${cls}`}
          onKeyDown={this.onKeyDown}
        >
          {children}
        </div>
      </>
    );
  }
}
