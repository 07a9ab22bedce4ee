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
import type { Messages } from '../i18n/en.js';
import type { FirstLayerView } from '../content.js';
import { Dialog } from './dialog.js';
import { PrivacyChoicesIcon } from './icons.js';

export interface BannerProps {
  m: Messages;
  view: FirstLayerView;
  privacyPolicyUrl: string;
  layout: 'bar' | 'box' | 'modal';
  /** Offer the "Your Privacy Choices" entry point. */
  privacyChoices: boolean;
  /** Kept in the page (so focus can come back to "Customize") while a dialog is open. */
  hidden: boolean;
  id: string;
  onAcceptAll(): void;
  onRejectAll(): void;
  onCustomize(): void;
  onPrivacyChoices(): void;
}

export class Banner extends Component<BannerProps, { entering: boolean }> {
  override state = { entering: true };

  override componentDidMount() {
    // Two frames: the first paints the panel at 1% scale, the second at full size.
    requestAnimationFrame(() => requestAnimationFrame(() => this.setState({ entering: false })));
  }

  override render(p: BannerProps, { entering }: { entering: boolean }) {
    const { m, view } = p;
    const enter = entering ? ' a-enter' : '';
    const titleId = `${p.id}-title`;
    const body = (
      <>
        <h2 id={titleId}>{view.title}</h2>
        {view.paragraphs.map((text) => (
          <p>{text}</p>
        ))}
        <p>
          <a href={p.privacyPolicyUrl}>{m.privacyPolicy}</a>
        </p>
        <div class="a-actions">
          {view.asks ? (
            <>
              <button type="button" class="a-btn" onClick={p.onAcceptAll}>{m.acceptAll}</button>
              <button type="button" class="a-btn" onClick={p.onRejectAll}>{m.rejectAll}</button>
            </>
          ) : (
            p.privacyChoices && (
              <button type="button" class="a-btn" onClick={p.onPrivacyChoices}>
                <PrivacyChoicesIcon />
                {m.privacyChoices}
              </button>
            )
          )}
          <button type="button" class="a-btn" onClick={p.onCustomize}>{m.customize}</button>
          {!view.asks && <button type="button" class="a-btn" onClick={p.onAcceptAll}>{m.acknowledge}</button>}
        </div>
      </>
    );
    if (p.layout === 'modal')
      return (
        <Dialog labelledBy={titleId} class={`a-modal${enter}`} hidden={p.hidden}>
          {body}
        </Dialog>
      );
    return (
      <section class={`a-panel a-${p.layout}${enter}`} aria-labelledby={titleId} hidden={p.hidden}>
        <div>{body}</div>
      </section>
    );
  }
}
