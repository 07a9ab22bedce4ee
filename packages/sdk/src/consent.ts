/**
 * The consent core, on what its owner settled (create-consent.ts for the npm API, `assent.js` for
 * the script tag): it reads the stored record, decides what may run, and on every decision
 * updates storage, the tag gate, Consent Mode and the receipt outbox, in that order, so nothing
 * runs before its record is stored.
 */
import type { SiteConfig } from './config/types.js';
import { deleteServiceCookies } from './gate/cookies.js';
import type { Gate } from './gate/index.js';
import { placeholderFor, type PlaceholderLabels } from './gate/placeholder.js';
import type { Language } from './i18n/language.js';
import type { Regime } from './policy/types.js';
import { OPTIONAL_CATEGORIES, type Category, type Method, type OptionalCategory, type ReceiptSource, type RegionSource } from './schema/receipt.js';
import { pushConsentUpdate, pushDecisionEvent } from './signals/consent-mode.js';
import { readDnt, readGpc } from './signals/browser-signals.js';
import { applyVendorConsent } from './signals/vendor-consent.js';
import { applySignalTo, askReason, decide, inferMethod } from './state/decide.js';
import { grantsOf, regimeDefaults, sameGrants, type DecisionState, type Signals } from './state/defaults.js';
import { grantWatchers } from './state/watchers.js';
import type { ConsentRecord, Decisions } from './state/types.js';
import { cookieStore, type RecordStore } from './storage/record-store.js';
import { newSubjectId } from './sync/ids.js';
import { createOutbox, type ReceiptOutbox } from './sync/outbox.js';
import { buildReceipt, configNotice } from './sync/receipt.js';
import { createEmitter } from './emitter.js';
import type { Choices, Consent, ConsentEvents, DecisionOptions, UIView } from './types.js';

/** Options of {@link createConsent}. */
export interface ConsentOptions {
  /** The visitor's region (ISO 3166-1/-2). Omit to ask server-sync; `null` means unknown (strictest). */
  region?: string | null;
  /** Where `region` came from; default `option`. */
  regionSource?: Extract<RegionSource, 'attribute' | 'option' | 'endpoint'>;
  /** Which property records receipts; default `api`. */
  source?: ReceiptSource;
  /**
   * Activate gated elements and hold dynamic insertions on this page; default `true` in a
   * browser. A gate made earlier with `createGate` is adopted.
   */
  gate?: boolean | Gate;
  /** The window to work in; default the global one. Without a window (SSR) nothing is stored or run. */
  window?: Window & typeof globalThis;
  /** Store for the record; default the first-party consent cookie. */
  store?: RecordStore;
  /** Clock, for tests. */
  now?: () => number;
}

/** What the page has already been told (Consent Mode, the gate): the core goes on from there. */
export interface Announced {
  decisions: Record<OptionalCategory, boolean>;
  services: Record<string, boolean>;
}

/** How {@link startConsent} starts: everything `createConsent` (or `assent.js`) settled first. @internal */
export interface StartOptions extends Pick<ConsentOptions, 'source' | 'window' | 'store' | 'now'> {
  /** The regime in force now (the strictest while server-sync is asked). */
  regime: Regime;
  /** While server-sync is asked: the regime its answer gives. */
  regimeLater?: Promise<Regime>;
  gate?: Gate;
  /** The language the core's own texts use (placeholders, the notice recorded when none is given) under a regime. */
  language(regime: Regime): Language;
  /** Placeholder labels in a language, or `undefined` while they load (the gate asks again on its next refresh). */
  labels(lang: Language): PlaceholderLabels | undefined;
  /**
   * What the page was already told (Consent Mode's default, the gate): the core goes on from
   * there, and announces only a real difference (a stored record, another region), as an update.
   */
  announced: Announced;
  /**
   * Evaluate the stored record a microtask later instead of before returning, so an owner that
   * subscribes right after the start (the script tag's engine, `window.Assent`) hears what the
   * evaluation decides (another tab's decision as `change`/`withdraw`). Without it a returning
   * visitor's tags activate before the core returns.
   */
  subscribeFirst?: boolean;
}

/**
 * The consent core on a validated config. The script tag's engine calls it with the gate,
 * region and announcements `assent.js` already made, so the engine bundle carries no parser,
 * region table or gate of its own.
 * @internal
 */
export function startConsent(config: SiteConfig, options: StartOptions): Consent {
  const win = options.window;
  const doc = win?.document;
  const now = options.now ?? Date.now;
  const source = options.source ?? 'api';
  const memory: { r: ConsentRecord | null } = { r: null };
  const store: RecordStore =
    options.store ??
    (doc ? cookieStore(doc, config.cookie.name, config.cookie.domain) : { read: () => memory.r, write: (r) => void (memory.r = r) });
  const events = createEmitter<ConsentEvents>();
  let regime = options.regime;

  let record = store.read();
  const signals: Signals = {
    gpc: readGpc(win?.navigator),
    dnt: readDnt(win?.navigator, win),
    minor: config.declaredMinor || !!record?.declaredMinor,
  };
  const subjectId = record?.subjectId ?? newSubjectId();
  const { announced } = options;
  // Bases do not matter here: decisions are compared by what they grant.
  const granted = (g: boolean) => ({ granted: g, basis: 'consent' as const });
  let state: DecisionState = {
    categories: Object.fromEntries(OPTIONAL_CATEGORIES.map((c) => [c, granted(announced.decisions[c])])) as DecisionState['categories'],
    services: Object.fromEntries(Object.entries(announced.services).map(([id, g]) => [id, granted(g)])),
  };
  let needsDecision = true;
  let isReady = false;

  const outbox: ReceiptOutbox | undefined =
    win && config.serverSync ? createOutbox({ endpoint: `${config.serverSync.url}/v1/receipts`, win }) : undefined;
  const language = () => options.language(regime);

  const gate = options.gate;
  const ctx = () => ({ config, regime, signals, subjectId, now: now(), previous: record });
  const decisions = (): Decisions => ({ necessary: true, ...grantsOf(state) });

  /** Stores a new record, then applies it everywhere, then queues its receipt. */
  function commit(next: ConsentRecord, opts: DecisionOptions, userAction: boolean): void {
    const prev = record;
    const previous = decisions();
    if (win) {
      const receipt = buildReceipt(prev, next, {
        config,
        regime,
        notice: opts.notice ?? configNotice(config, language()),
        source: opts.source ?? source,
        gpc: signals.gpc,
        dnt: signals.dnt,
        location: win.location,
        userAgent: win.navigator.userAgent,
        now: now(),
      });
      next = { ...next, receiptId: receipt.receiptId };
      store.write(next);
      outbox?.add(receipt);
      events.emit('receipt', { receipt });
    } else store.write(next);
    record = next;
    apply({ categories: next.categories, services: next.services }, next.method, previous, userAction);
  }

  /** Applies decisions: cookies of withdrawn services go, the gate runs what is now allowed. */
  function apply(next: DecisionState, method: Method, previous: Decisions, force: boolean): void {
    const before = state;
    state = next;
    if (win) applyVendorConsent(win, config, next); // vendors' own consent APIs, before the gate releases anything
    // The gate always looks again: the first call also draws placeholders for blocked embeds.
    void gate?.refresh();
    if (!force && sameGrants(before, next)) return;
    const withdrawn = OPTIONAL_CATEGORIES.filter((c) => before.categories[c].granted && !next.categories[c].granted);
    const offServices = config.services.filter((s) => before.services[s.id]?.granted && !next.services[s.id]?.granted);
    if (doc && offServices.length) deleteServiceCookies(doc, offServices, config.cookie.domain);
    if (win && config.consentMode.enabled) {
      pushConsentUpdate(win, grantsOf(next));
      pushDecisionEvent(win, grantsOf(next), { method, regime: regime.key });
    }
    if (record) events.emit('change', { decisions: decisions(), previous, method, record });
    if (withdrawn.length) {
      events.emit('withdraw', { categories: withdrawn });
      if (config.gate.reloadOnWithdraw) win?.location.reload();
    }
  }

  /** Re-evaluates the stored record against the current regime and signals. */
  function evaluate(): void {
    const reason = askReason(record, regime, config, now());
    if (record && reason === null) {
      const signalled = applySignalTo(record, ctx());
      if (signalled?.method === 'gpc') commit(signalled, {}, false);
      else if (signalled) record = signalled;
      apply({ categories: record.categories, services: record.services }, record.method, decisions(), false);
      needsDecision = record.method === 'gpc' || record.method === 'regime-default';
      return;
    }
    const defaults = regimeDefaults(regime, config, signals);
    needsDecision = true;
    // In an opt-out region the defaults apply at once; they are recorded (basis `default`, or
    // `signal` for GPC) so the proof exists and a GPC opt-out persists for 12 months.
    if (regime.model !== 'opt-in' && isReady) {
      const method: Method = defaults.categories.advertising.basis === 'signal' ? 'gpc' : 'regime-default';
      const base = decide({}, method, ctx());
      commit({ ...base, ...defaults, gpc: method === 'gpc' }, {}, false);
      return;
    }
    apply(defaults, 'regime-default', decisions(), false);
  }

  function choose(choices: Choices, opts: DecisionOptions = {}): void {
    const method = opts.method ?? inferMethod(choices, config);
    needsDecision = false; // before `change` fires, so listeners see the final state
    commit(decide(choices, method, ctx()), opts, true);
  }

  /** The current decisions as choices, with some categories switched (their services follow). */
  function currentChoices(change: Partial<Record<OptionalCategory, boolean>>): Choices {
    const services: Record<string, boolean> = {};
    for (const s of config.services)
      services[s.id] = s.category in change ? !!change[s.category] : !!state.services[s.id]?.granted;
    return { ...grantsOf(state), ...change, services };
  }

  const allCategories = (on: boolean): Choices => Object.fromEntries(config.categories.map((c) => [c, on]));

  const instance: Consent = {
    subjectId,
    get region() {
      return regime.region;
    },
    get regime() {
      return regime;
    },
    config,
    gpc: signals.gpc,
    get needsDecision() {
      return needsDecision;
    },
    get ready() {
      return ready;
    },
    get: decisions,
    services: () => Object.fromEntries(config.services.map((s) => [s.id, !!state.services[s.id]?.granted])),
    record: () => record,
    allows(category: Category, serviceId?: string) {
      if (category === 'necessary') return true;
      if (!state.categories[category]?.granted) return false;
      return serviceId === undefined || !!state.services[serviceId]?.granted;
    },
    set: (choices, opts) => choose(choices, { method: 'custom', ...opts }),
    acceptAll: (opts) => choose(allCategories(true), { method: 'accept-all', ...opts }),
    rejectAll: (opts) => choose(allCategories(false), { method: 'reject-all', ...opts }),
    setSaleShareOptOut(optOut, opts) {
      const choices = currentChoices({ advertising: !optOut });
      for (const s of config.services) if (s.saleOrShare) choices.services![s.id] = !optOut;
      choose(choices, { method: 'privacy-choices', ...opts });
    },
    setAge(age) {
      if (!(age < 18)) return;
      signals.minor = true;
      // Below the region's minimum age nothing optional stands; a minor never gets advertising.
      if (age < regime.minAge) choose({}, { method: 'api' });
      else if (record && !needsDecision) choose(currentChoices({ advertising: false }), { method: 'api' });
      else evaluate();
    },
    on: events.on,
    ...grantWatchers((c, id) => instance.allows(c, id), events.on),
    open: (view: UIView = 'preferences') => events.emit('open', { view }),
    destroy() {
      events.clear();
      gate?.destroy();
      outbox?.destroy();
    },
  };
  gate?.configure(config, {
    allows: instance.allows,
    placeholder(el, category, loadOnce) {
      const labels = doc && options.labels(language());
      return (
        labels &&
        placeholderFor(doc, labels, el, category, config.services, {
          loadOnce,
          // "Allow <category>": this instance is the gate's last owner, so it decides.
          allow: () => instance.set(currentChoices({ [category]: true }), { method: 'custom' }),
        })
      );
    },
  });

  // Starts after `instance` exists: with a known region this runs synchronously, so a returning
  // visitor's tags activate before the core returns.
  const ready: Promise<void> = (async () => {
    if (options.subscribeFirst) await null;
    if (options.regimeLater) {
      evaluate(); // a valid stored record applies before the region is known
      regime = await options.regimeLater;
    }
    isReady = true;
    evaluate();
    events.emit('ready', { decisions: decisions(), needsDecision });
  })();
  return instance;
}
