/**
 * A modal dialog: a backdrop, focus moved in on open, Tab and Shift+Tab kept inside. It shows the
 * title and a close button, and Escape closes it too; the controller restores focus when it closes.
 */
import { Component, createRef, type ComponentChildren } from 'preact';
import { trapTab } from '../focus-trap.js';

export interface DialogProps {
  /** Id of the title this dialog renders, which names it. */
  labelledBy: string;
  title: ComponentChildren;
  closeLabel: string;
  onClose(): void;
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
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.props.onClose();
    } else trapTab(box, e);
  };

  override render({ labelledBy, title, closeLabel, onClose, children }: DialogProps) {
    return (
      <>
        <div class="a-backdrop" />
        <div
          ref={this.box}
          role="dialog"
          aria-modal="true"
          aria-labelledby={labelledBy}
          tabIndex={-1}
          class="a-panel a-modal"
          onKeyDown={this.onKeyDown}
        >
          <div class="a-head">
            <h2 id={labelledBy}>{title}</h2>
            <button type="button" class="a-x" aria-label={closeLabel} onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {children}
        </div>
      </>
    );
  }
}
