/**
 * "Your Privacy Choices" (US opt-out regimes): one switch to opt out of the sale or sharing of
 * personal information and targeted advertising. A Global Privacy Control signal is shown as an
 * opt-out already honoured; a declared minor is always opted out.
 */
import { Component } from 'preact';
import type { App } from './app.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { PrivacyChoicesIcon } from './icons.js';
import { Switch } from './switch.js';

export interface PrivacyChoicesProps {
  app: App;
}

export class PrivacyChoices extends Component<PrivacyChoicesProps, { optOut: boolean }> {
  override state = {
    optOut: !this.props.app.props.consent.get().advertising || this.props.app.props.consent.gpc || this.props.app.minor,
  };

  override render({ app }: PrivacyChoicesProps, { optOut }: { optOut: boolean }) {
    const { consent, m, id } = app.props;
    const titleId = `${id}-pc`;
    const labelId = `${id}-pc-switch`;
    return (
      <Dialog
        labelledBy={titleId}
        class="a-modal"
        head={{
          title: (
            <>
              <PrivacyChoicesIcon /> {m.privacyChoices}
            </>
          ),
          closeLabel: m.close,
          onClose: app.closeDialog,
        }}
      >
        <p>{m.privacyChoicesIntro}</p>
        {consent.gpc && (
          <p class="a-gpc" role="status">
            {m.gpcHonored}
          </p>
        )}
        <div class="a-row">
          <span id={labelId}>{m.optOut}</span>
          <Switch checked={optOut} labelledBy={labelId} disabled={app.minor} onChange={(on) => this.setState({ optOut: on })} />
        </div>
        <div class="a-actions">
          <Button onClick={() => app.saveOptOut(optOut)}>{m.saveChoices}</Button>
        </div>
      </Dialog>
    );
  }
}
