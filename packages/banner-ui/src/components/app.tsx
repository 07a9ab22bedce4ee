/**
 * The UI's root: which views are open, where focus goes back, and the one place decisions leave
 * the UI. Every decision goes to the consent instance with the exact notice text and a method;
 * the UI itself never writes cookies or touches tags.
 */
import { Component, createRef } from 'preact';
import type { Consent, DecisionOptions, Method, UIView } from '@assent/sdk';
import type { Messages } from '../i18n/en.js';
import { categories, firstLayer, noticeText } from '../content.js';
import { Banner } from './banner.js';
import { Preferences, type Selection } from './preferences.js';
import { PrivacyChoices } from './privacy-choices.js';

/** How the mount handle drives the mounted app. */
export interface Controller {
  open(view: UIView): void;
  close(): void;
}

export interface AppProps {
  consent: Consent;
  m: Messages;
  lang: string;
  /** Prefix of element ids, unique per mount. */
  id: string;
  initial: UIView | null;
  bind(controller: Controller | null): void;
}

type DialogView = Exclude<UIView, 'banner'>;

interface AppState {
  banner: boolean;
  dialog: DialogView | null;
}

const isMinor = (c: Consent) => c.config.declaredMinor || !!c.record()?.declaredMinor;

function currentSelection(consent: Consent, minor: boolean): Selection {
  const { necessary: _, ...cats } = consent.get();
  return { categories: { ...cats, advertising: cats.advertising && !minor }, services: consent.services() };
}

export class App extends Component<AppProps, AppState> implements Controller {
  override state: AppState = {
    banner: this.props.initial === 'banner',
    dialog: this.props.initial === 'banner' ? null : this.props.initial,
  };
  root = createRef<HTMLDivElement>();
  /** The page element that had focus before the UI opened: focus returns there on close. */
  pageFocus: HTMLElement | null = null;
  /** The UI element (say "Customize") that opened a dialog over the banner. */
  dialogOpener: HTMLElement | null = null;
  focusNext: HTMLElement | null = null;

  override componentDidMount() {
    this.props.bind(this);
  }
  override componentWillUnmount() {
    this.props.bind(null);
  }
  override componentDidUpdate() {
    const el = this.focusNext;
    this.focusNext = null;
    if (el?.isConnected) el.focus();
  }

  open(view: UIView) {
    const el = document.activeElement as HTMLElement | null;
    const inUI = !!el && !!this.root.current?.contains(el);
    if (el && el !== document.body && !inUI) this.pageFocus = el;
    if (view === 'banner') return this.setState({ banner: true });
    this.dialogOpener = inUI ? el : null;
    this.setState({ dialog: view });
  }

  close = () => {
    this.focusNext = this.pageFocus;
    this.setState({ banner: false, dialog: null });
  };

  closeDialog = () => {
    this.focusNext = this.state.banner ? this.dialogOpener : this.pageFocus;
    this.setState({ dialog: null });
  };

  decide(method: Method, view: 'consent' | 'privacy-choices', run: (o: DecisionOptions) => void) {
    const { consent, m, lang } = this.props;
    try {
      run({ method, notice: { language: lang, text: noticeText(m, consent, view) } });
    } finally {
      this.close();
    }
  }

  acceptAll = () => this.decide('accept-all', 'consent', (o) => this.props.consent.acceptAll(o));
  rejectAll = () => this.decide('reject-all', 'consent', (o) => this.props.consent.rejectAll(o));

  save = (sel: Selection) =>
    this.decide('custom', 'consent', (o) => {
      const { consent } = this.props;
      const { config } = consent;
      const services: Record<string, boolean> = {};
      for (const s of config.services) services[s.id] = sel.categories[s.category] && sel.services[s.id] !== false;
      const chosen = Object.fromEntries(config.categories.map((c) => [c, sel.categories[c]]));
      consent.set({ ...chosen, services }, o);
    });

  saveOptOut = (optOut: boolean) =>
    this.decide('privacy-choices', 'privacy-choices', (o) => this.props.consent.setSaleShareOptOut(optOut, o));

  override render({ consent, m, id }: AppProps, { banner, dialog }: AppState) {
    const { config, regime } = consent;
    const minor = isMinor(consent);
    return (
      <div ref={this.root}>
        {banner && (
          <Banner
            m={m}
            id={id}
            view={firstLayer(m, regime)}
            privacyPolicyUrl={config.privacyPolicyUrl}
            layout={config.ui.layout}
            privacyChoices={regime.privacyChoices}
            hidden={dialog !== null}
            onAcceptAll={this.acceptAll}
            onRejectAll={this.rejectAll}
            onCustomize={() => this.open('preferences')}
            onPrivacyChoices={() => this.open('privacy-choices')}
          />
        )}
        {dialog === 'preferences' && (
          <Preferences
            m={m}
            id={id}
            cats={categories(m, config)}
            initial={currentSelection(consent, minor)}
            minor={minor}
            onClose={this.closeDialog}
            onAcceptAll={this.acceptAll}
            onRejectAll={this.rejectAll}
            onSave={this.save}
          />
        )}
        {dialog === 'privacy-choices' && (
          <PrivacyChoices
            m={m}
            id={id}
            gpc={consent.gpc}
            optedOut={!consent.get().advertising}
            minor={minor}
            onClose={this.closeDialog}
            onSave={this.saveOptOut}
          />
        )}
      </div>
    );
  }
}
