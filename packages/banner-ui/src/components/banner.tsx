/**
 * The first layer. Opt-in regimes ask: "Accept all", "Reject all" and "Customize", one style and
 * size for all three. Opt-out and notice regimes inform: "Your Privacy Choices" (US rows),
 * "Customize" and an acknowledgement. Non-blocking unless the site chose the modal layout.
 *
 * The panel's first frame is painted at 1% scale and it is full size from the next frame on, with
 * no transition. Chromium takes an element's Largest Contentful Paint size from its first paint
 * only, so the banner (not the page's content) does not become the page's LCP element; it is
 * readable one frame (about 16 ms) after insertion. bench/ui.mjs measures both.
 */
import { Component } from 'preact';
import { firstLayer } from '../content.js';
import type { App } from './app.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { PrivacyChoicesIcon } from './icons.js';

export interface BannerProps {
  app: App;
  /** Kept in the page (so focus can come back to "Customize") while a dialog is open. */
  hidden: boolean;
}

export class Banner extends Component<BannerProps, { entering: boolean }> {
  override state = { entering: true };

  override componentDidMount() {
    // Two frames: the first paints the panel at 1% scale, the second at full size.
    requestAnimationFrame(() => requestAnimationFrame(() => this.setState({ entering: false })));
  }

  override render({ app, hidden }: BannerProps, { entering }: { entering: boolean }) {
    const { consent, m, id } = app.props;
    const { config, regime } = consent;
    const view = firstLayer(m, regime);
    const cls = `a-${config.ui.layout}${entering ? ' a-enter' : ''}`;
    const titleId = `${id}-title`;
    const body = (
      <>
        <h2 id={titleId}>{view.title}</h2>
        {view.paragraphs.map((text) => (
          <p>{text}</p>
        ))}
        <p>
          <a href={config.privacyPolicyUrl}>{m.privacyPolicy}</a>
        </p>
        <div class="a-actions">
          {view.asks ? (
            <>
              <Button onClick={app.acceptAll}>{m.acceptAll}</Button>
              <Button onClick={app.rejectAll}>{m.rejectAll}</Button>
            </>
          ) : (
            regime.privacyChoices && (
              <Button onClick={() => app.open('privacy-choices')}>
                <PrivacyChoicesIcon />
                {m.privacyChoices}
              </Button>
            )
          )}
          <Button onClick={() => app.open('preferences')}>{m.customize}</Button>
          {!view.asks && <Button onClick={app.acceptAll}>{m.acknowledge}</Button>}
        </div>
      </>
    );
    return config.ui.layout === 'modal' ? (
      <Dialog labelledBy={titleId} class={cls} hidden={hidden}>
        {body}
      </Dialog>
    ) : (
      <section class={`a-panel ${cls}`} aria-labelledby={titleId} hidden={hidden}>
        <div>{body}</div>
      </section>
    );
  }
}
