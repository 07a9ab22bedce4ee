/**
 * A modal dialog: a backdrop, focus moved in on open, Tab and Shift+Tab kept inside. With a
 * `head`, it shows the title and a close button, and Escape closes it too; the caller restores
 * focus when it closes the dialog.
 */
import { Component, createRef, type ComponentChildren } from 'preact';

const FOCUSABLE = 'a[href],button:not([disabled]),summary,[tabindex="0"]';
/** Not focusable although matched above: inside a hidden element, or a closed <details> (bar its summary). */
const UNREACHABLE = '[hidden] *,details:not([open]) :not(summary) *';

export interface DialogProps {
  /** Id of the element naming the dialog (with `head`, the title this dialog renders). */
  labelledBy: string;
  /** Extra class: the layout of the panel. */
  class: string;
  head?: { title: ComponentChildren; closeLabel: string; onClose(): void };
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
    const { head } = this.props;
    if (!box) return;
    if (e.key === 'Escape' && head) {
      e.preventDefault();
      e.stopPropagation();
      head.onClose();
    } else if (e.key === 'Tab') {
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
  };

  override render({ labelledBy, class: cls, head, hidden, children }: DialogProps) {
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
          {head && (
            <div class="a-head">
              <h2 id={labelledBy}>{head.title}</h2>
              <button type="button" class="a-x" aria-label={head.closeLabel} onClick={head.onClose}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          )}
          {children}
        </div>
      </>
    );
  }
}
