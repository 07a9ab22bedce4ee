/**
 * The UI's root: which views are open, where focus goes back, and the one place decisions leave
 * the UI. Every decision goes to the consent instance with the exact notice text and a method;
 * the UI itself never writes cookies or touches tags. The views get this App and read the consent
 * instance, texts and actions from it.
 */
import { Component, createRef } from 'preact';
import type { Consent, DecisionOptions, Method, UIView } from '@assent/sdk';
import type { Messages } from '../i18n/en.js';
import { noticeText } from '../content.js';
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

interface AppState {
  banner: boolean;
  dialog: Exclude<UIView, 'banner'> | null;
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

  /** A declared minor: advertising stays off and cannot be switched on. */
  get minor(): boolean {
    const { consent } = this.props;
    return consent.config.declaredMinor || !!consent.record()?.declaredMinor;
  }

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

  open = (view: UIView) => {
    const el = document.activeElement as HTMLElement | null;
    const inUI = !!el && !!this.root.current?.contains(el);
    if (el && el !== document.body && !inUI) this.pageFocus = el;
    if (view === 'banner') return this.setState({ banner: true });
    this.dialogOpener = inUI ? el : null;
    this.setState({ dialog: view });
  };

  close = () => {
    this.focusNext = this.pageFocus;
    this.setState({ banner: false, dialog: null });
  };

  closeDialog = () => {
    this.focusNext = this.state.banner ? this.dialogOpener : this.pageFocus;
    this.setState({ dialog: null });
  };

  decide(method: Method, run: (o: DecisionOptions) => void) {
    const { consent, m, lang } = this.props;
    try {
      run({ method, notice: { language: lang, text: noticeText(m, consent, method) } });
    } finally {
      this.close();
    }
  }

  acceptAll = () => this.decide('accept-all', (o) => this.props.consent.acceptAll(o));
  rejectAll = () => this.decide('reject-all', (o) => this.props.consent.rejectAll(o));

  save = (sel: Selection) =>
    this.decide('custom', (o) => {
      const { consent } = this.props;
      const { config } = consent;
      const services: Record<string, boolean> = {};
      for (const s of config.services) services[s.id] = sel.categories[s.category] && sel.services[s.id] !== false;
      const chosen = Object.fromEntries(config.categories.map((c) => [c, sel.categories[c]]));
      consent.set({ ...chosen, services }, o);
    });

  saveOptOut = (optOut: boolean) => this.decide('privacy-choices', (o) => this.props.consent.setSaleShareOptOut(optOut, o));

  override render(_: AppProps, { banner, dialog }: AppState) {
    return (
      <div ref={this.root}>
        {banner && <Banner app={this} hidden={!!dialog} />}
        {dialog === 'preferences' && <Preferences app={this} />}
        {dialog === 'privacy-choices' && <PrivacyChoices app={this} />}
      </div>
    );
  }
}
