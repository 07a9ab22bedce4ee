/**
 * mountUI(): puts the Assent UI on the page for a consent instance. It waits for the instance to
 * be ready (the region, hence the regime and language, is final then), loads the one catalogue it
 * needs, and shows the view asked for. Later `consent.open(view)` calls go through the same UI.
 */
import { visitorLanguage, type Consent, type UIView } from '@assent/sdk';
import { createUI, type DialogsModule, type UIHandle } from './controller.js';
import type { CatalogueLoader } from './i18n/loader.js';
import { buildMessages } from './i18n/messages.js';

export type { UIHandle } from './controller.js';

/** Options of {@link mountUI}. */
export interface MountOptions {
  /**
   * What to show first. `banner` shows the first layer only if the visitor must decide;
   * `preferences` and `privacy-choices` open that dialog.
   */
  view: UIView;
  /** Element to render into; default a new element at the start of `<body>` (first in Tab order). */
  container?: HTMLElement;
  /** CSP nonce for the `<style>` elements the UI inserts. */
  nonce?: string;
  /** UI language; default the site config's, then the regime's, then the page's `lang`, then the browser's. */
  lang?: string;
}

/** One UI per consent instance: a second mount (say, two opens racing) reuses it. */
const live = new WeakMap<Consent, UIHandle>();

const domReady = (doc: Document) =>
  doc.readyState === 'loading'
    ? new Promise<void>((r) => doc.addEventListener('DOMContentLoaded', () => r(), { once: true }))
    : Promise.resolve();

/** Mounts the UI; `load` and `dialogs` are what differ between builds. */
export function mount(consent: Consent, options: MountOptions, load: CatalogueLoader, dialogs: () => Promise<DialogsModule>): UIHandle {
  const existing = live.get(consent);
  if (existing) {
    if (options.view !== 'banner' || consent.needsDecision) existing.open(options.view);
    return existing;
  }
  let ui: UIHandle | null = null;
  // Opens asked for before the UI exists; the initial `banner` stands only if a decision is needed.
  let pending: UIView | null = options.view;
  let explicit = options.view !== 'banner';
  let destroyed = false;
  const offOpen = consent.on('open', ({ view }) => ui || ((pending = view), (explicit = true)));

  void (async () => {
    await Promise.all([consent.ready, domReady(document)]);
    const lang = visitorLanguage(consent.config, consent.regime, window, options.lang);
    const m = buildMessages(await load(lang), consent.config.texts[lang]);
    if (destroyed) return;
    offOpen();
    const initial = explicit || consent.needsDecision ? pending : null;
    ui = createUI({ consent, lang, firstLayerTexts: m, messages: Promise.resolve(m), dialogs, container: options.container, nonce: options.nonce }, initial);
  })().catch((err: unknown) => console.error('[assent] the consent UI could not start:', err));

  const handle: UIHandle = {
    open(view) {
      if (ui) ui.open(view);
      else [pending, explicit] = [view, true];
    },
    close() {
      if (ui) ui.close();
      else pending = null;
    },
    destroy() {
      destroyed = true;
      live.delete(consent);
      offOpen();
      ui?.destroy();
    },
  };
  live.set(consent, handle);
  return handle;
}
