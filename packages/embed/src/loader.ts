/**
 * `assent.js`, the script-tag entry on every page: synchronous and first in `<head>`, so that
 * before it returns the guard holds every insertion toward another origin, the network hold is in
 * place (a config URL), and Consent Mode has its `default`. Then:
 * - a returning visitor whose inputs have not changed gets the saved verdict replayed: tags,
 *   Consent Mode and the widget, with no other file;
 * - a first visitor gets the first layer drawn from this file alone (its texts are built in; a
 *   language file, when needed, one round trip after this file, never a chain). Where the regime
 *   grants nothing before a decision, the engine (`assent-core.js`) waits for the visitor to act;
 *   elsewhere it comes beside the language file;
 * - anyone else gets the engine, which decides and records.
 * The dialogs (`assent-ui.js`) load when a visitor opens one. Any failure leaves every gated tag
 * blocked.
 */
import type { Regime, SiteConfig, UIView } from '@assent/sdk';
import { createUI, type DialogsModule, type UIHandle } from '@assent/banner-ui/internal';
import {
  ACTIVE,
  RTL,
  SDK_VERSION,
  runVendorCalls,
  SHARED,
  askRegion,
  createGate,
  grantsOf,
  keptDecisionCookie,
  parseConfig,
  readCookies,
  readDnt,
  readGpc,
  regimeDefaults,
  regimeOf,
  regionFrom,
  renderWidget,
  visitorLanguage,
  type Announced,
  type DecisionState,
  type Language,
  type RegionState,
  type WidgetLabels,
} from '@assent/sdk/internal';
import { createAnnouncer } from './announce.js';
import { BUILT_IN } from './built-in-texts.js';
import { catalogueLoader, type Catalogue } from './catalogue.js';
import { createFacade, firstVisitView, verdictView, type PendingCall } from './facade.js';
import { isInline, readPage, warnIfLate, warnIfTagsRanFirst } from './page.js';
import type { AssentWindow, EngineStarted } from './protocol.js';
import { keepOnLeave, takePending } from './pending-decision.js';
import { readVerdict, type PageInputs, type Verdict } from './saved-verdict.js';

const win = window as AssentWindow & { AssentUI?: DialogsModule };
const doc = document;
const page = readPage(doc, SDK_VERSION);
/** Reports a failure that leaves the page running. */
const report = (err: Error) => console.error(`[assent] ${err.message}`);

warnIfLate(win, page);
const inline = page.config !== null && isInline(page.config);
/** Whether a config names vendor presets: their table (`assent-presets.js`) must arrive before it can be validated. */
const namesPresets = (raw: unknown) =>
  Array.isArray((raw as { services?: unknown } | null)?.services) && (raw as { services: unknown[] }).services.some((s) => !!s && typeof s === 'object' && 'preset' in s);
let inlineRaw: unknown;
try {
  inlineRaw = inline ? JSON.parse(page.config!) : undefined;
} catch {
  // Reported where the config is read.
}
/** The config is known before assent.js returns: inline, and complete without the presets table. */
const known = inline && !namesPresets(inlineRaw);
// The gate goes in before anything else: while the config is not known, every cross-origin
// script, iframe and image that page code inserts is held, and every cross-origin request, then
// released or kept once the config says.
const gate = createGate(win, { holdNetwork: !known });
const announcer = createAnnouncer(win);
const signals = { gpc: readGpc(navigator), dnt: readDnt(navigator, win) };
// Assent's own requests (the config, the region) are not the page's: they never wait for the hold.
const ownFetch = win.fetch.bind(win);

/** What Consent Mode is told of a decision state. */
const announced = (s: DecisionState): Announced => ({
  decisions: grantsOf(s),
  services: Object.fromEntries(Object.entries(s.services).map(([id, d]) => [id, d.granted])),
});
/** A regime's defaults for this visitor, before any record (a declared minor is the config's to say here). */
const defaultsOf = (regime: Regime, config: SiteConfig) => announced(regimeDefaults(regime, config, { ...signals, minor: config.declaredMinor }));

const loading = new Map<string, Promise<unknown>>();
/** Loads one of Assent's own bundles (once, with the page's nonce) and returns the global it defines. */
function load<K extends 'AssentUI' | 'AssentCore' | 'AssentPresets'>(src: string, name: K): Promise<NonNullable<(typeof win)[K]>> {
  // The engine borrows the functions both files need from this one (sdk/src/shared.ts).
  win.AssentShared = SHARED;
  let p = loading.get(src) as Promise<NonNullable<(typeof win)[K]>> | undefined;
  if (!p)
    loading.set(
      src,
      (p = new Promise((resolve, reject) => {
        const s = doc.createElement('script');
        // Ours, so the gate lets it through: before the config arrives it holds every cross-origin
        // script, and assent.js may be served from another origin (a CDN).
        s.setAttribute(ACTIVE, '');
        s.src = src;
        if (page.nonce) s.nonce = page.nonce;
        // A network error, or a file that is not the bundle (no global): either way it could not load.
        s.onload = s.onerror = () => (win[name] ? resolve(win[name]!) : reject(new Error(`could not load ${src}`)));
        doc.head.append(s);
      })),
    );
  return p;
}

/** Runs `fn` once the document has a body (the UI and the widget go there). */
/**
 * Runs `fn` as soon as the document has a body: the parser creates `<body>` long before the page
 * is parsed, and the banner can be painted with the page's first content rather than after it all.
 */
function withBody(fn: () => void): void {
  if (doc.body) return fn();
  const seen = new MutationObserver(() => doc.body && (seen.disconnect(), fn()));
  seen.observe(doc.documentElement, { childList: true });
}
/** Runs `fn` once the page is parsed. */
const afterParse = (fn: () => void) => (doc.readyState === 'loading' ? doc.addEventListener('DOMContentLoaded', fn, { once: true }) : fn());

/**
 * Everything below the gate, once the config text is here. A saved verdict holds the config
 * already validated (presets expanded); otherwise a config that names presets waits for their
 * table, fetched beside the engine.
 */
function run(configText: string, raw: unknown): void | Promise<void> {
  const inputs: PageInputs = { configText, regionAttr: page.region };
  const configured = (raw as { cookie?: { name?: unknown } } | null)?.cookie?.name;
  const cookieName = typeof configured === 'string' ? configured : 'assent';
  // Without a consent cookie there is no verdict to replay: a first visit never touches
  // localStorage (its first read on a page can cost milliseconds of synchronous I/O).
  // One read of document.cookie (each can be a round trip to the browser process) for both names.
  const jar = { cookie: doc.cookie };
  const firstVisit = !readCookies(jar, cookieName).length;
  const verdict = firstVisit ? null : readVerdict(win, inputs, Date.now());
  const visit: Visit = { inputs, raw, verdict, firstVisit, marker: keptDecisionCookie(cookieName), kept: [] };
  // A decision the previous page could not record (pending-decision.ts); once a consent cookie
  // exists, another decision was recorded since and this one is dropped.
  if (readCookies(jar, visit.marker).length) {
    const kept = takePending(win, visit.marker);
    if (firstVisit) visit.kept = kept;
  }
  if (!verdict && namesPresets(raw) && !win.AssentPresets) {
    // A first visit may not need the engine before the visitor acts; any other page does.
    if (!firstVisit) void load(page.own('core'), 'AssentCore').catch(() => {});
    return load(new URL(`assent-presets.js?v=${SDK_VERSION}`, page.base).href, 'AssentPresets').then(
      () => go(visit),
      (err: Error) => go(visit, err),
    );
  }
  go(visit);
}

/** What `assent.js` found on this page before starting. */
interface Visit {
  inputs: PageInputs;
  raw: unknown;
  verdict: Verdict | null;
  /** No consent cookie. */
  firstVisit: boolean;
  /** The cookie saying a decision was kept across a navigation. */
  marker: string;
  /** Decisions the previous page kept, to carry out now. */
  kept: PendingCall[];
}

function go({ inputs, raw, verdict, firstVisit, marker, kept }: Visit, presetsFailed?: Error): void {
  let config: SiteConfig;
  if (verdict) config = verdict.config;
  else {
    if (presetsFailed) report(presetsFailed);
    const parsed = parseConfig(raw, win.AssentPresets);
    parsed.warnings.forEach((w) => console.warn(`[assent] ${w}`));
    config = parsed.config;
  }
  warnIfTagsRanFirst(doc, config);

  const region: RegionState =
    page.region !== null
      ? regionFrom(page.region, 'attribute')
      : config.serverSync
        ? askRegion(ownFetch, config.serverSync, config.regions)
        : { state: 'unknown' };
  const regimeNow = regimeOf(region, config.regions);
  const regimeFinal = region.state === 'asking' ? region.regime : Promise.resolve(regimeNow);
  // Step 1 of what Consent Mode hears (announce.ts), unless it was announced while the config loaded.
  if (known) announcer.default(region.state === 'asking' ? null : defaultsOf(regimeNow, config), config.consentMode.waitForUpdate, config.consentMode.enabled);
  else if (!config.consentMode.enabled && !page.consentModeOff)
    console.warn('[assent] the config turns Consent Mode off, but a Consent Mode default went out while it loaded: add data-assent-consent-mode="off" to the script tag');

  const facade = createFacade(() => engine().then((s) => s.consent), gate.destroy);
  const { api } = facade;
  keepOnLeave(win, marker, facade.pending);
  const catalogues = catalogueLoader(win, page.base, SDK_VERSION, page.nonce, config.texts);

  /** The widget's labels: this file's own in its built-in language, else the language file's. */
  const widgetLabels = (lang: Language): Promise<WidgetLabels> => {
    const labels = (cookieSettings: string, privacyChoices: string): WidgetLabels => ({ lang, rtl: RTL.includes(lang), cookieSettings, privacyChoices });
    const of = (c: Catalogue) => labels(c.labels.cookieSettings, c.labels.privacyChoices);
    const ready = catalogues.now(lang);
    return ready ? Promise.resolve(of(ready)) : catalogues.load(lang).then(of, () => of(catalogues.now(BUILT_IN.lang)!));
  };

  let started: Promise<EngineStarted> | undefined;
  /** Loads and starts the engine (once), on the final regime, going on from what the page was told. */
  const engine = () =>
    (started ??= Promise.all([load(page.own('core'), 'AssentCore'), regimeFinal]).then(([core, regime]) => {
      const language = visitorLanguage(config, regime, win);
      const s = core.start({
        version: SDK_VERSION,
        config,
        regime,
        gate,
        announced: announcer.told,
        language,
        labels: catalogues.load(language).then((c) => c.labels),
        widget: widgetLabels(language),
        page: inputs,
      });
      facade.adopt(s.consent);
      return s;
    }));

  // The UI: the first layer is drawn here; the dialogs load when one opens.
  let ui: UIHandle | undefined;
  let widget: HTMLElement | undefined;
  let bannerOpen = false;
  const showUI = (view: UIView, lang: Language) => {
    if (ui) return ui.open(view);
    const catalogue = catalogues.load(lang);
    withBody(() => {
      ui ??= createUI(
        {
          consent: api,
          lang,
          firstLayerTexts: catalogues.now(lang)?.messages,
          messages: catalogue.then((c) => c.messages),
          // The dialogs show the engine's state, so they wait for it too.
          dialogs: () => Promise.all([load(page.own('ui', config.ui.src), 'AssentUI'), engine()]).then(([m]) => m),
          nonce: page.nonce,
          onBanner(open) {
            bannerOpen = open;
            // One "Your Privacy Choices" at a time: the widget steps aside while the banner offers it.
            if (widget) widget.style.display = open ? 'none' : 'flex';
            if (!open) afterBanner?.();
          },
        },
        view,
      );
    });
  };

  /** Called when the banner closes, for a widget that waited for it. */
  let afterBanner: (() => void) | undefined;
  const drawWidget = (labels: WidgetLabels | Promise<WidgetLabels>) =>
    void Promise.resolve(labels).then((l) =>
      withBody(() => {
        const { hidden, position } = config.ui.widget;
        if (hidden || widget) return;
        // While the banner is open the widget would be hidden anyway: drawn when it closes, it
        // costs a first visit nothing before then.
        if (bannerOpen) return void (afterBanner = () => drawWidget(l));
        widget = renderWidget(doc, l, { side: position === 'bottom-left' ? 'left' : 'right', privacyChoices: api.regime.privacyChoices, open: api.open }, doc.body);
      }),
    );

  /** The page goes live: `window.Assent`, callbacks queued before it, `ready`. */
  const goLive = (lang: Language) => {
    // Opens before the UI exists create it; from then on it listens itself.
    api.on('open', ({ view }) => ui || showUI(view, lang));
    const queued = win.Assent;
    win.Assent = api;
    if (Array.isArray(queued)) for (const fn of queued) if (typeof fn === 'function') fn(api);
    facade.settle();
    // The page hears it as a DOM event too (the engine sends `assent:change` and `assent:withdraw`).
    doc.dispatchEvent(new CustomEvent('assent:ready', { detail: { decisions: api.get(), needsDecision: api.needsDecision } }));
  };

  doc.addEventListener('click', (e) => {
    const opener = (e.target as Element | null)?.closest?.('[data-assent-open]');
    if (!opener) return;
    e.preventDefault();
    api.open(opener.getAttribute('data-assent-open') === 'privacy-choices' ? 'privacy-choices' : 'preferences');
  });

  /** The saved verdict's page: tags, Consent Mode and the widget, without the engine. */
  const replay = (v: Verdict) => {
    facade.show(verdictView(v));
    announcer.update(defaultsOf(v.regime, config), { method: 'regime-default', regime: v.regime.key });
    announcer.update(announced(v.record), { method: v.record.method, regime: v.regime.key });
    // Vendors' own consent APIs hear the record too: now where their global is there, else once
    // the tags this record allows have run (their snippets define it).
    const later = runVendorCalls(win, v.vendorCalls);
    // Placeholders need the engine's labels: a page with a blocked embed loads it.
    gate.configure(config, { allows: api.allows, placeholder: () => void engine().catch(report) });
    // (After the page is parsed: the tags in its markup are released then.)
    if (later.length) afterParse(() => void gate.refresh().then(() => runVendorCalls(win, later)));
    drawWidget(v.widget);
    goLive(v.widget.lang);
  };

  if (verdict && region.state !== 'asking') return replay(verdict);

  // The engine's path. Nothing is granted before the engine has read or stored a record.
  facade.show(firstVisitView(config, regimeNow, signals.gpc));
  /** Whether a blocked embed asked for its placeholder (the engine draws them, with its labels). */
  let embedBlocked = false;
  let engineWanted = false;
  gate.configure(config, {
    allows: api.allows,
    placeholder: () => void ((embedBlocked = true), engineWanted && engine().catch(report)),
  });
  void regimeFinal.then((regime) => {
    if (region.state === 'asking') {
      // The saved verdict holds only in the region it was made in.
      if (verdict && regime.region === verdict.regime.region) return replay(verdict);
      facade.show(firstVisitView(config, regime, signals.gpc));
    }
    // Step 2: the regime's defaults, once known (with a config URL or server-sync's answer).
    announcer.update(defaultsOf(regime, config), { method: 'regime-default', regime: regime.key });
    const lang = visitorLanguage(config, regime, win);
    // No consent cookie: this visitor will be asked whatever the engine finds, so the first layer
    // goes up now, beside the engine's download rather than after it.
    if (kept.length) {
      // The visitor decided on the previous page: no banner, the engine carries it out.
      for (const [k, args] of kept) (api[k] as (...a: unknown[]) => void)(...args);
    } else if (firstVisit) {
      showUI('banner', lang);
      if (grantsNothing(defaultsOf(regime, config))) return waitForVisitor(lang);
    }
    engine().then(async ({ consent }) => {
      await consent.ready;
      drawWidget(widgetLabels(lang));
      goLive(lang);
      if (consent.needsDecision && !firstVisit) showUI('banner', lang);
    }, (err: Error) => report(new Error(`not started, every gated tag stays blocked: ${err.message}`)));
  });

  /**
   * A first visit where the regime grants nothing before a decision (opt-in, explicit consent,
   * strictest): until the visitor acts there is nothing to release and nothing to record, so the
   * engine is not fetched with the page. It is fetched as soon as the visitor shows intent (a
   * pointer over the banner, a touch, focus in it), when a decision or a dialog asks for it
   * (`window.Assent` carries out a decision made before it arrives), or for a blocked embed's
   * placeholder. A visitor who leaves without deciding downloads `assent.js` alone.
   */
  function waitForVisitor(lang: Language) {
    engineWanted = true;
    if (embedBlocked) void engine().catch(report);
    const intent = ['pointerover', 'pointerdown', 'touchstart', 'focusin'] as const;
    const onIntent = (e: Event) => {
      if (!(e.target as Element | null)?.closest?.('.assent-ui')) return;
      for (const t of intent) doc.removeEventListener(t, onIntent, true);
      void engine().catch(report);
    };
    for (const t of intent) doc.addEventListener(t, onIntent, { capture: true, passive: true });
    drawWidget(widgetLabels(lang));
    goLive(lang);
  }
}

/** Whether Consent Mode's defaults grant nothing beyond what is necessary. */
const grantsNothing = (a: Announced) =>
  !Object.values(a.decisions).some(Boolean) && !Object.values(a.services).some(Boolean);

/** Reads the config: the attribute's JSON, or the URL's. */
async function readConfig(): Promise<[string, unknown]> {
  if (!page.config) throw new Error('data-assent-config is missing');
  if (inline) return [page.config, inlineRaw ?? JSON.parse(page.config)];
  // Resolved against the page and sent with same-origin credentials: fetch's defaults.
  const res = await ownFetch(page.config);
  if (!res.ok) throw new Error(`config ${page.config} answered ${res.status}`);
  const text = await res.text();
  return [text, JSON.parse(text)];
}

const fail = (err: Error) => report(new Error(`not started, every gated tag stays blocked: ${err.message}`));
try {
  if (known) run(page.config!, inlineRaw ?? JSON.parse(page.config!));
  else {
    // The regime is unknown until the config arrives: Consent Mode hears "nothing granted, wait".
    announcer.default(null, 500, !page.consentModeOff);
    readConfig()
      .then(([text, raw]) => run(text, raw))
      .catch(fail);
  }
} catch (err) {
  fail(err as Error);
}
