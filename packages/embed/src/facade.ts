/**
 * `window.Assent` on the website. Until the engine is loaded it answers from what `assent.js`
 * knows (the saved verdict on a returning visitor's page; on a first visit, the config and regime,
 * with nothing granted yet), then from the engine; listeners stay attached across the switch. A
 * decision made before the engine is loaded is carried out as soon as it arrives.
 */
import type { Consent, ConsentEvents, Regime, SiteConfig } from '@assent/sdk';
import { createEmitter, grantWatchers } from '@assent/sdk/internal';
import type { Verdict } from './saved-verdict.js';

/** What answers synchronously: `assent.js`'s view, or the engine itself. */
export type View = Pick<Consent, 'subjectId' | 'region' | 'regime' | 'config' | 'gpc' | 'needsDecision' | 'get' | 'services' | 'record' | 'allows'>;

const LIVE = ['subjectId', 'region', 'regime', 'config', 'gpc', 'needsDecision'] as const;

/** The calls that decide: made before the engine is here, they wait for it (and may outlive the page). */
export const WRITERS = ['set', 'acceptAll', 'rejectAll', 'setSaleShareOptOut', 'setAge'] as const;
type Writer = (typeof WRITERS)[number];

/** A decision made before the engine arrived, as the call that made it (its arguments are plain data). */
export type PendingCall = [Writer, unknown[]];

/** The page's consent API and the hooks the entry drives it with. */
export interface Facade {
  api: Consent;
  /** Answer from the engine from now on, forwarding its events. */
  adopt(engine: Consent): void;
  /** Resolve `ready` and emit it (the region is known and the record read). */
  settle(): void;
  /** Decisions made and not yet carried out: the engine is on its way. */
  pending(): readonly PendingCall[];
}

/** A saved verdict as a read-only view of consent. */
export function verdictView(v: Verdict): View {
  return {
    ...v, // config, regime, gpc
    subjectId: v.record.subjectId,
    region: v.regime.region,
    needsDecision: false,
    get: () => ({ ...v.decisions }),
    services: () => ({ ...v.services }),
    record: () => v.record,
    allows: (c, id) => c === 'necessary' || (!!v.decisions[c] && (id === undefined || !!v.services[id])),
  };
}

/** A first visit before the engine: the config and regime are known; nothing is recorded or granted yet. */
export function firstVisitView(config: SiteConfig, regime: Regime, gpc: boolean): View {
  return {
    config,
    regime,
    gpc,
    subjectId: '',
    region: regime.region,
    needsDecision: true,
    get: () => ({ necessary: true, functional: false, analytics: false, advertising: false }),
    services: () => Object.fromEntries(config.services.map((s) => [s.id, false])),
    record: () => null,
    allows: (c) => c === 'necessary',
  };
}

/**
 * Creates the facade. `load` fetches and starts the engine (once); `teardown` removes what the
 * entry installed when `destroy()` is called before the engine exists. It answers from `view`
 * until the engine is adopted; nothing may read it before there is one.
 */
export function createFacade(load: () => Promise<Consent>, teardown: () => void): Facade & { show(view: View): void } {
  const events = createEmitter<ConsentEvents>();
  let view: View;
  let engine: Consent | undefined;
  let settle!: () => void;
  const waiting: PendingCall[] = [];
  const ready = new Promise<void>((r) => (settle = r));

  const later =
    <K extends Writer>(k: K) =>
    (...args: Parameters<Consent[K]>): void => {
      const run = (c: Consent) => (c[k] as (...a: Parameters<Consent[K]>) => void)(...args);
      if (engine) return run(engine);
      const call: PendingCall = [k, args];
      waiting.push(call);
      load().then(
        (c) => {
          waiting.splice(waiting.indexOf(call), 1);
          run(c);
        },
        (err: Error) => console.error(`[assent] decision not recorded: ${err.message}`),
      );
    };

  const api = {
    ready,
    get: () => view.get(),
    services: () => view.services(),
    record: () => view.record(),
    allows: (c, id) => view.allows(c, id),
    set: later('set'),
    acceptAll: later('acceptAll'),
    rejectAll: later('rejectAll'),
    setSaleShareOptOut: later('setSaleShareOptOut'),
    setAge: later('setAge'),
    on: events.on,
    ...grantWatchers((c, id) => view.allows(c, id), events.on),
    // The engine's own `open` reaches the mounted UI; before it exists, the entry opens it.
    open: (v = 'preferences') => (engine ? engine.open(v) : events.emit('open', { view: v })),
    destroy() {
      events.clear();
      if (engine) engine.destroy();
      else teardown();
    },
  } as Omit<Consent, (typeof LIVE)[number]> as Consent;
  // Read through to whichever view answers now.
  for (const k of LIVE) Object.defineProperty(api, k, { get: () => view[k], enumerable: true });

  return {
    api,
    show(v) {
      view = v;
    },
    adopt(c) {
      view = engine = c;
      for (const e of ['change', 'withdraw', 'open', 'receipt'] as const) c.on(e, (p) => events.emit(e, p as never));
    },
    settle() {
      settle();
      events.emit('ready', { decisions: view.get(), needsDecision: view.needsDecision });
    },
    pending: () => waiting,
  };
}
