/**
 * The script-tag entry (`assent.js`), on every page. It installs the gate at once (before the
 * config arrives, cross-origin insertions are held), then either replays the saved verdict for a
 * returning visitor whose inputs have not changed (the fast path: no engine, no UI) or loads the
 * engine (`assent-core.js`), and the UI (`assent-ui.js`) when the visitor must decide or opens a
 * view. `window.Assent` is the same object on both paths. Any failure leaves every gated tag blocked.
 */
import type { Consent, UIView } from '@assent/sdk';
import { ACTIVE, SDK_VERSION, createGate, dataLayerOf, pack, readCookies, renderWidget } from '@assent/sdk/internal';
import type { Engine, EngineStart, EngineStarted } from './engine.js';
import { createFacade } from './facade.js';
import { readSnapshot, type PageInputs, type Snapshot } from './saved-verdict.js';

interface UIModule {
  mountUI(consent: Consent, options: { view: UIView; nonce?: string }): { open(view: UIView): void };
}
type AssentWindow = Window &
  typeof globalThis & { Assent?: Consent | Array<(a: Consent) => void>; AssentUI?: UIModule; AssentCore?: Engine };

const win = window as AssentWindow;
const doc = document;
const script = (doc.currentScript ?? doc.querySelector('script[data-assent-config]')) as HTMLScriptElement | null;
// Never `undefined` where it matters: without the script, boot stops at the missing config.
const attr = (name: string) => script?.getAttribute(`data-assent-${name}`) as string | null;
const nonce = script?.nonce || undefined;
/**
 * The URL of `assent-<name>.js`, or of the file the config or `data-assent-<name>` names instead,
 * relative to `assent.js`. Our own files carry the version, so a cached engine or UI from another
 * release is never mixed in.
 */
const own = (name: 'ui' | 'core', src?: string) =>
  new URL(src ?? attr(name) ?? `assent-${name}.js?v=${SDK_VERSION}`, script?.src || doc.baseURI).href;

/** Loads one of Assent's own bundles (with the page's nonce) and returns the global it defines. */
function load<K extends 'AssentUI' | 'AssentCore'>(src: string, name: K): Promise<NonNullable<AssentWindow[K]>> {
  return new Promise((resolve, reject) => {
    const s = doc.createElement('script');
    // Ours, so the gate lets it through: before the config arrives it holds every cross-origin
    // script, and assent.js may be served from another origin (a CDN).
    s.setAttribute(ACTIVE, '');
    s.src = src;
    if (nonce) s.nonce = nonce;
    // A network error, or a file that is not the bundle (no global): either way it could not load.
    s.onload = s.onerror = () => (win[name] ? resolve(win[name]!) : reject(new Error(`could not load ${src}`)));
    doc.head.append(s);
  });
}

/** Reports a failure that leaves the page running. */
const report = (err: Error) => console.error(`[assent] ${err.message}`);

async function loadConfigText(): Promise<string> {
  const src = attr('config');
  if (!src) throw new Error('data-assent-config is missing');
  if (src.trim().startsWith('{')) return src;
  // Resolved against the page and sent with same-origin credentials: fetch's defaults.
  const res = await fetch(src);
  if (!res.ok) throw new Error(`config ${src} answered ${res.status}`);
  return res.text();
}

// The gate goes in before anything else: while the config loads, every cross-origin script,
// iframe and image that page code inserts is held, then released or kept once the config says.
const gate = createGate(win);

let uiModule: Promise<UIModule> | undefined;
const loadUI = (src?: string) => (uiModule ??= load(own('ui', src), 'AssentUI'));

async function boot(): Promise<void> {
  const page: PageInputs = { configText: await loadConfigText(), regionAttr: attr('region') };
  let snap = readSnapshot(win, page, Date.now());
  // Consent Mode hears first what the engine would announce on this page before anything runs
  // (gtag commands as `arguments` objects, events as they are); the engine resumes from there.
  for (const e of snap?.dataLayer ?? []) dataLayerOf(win).push(Array.isArray(e) ? pack(...e) : e);
  const resume = snap ?? undefined;
  let region: EngineStart['region'] = page.regionAttr === null ? undefined : { code: page.regionAttr, source: 'attribute' };
  const sync = snap?.config.serverSync;
  if (snap && !region && sync) {
    // The saved verdict holds only in the region it was made in: ask first, tags wait meanwhile.
    // A failed or different answer sends the page to the engine, which asks again and says why.
    const code = await Promise.race([
      fetch(`${sync.url}/v1/region`, { credentials: 'omit' })
        .then((r) => r.json() as Promise<{ region?: unknown }>)
        .then((b) => b?.region, () => undefined),
      new Promise<undefined>((r) => setTimeout(r, sync.regionTimeoutMs)),
    ]);
    if (code === snap.regime.region) region = { code: snap.regime.region, source: 'endpoint' };
    else snap = null;
  }

  let started: Promise<EngineStarted> | undefined;
  const engine = () =>
    (started ??= load(own('core'), 'AssentCore').then((m) => {
      const s = m.start({ version: SDK_VERSION, page, region, gate, resume, ui: firstUI, nonce });
      facade.adopt(s.consent);
      return s;
    }));
  const facade = createFacade(() => engine().then((s) => s.consent), gate.destroy, snap);
  const { api } = facade;

  let widget: () => Snapshot['widget'];
  let firstUI: string | undefined;
  if (snap) {
    // Placeholders need the engine's labels: a page with a blocked embed loads it.
    gate.configure(snap.config, { allows: api.allows, placeholder: () => void engine().catch(report) });
    widget = () => snap!.widget;
  } else {
    // No consent cookie: this visitor will be asked, so fetch the UI beside the engine, not after it.
    const raw = JSON.parse(page.configText) as { cookie?: { name?: unknown }; ui?: { src?: unknown } };
    const name = raw.cookie?.name;
    if (!readCookies(doc, typeof name === 'string' ? name : 'assent').length) {
      const src = raw.ui?.src;
      firstUI = own('ui', typeof src === 'string' ? src : undefined);
      loadUI(firstUI).catch(() => {}); // showUI reports a failure
    }
    widget = (await engine()).widget;
  }

  // Page code that ran before this async script may have queued callbacks: `(window.Assent ||= []).push(fn)`.
  const queued = win.Assent;
  win.Assent = api;

  let ui: Promise<[UIModule, EngineStarted]> | undefined;
  let mounted: { open(view: UIView): void } | undefined;
  const showUI = (view: UIView) => {
    if (mounted) return; // the mounted UI listens to the engine's `open` itself
    ui ??= Promise.all([loadUI(api.config.ui.src), engine()]);
    ui.then(
      ([m, s]) => (mounted ??= m.mountUI(s.consent, { view, nonce })),
      report,
    );
  };
  api.on('open', ({ view }) => showUI(view));
  doc.addEventListener('click', (e) => {
    const opener = (e.target as Element | null)?.closest?.('[data-assent-open]');
    if (!opener) return;
    e.preventDefault();
    api.open(opener.getAttribute('data-assent-open') === 'privacy-choices' ? 'privacy-choices' : 'preferences');
  });

  // The fast path never waits for the engine (a placeholder may have asked for it meanwhile).
  if (!snap) await (await engine()).consent.ready;
  // Drawn once the region is known: its language and the US "Your Privacy Choices" entry depend on it.
  const { hidden, position } = api.config.ui.widget;
  const drawWidget = () =>
    renderWidget(doc, widget(), { side: position === 'bottom-left' ? 'left' : 'right', privacyChoices: api.regime.privacyChoices, open: api.open }, doc.body);
  if (!hidden) doc.body ? drawWidget() : doc.addEventListener('DOMContentLoaded', drawWidget, { once: true });
  if (Array.isArray(queued)) for (const fn of queued) if (typeof fn === 'function') fn(api);
  facade.settle();
  // The page hears it as a DOM event too (the engine sends `assent:change` and `assent:withdraw`).
  doc.dispatchEvent(new CustomEvent('assent:ready', { detail: { decisions: api.get(), needsDecision: api.needsDecision } }));
  if (api.needsDecision) showUI('banner');
}

boot().catch((err: Error) => console.error(`[assent] not started, every gated tag stays blocked: ${err.message}`));
