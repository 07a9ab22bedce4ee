/**
 * "Your Privacy Choices" (US opt-out regimes): one switch to opt out of the sale or sharing of
 * personal information and targeted advertising. A Global Privacy Control signal is shown as an
 * opt-out already honoured.
 */
import { Component } from 'preact';
import type { Messages } from '../i18n/en.js';
import { Dialog } from './dialog.js';
import { PrivacyChoicesIcon } from './icons.js';
import { Switch } from './switch.js';

export interface PrivacyChoicesProps {
  m: Messages;
  gpc: boolean;
  /** The visitor is opted out now. */
  optedOut: boolean;
  /** A declared minor is always opted out. */
  minor: boolean;
  id: string;
  onSave(optOut: boolean): void;
  onClose(): void;
}

export class PrivacyChoices extends Component<PrivacyChoicesProps, { optOut: boolean }> {
  override state = { optOut: this.props.optedOut || this.props.gpc || this.props.minor };

  override render(p: PrivacyChoicesProps, { optOut }: { optOut: boolean }) {
    const { m } = p;
    const setOptOut = (on: boolean) => this.setState({ optOut: on });
    const titleId = `${p.id}-pc`;
    const labelId = `${p.id}-pc-switch`;
    return (
      <Dialog labelledBy={titleId} class="a-modal" onEscape={p.onClose}>
        <div class="a-head">
          <h2 id={titleId}>
            <PrivacyChoicesIcon /> {m.privacyChoices}
          </h2>
          <button type="button" class="a-x" aria-label={m.close} onClick={p.onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p>{m.privacyChoicesIntro}</p>
        {p.gpc && (
          <p class="a-gpc" role="status">
            {m.gpcHonored}
          </p>
        )}
        <div class="a-row">
          <span id={labelId}>{m.optOut}</span>
          <Switch checked={optOut} labelledBy={labelId} disabled={p.minor} onChange={setOptOut} />
        </div>
        <div class="a-actions">
          <button type="button" class="a-btn" onClick={() => p.onSave(optOut)}>{m.saveChoices}</button>
        </div>
      </Dialog>
    );
  }
}
