/**
 * The UI controller, in plain DOM: which views are open, where focus goes back, and the one place
 * decisions leave the UI. It draws the first layer itself and asks for the dialogs (Preact) only
 * when one opens, so the script tag draws the banner from `assent.js` alone and downloads the
 * dialogs on "Customize". Every decision goes to the consent instance with the exact notice text
 * and a method; the UI never writes cookies or touches tags.
 */
import { RTL, type Consent, type DecisionOptions, type Language, type Method, type UIView } from '@assent/sdk';
import { noticeText, firstLayer } from './content.js';
import type { DialogApp, DialogView } from './dialogs/app.js';
import { renderFirstLayer, type FirstLayer } from './first-layer.js';
import type { FirstLayerTexts, Messages } from './i18n/en.js';
import { FIRST_LAYER_CSS, injectStyles } from './styles.js';

/** The dialogs' bundle: Preact, the two dialogs and their stylesheet. */
export interface DialogsModule {
  renderDialog(host: HTMLElement, view: DialogView | null, app: DialogApp): void;
  css: string;
}

/** What a controller works with. */
export interface UIEnv {
  /** The consent instance (on the script tag's pages, `window.Assent`). */
  consent: Consent;
  lang: Language;
  /** Texts to draw the first layer with now; without them it waits for `messages`. */
  firstLayerTexts?: FirstLayerTexts;
  /** The whole catalogue with the site's overrides: the dialogs and the recorded notice need it. */
  messages: Promise<Messages>;
  dialogs(): Promise<DialogsModule>;
  /** Where the UI goes; default a new element at the start of `<body>` (first in Tab order). */
  container?: HTMLElement;
  nonce?: string;
  /** Hears when the first layer opens and closes (the script tag hides its widget meanwhile). */
  onBanner?(open: boolean): void;
}

/** Control over a mounted UI. */
export interface UIHandle {
  /** Shows a view (the banner even when no decision is needed). */
  open(view: UIView): void;
  /** Closes every view. */
  close(): void;
  /** Removes the UI and stops listening to the consent instance. */
  destroy(): void;
}

let mounts = 0;

/** Creates the UI and shows `initial` (`null`: nothing until asked). The document must have a body. */
export function createUI(env: UIEnv, initial: UIView | null): UIHandle {
  const { consent } = env;
  const doc = env.container?.ownerDocument ?? document;
  const id = `assent-${++mounts}`;
  const host = doc.createElement('div');
  host.className = 'assent-ui';
  host.lang = env.lang;
  host.dir = RTL.includes(env.lang) ? 'rtl' : 'ltr';
  // Two `display: contents` slots, the banner first in reading order.
  const bannerHost = doc.createElement('div');
  const dialogHost = doc.createElement('div');
  host.append(bannerHost, dialogHost);
  if (env.container) env.container.append(host);
  else doc.body.prepend(host);

  // The catalogue once it has arrived: decisions and dialogs use it synchronously from then on.
  let m: Messages | undefined;
  env.messages.then((loaded) => (m = loaded), () => {});

  let banner: FirstLayer | null = null;
  let dialog: DialogView | null = null;
  /** The page element that had focus before the UI opened: focus returns there on close. */
  let pageFocus: HTMLElement | null = null;
  /** The UI element (say "Customize") that opened a dialog over the banner. */
  let opener: HTMLElement | null = null;
  let destroyed = false;
  let dialogs: DialogsModule | undefined;

  const focus = (el: HTMLElement | null) => el?.isConnected && el.focus();
  const minor = () => consent.config.declaredMinor || !!consent.record()?.declaredMinor;

  function showBanner(texts: FirstLayerTexts) {
    if (banner || destroyed) return;
    injectStyles(doc, FIRST_LAYER_CSS, 'assent-ui-css', env.nonce);
    const { config, regime } = consent;
    banner = renderFirstLayer(bannerHost, {
      texts,
      regime,
      layout: config.ui.layout,
      privacyPolicyUrl: config.privacyPolicyUrl,
      id,
      on: {
        acceptAll: () => decide('accept-all', (o) => consent.acceptAll(o)),
        rejectAll: () => decide('reject-all', (o) => consent.rejectAll(o)),
        // Opt-out and notice regimes: "OK" takes the notice as read (the core keeps GPC and minors out).
        acknowledge: () => decide('accept-all', (o) => consent.acceptAll(o)),
        customize: (b) => openDialog('preferences', b),
        privacyChoices: (b) => openDialog('privacy-choices', b),
      },
    });
    env.onBanner?.(true);
  }

  function removeBanner() {
    if (!banner) return;
    banner.remove();
    banner = null;
    env.onBanner?.(false);
  }

  function openDialog(view: DialogView, from?: HTMLElement) {
    opener = from ?? (host.contains(doc.activeElement) ? (doc.activeElement as HTMLElement) : null);
    dialog = view;
    Promise.all([env.dialogs(), env.messages]).then(
      ([mod, messages]) => {
        if (destroyed || dialog !== view) return;
        dialogs = mod;
        injectStyles(doc, FIRST_LAYER_CSS, 'assent-ui-css', env.nonce);
        injectStyles(doc, mod.css, 'assent-ui-dialog-css', env.nonce);
        banner?.hide(true);
        mod.renderDialog(dialogHost, view, app(messages));
      },
      (err: unknown) => console.error('[assent] the preferences could not open:', err),
    );
  }

  function closeDialog() {
    dialog = null;
    dialogs?.renderDialog(dialogHost, null, undefined as never);
    banner?.hide(false);
    focus(banner ? opener : pageFocus);
  }

  function close() {
    removeBanner();
    if (dialog) closeDialog();
    focus(pageFocus);
  }

  /** The notice shown: the whole catalogue's, or when that never came, the first layer itself. */
  function notice(method: Method): DecisionOptions['notice'] {
    if (m) return { language: env.lang, text: noticeText(m, consent, method) };
    const texts = env.firstLayerTexts!;
    const view = firstLayer(texts, consent.regime);
    return { language: env.lang, text: [view.title, ...view.paragraphs, `${texts.privacyPolicy}: ${consent.config.privacyPolicyUrl}`].join('\n') };
  }

  /** Records a decision with the notice shown, then closes the UI. Never lost: without texts it waits for them. */
  function decide(method: Method, run: (o: DecisionOptions) => void) {
    const go = () => {
      try {
        run({ method, notice: notice(method) });
      } catch (err) {
        console.error('[assent] decision not recorded:', err);
      }
    };
    if (m) go();
    else env.messages.then(go, go);
    close();
  }

  const app = (messages: Messages): DialogApp => ({ consent, m: messages, id, minor: minor(), close: closeDialog, decide });

  function open(view: UIView) {
    if (destroyed) return;
    const active = doc.activeElement as HTMLElement | null;
    if (active && active !== doc.body && !host.contains(active)) pageFocus = active;
    if (view !== 'banner') return openDialog(view);
    if (env.firstLayerTexts) showBanner(env.firstLayerTexts);
    else env.messages.then(showBanner, (err: unknown) => console.error('[assent] the banner could not open:', err));
  }

  const offOpen = consent.on('open', ({ view }) => open(view));
  // A decision made elsewhere (API, a content placeholder, another tab) ends the need for the banner.
  const offChange = consent.on('change', () => {
    if (!consent.needsDecision) close();
  });
  if (initial) open(initial);

  return {
    open,
    close,
    destroy() {
      destroyed = true;
      offOpen();
      offChange();
      dialogs?.renderDialog(dialogHost, null, undefined as never);
      removeBanner();
      host.remove();
    },
  };
}
