/**
 * `assent-core.js`: the consent engine behind the script tag. `assent.js` loads it when the page
 * has something to decide or record (a first visit, a new config, an expired or unknown record,
 * queued receipts, a decision through the API or the UI). It validates the config, resolves the
 * regime, runs `createConsent` on the gate `assent.js` installed, and saves the verdict that lets
 * the next page skip it.
 */
import type { Consent, SiteConfigInput } from '@assent/sdk';
import { SDK_VERSION, grantsOf, pushConsentDefault, pushConsentUpdate, pushDecisionEvent, readDnt, readRecord, regimeDefaults, resolveRegime, sameGrants, startConsent, widgetLabels, type ConsentOptions, type Gate } from '@assent/sdk/internal';
import { writeSnapshot, type PageInputs, type Snapshot } from './saved-verdict.js';

/** How `assent.js` starts the engine. */
export interface EngineStart {
  /** `assent.js`'s version: the two files must come from the same release. */
  version: string;
  page: PageInputs;
  /** The region when already known (attribute, or server-sync asked by the fast path). */
  region?: { code: string | null; source: 'attribute' | 'endpoint' };
  gate: Gate;
  /** What `assent.js` already announced on this page (see `ConsentOptions.resume`). */
  resume?: ConsentOptions['resume'];
  /** URL of `assent-ui.js` when `assent.js` is already fetching it (a first visit). */
  ui?: string;
  nonce?: string;
}

/** A started engine: the consent instance, and the widget's language and labels (final once `ready`). */
export interface EngineStarted {
  consent: Consent;
  widget(): Snapshot['widget'];
}

/** The global `assent-core.js` defines. */
export interface Engine {
  start(options: EngineStart): EngineStarted;
}


/**
 * The verdict to replay on the next page, or `null` while the visitor still has to decide. Its
 * `dataLayer` is what the engine pushes on such a page before anything runs: the defaults of the
 * regime it starts with (the strictest one while server-sync is asked), then the update.
 */
function snapshotOf(consent: Consent, page: PageInputs): Snapshot | null {
  const current = consent.record();
  if (!current || consent.needsDecision) return null;
  // Seal only what the cookie holds now. Another tab may have decided since this engine read it,
  // and a record too large for a cookie was never stored: then there is nothing to replay.
  const stored = readRecord(document, consent.config.cookie.name);
  const same =
    stored &&
    stored.subjectId === current.subjectId &&
    stored.decidedAt === Math.floor(current.decidedAt / 1000) * 1000 &&
    sameGrants(stored, current);
  if (!same) return null;
  // The cookie's whole seconds, as the next page's engine will read them.
  const record = { ...current, decidedAt: stored.decidedAt, expiresAt: stored.expiresAt };
  const { config, regime } = consent;
  const signals = { gpc: consent.gpc, dnt: readDnt(navigator, window), minor: config.declaredMinor || record.declaredMinor };
  const initial = page.regionAttr === null ? resolveRegime(null, 'fallback', config.regions) : regime;
  const defaults = regimeDefaults(initial, config, signals);
  // The same calls the engine makes on boot, recorded instead of pushed.
  const rec: { dataLayer: unknown[] } = { dataLayer: [] };
  if (config.consentMode.enabled) {
    pushConsentDefault(rec, grantsOf(defaults), config.consentMode.waitForUpdate);
    if (!sameGrants(defaults, record)) {
      pushConsentUpdate(rec, grantsOf(record));
      pushDecisionEvent(rec, grantsOf(record), { method: record.method, regime: initial.key });
    }
  }
  return {
    config,
    regime,
    record,
    gpc: consent.gpc,
    decisions: consent.get(),
    services: consent.services(),
    // What was recorded: gtag commands (`arguments` objects, which have a length) and event objects.
    dataLayer: rec.dataLayer.map((e) => ('length' in (e as object) ? [...(e as IArguments)] : (e as Record<string, unknown>))),
    widget: widgetLabels(consent),
  };
}

function start(o: EngineStart): EngineStarted {
  if (o.version !== SDK_VERSION) throw new Error(`assent-core.js ${SDK_VERSION} cannot run under assent.js ${o.version}: deploy both files of one release`);
  const consent = startConsent(
    JSON.parse(o.page.configText) as SiteConfigInput,
    { ...(o.region && { region: o.region.code, regionSource: o.region.source }), source: 'website', gate: o.gate, resume: o.resume },
    () => o.gate,
  );
  const save = () => writeSnapshot(window, o.page, snapshotOf(consent, o.page));
  void consent.ready.then(() => {
    save();
    // The UI is on its way and will ask for its language file: fetch that beside it, not after it.
    if (o.ui && consent.needsDecision) {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'script';
      link.href = new URL(`i18n/${widgetLabels(consent).lang}.js`, o.ui).href;
      if (o.nonce) link.nonce = o.nonce;
      document.head.append(link);
    }
  });
  consent.on('change', save);
  // The page hears decisions as DOM events too: after the verdict is saved, before `window.Assent`'s listeners.
  for (const e of ['change', 'withdraw'] as const) consent.on(e, (detail) => document.dispatchEvent(new CustomEvent(`assent:${e}`, { detail })));
  return { consent, widget: () => widgetLabels(consent) };
}

(window as Window & { AssentCore?: Engine }).AssentCore = { start };
