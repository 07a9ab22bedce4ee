/**
 * "Your Privacy Choices" (US opt-out regimes): one switch to opt out of the sale or sharing of
 * personal information and targeted advertising. A Global Privacy Control signal is shown as an
 * opt-out already honoured; a declared minor is always opted out.
 */
import { Component } from 'preact';
import { privacyChoicesIcon } from '@assent/sdk/widget';
import { saveOptOut, type DialogApp } from './app.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { Switch } from './switch.js';

export interface PrivacyChoicesProps {
  app: DialogApp;
}

/** The opt-out icon, the same vanilla SVG the widget and the first layer draw. */
const Icon = () => (
  <span
    ref={(el) => {
      if (el && !el.firstChild) el.append(privacyChoicesIcon(el.ownerDocument));
    }}
  />
);

export class PrivacyChoices extends Component<PrivacyChoicesProps, { optOut: boolean }> {
  override state = {
    optOut: !this.props.app.consent.get().advertising || this.props.app.consent.gpc || this.props.app.minor,
  };

  override render({ app }: PrivacyChoicesProps, { optOut }: { optOut: boolean }) {
    const { consent, m, id } = app;
    const titleId = `${id}-pc`;
    const labelId = `${id}-pc-switch`;
    return (
      <Dialog
        labelledBy={titleId}
        title={
          <>
            <Icon /> {m.privacyChoices}
          </>
        }
        closeLabel={m.close}
        onClose={app.close}
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
          <Button onClick={() => saveOptOut(app, optOut)}>{m.saveChoices}</Button>
        </div>
      </Dialog>
    );
  }
}
