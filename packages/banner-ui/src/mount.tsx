/**
 * mountUI(): puts the Assent UI on the page for a consent instance. It waits for the instance to
 * be ready (the region, hence the regime and language, is final then), loads the one catalogue it
 * needs, and renders. Later `consent.open(view)` calls go through the same UI.
 */
import { render } from 'preact';
import { resolveLanguage, RTL, type Consent, type Language, type UIView } from '@assent/sdk';
import { App, type Controller } from './components/app.js';
import type { CatalogueLoader } from './i18n/loader.js';
import { buildMessages } from './i18n/messages.js';
import { injectStyles } from './styles.js';

/** Options of {@link mountUI}. */
export interface MountOptions {
  /**
   * What to show first. `banner` shows the first layer only if the visitor must decide;
   * `preferences` and `privacy-choices` open that dialog.
   */
  view: UIView;
  /** Element to render into; default a new element at the start of `<body>` (first in Tab order). */
  container?: HTMLElement;
  /** CSP nonce for the `<style>` element the UI inserts (and the language script it loads). */
  nonce?: string;
  /** UI language; default the site config's, then the regime's, then the page's `lang`, then English. */
  lang?: string;
}

/** Control over a mounted UI. */
export interface UIHandle {
  /** Shows a view (the banner even when no decision is needed). */
  open(view: UIView): void;
  /** Closes every view. */
  close(): void;
  /** Unmounts the UI and stops listening to the consent instance. */
  destroy(): void;
}

let mounts = 0;
/** One UI per consent instance: a second mount (say, two opens racing the UI download) reuses it. */
const live = new WeakMap<Consent, UIHandle>();

const domReady = (doc: Document) =>
  doc.readyState === 'loading'
    ? new Promise<void>((r) => doc.addEventListener('DOMContentLoaded', () => r(), { once: true }))
    : Promise.resolve();

/** The UI language: explicit option, site config, regime default, page `lang`, English. */
export const uiLanguage = (consent: Consent, doc: Document, lang?: string): Language =>
  resolveLanguage(lang, consent.config.language, consent.regime.language || undefined, doc.documentElement.lang);

/** Mounts the UI; `load` is what differs between the npm and script-tag builds. */
export function mount(consent: Consent, options: MountOptions, load: CatalogueLoader): UIHandle {
  const existing = live.get(consent);
  if (existing) {
    if (options.view !== 'banner' || consent.needsDecision) existing.open(options.view);
    return existing;
  }
  const doc = document;
  const id = `assent-${++mounts}`;
  const host = doc.createElement('div');
  host.className = 'assent-ui';
  let controller: Controller | null = null;
  let pending: UIView | null = options.view;
  // The initial `banner` request stands only if a decision is needed; explicit opens always do.
  let explicit = options.view !== 'banner';
  let destroyed = false;

  const offOpen = consent.on('open', ({ view }) => handle.open(view));
  // A decision made elsewhere (API, a content placeholder) ends the need for the banner.
  const offChange = consent.on('change', () => {
    if (!consent.needsDecision) controller?.close();
  });

  void (async () => {
    await Promise.all([consent.ready, domReady(doc)]);
    const lang = uiLanguage(consent, doc, options.lang);
    injectStyles(doc, options.nonce);
    const m = buildMessages(await load(lang), consent.config.texts[lang]);
    if (destroyed) return;
    host.lang = lang;
    host.dir = RTL.includes(lang) ? 'rtl' : 'ltr';
    if (options.container) options.container.append(host);
    else doc.body.prepend(host);
    const initial = explicit || consent.needsDecision ? pending : null;
    render(<App consent={consent} m={m} lang={lang} id={id} initial={initial} bind={(c) => (controller = c)} />, host);
  })().catch((err: unknown) => console.error('[assent] the consent UI could not start:', err));

  const handle: UIHandle = {
    open(view) {
      if (controller) controller.open(view);
      else [pending, explicit] = [view, true];
    },
    close() {
      if (controller) controller.close();
      else pending = null;
    },
    destroy() {
      destroyed = true;
      live.delete(consent);
      offOpen();
      offChange();
      render(null, host);
      host.remove();
    },
  };
  live.set(consent, handle);
  return handle;
}
