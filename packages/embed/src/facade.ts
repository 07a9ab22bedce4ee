/**
 * `window.Assent` on the website. It answers from a snapshot while the page runs on the fast
 * path, and from the engine once that is loaded; listeners stay attached across the switch.
 * A decision made before the engine is loaded is carried out as soon as it arrives.
 */
import type { Consent, ConsentEvents } from '@assent/sdk';
import { createEmitter, grantWatchers } from '@assent/sdk/internal';
import type { Snapshot } from './saved-verdict.js';

/** What answers synchronously: a snapshot's view or the engine itself. */
type View = Pick<Consent, 'subjectId' | 'region' | 'regime' | 'config' | 'gpc' | 'needsDecision' | 'get' | 'services' | 'record' | 'allows'>;

const LIVE = ['subjectId', 'region', 'regime', 'config', 'gpc', 'needsDecision'] as const;

type Writer = 'set' | 'acceptAll' | 'rejectAll' | 'setSaleShareOptOut' | 'setAge';

/** The page's consent API and the hooks the entry drives it with. */
export interface Facade {
  api: Consent;
  /** Answer from the engine from now on, forwarding its events. */
  adopt(engine: Consent): void;
  /** Resolve `ready` and emit it (the region is known and the record read). */
  settle(): void;
}

/** A snapshot as a read-only view of consent. */
function snapshotView(s: Snapshot): View {
  return {
    ...s, // config, regime, gpc
    subjectId: s.record.subjectId,
    region: s.regime.region,
    needsDecision: false,
    get: () => ({ ...s.decisions }),
    services: () => ({ ...s.services }),
    record: () => s.record,
    allows: (c, id) => c === 'necessary' || (!!s.decisions[c] && (id === undefined || !!s.services[id])),
  };
}

/**
 * Creates the facade. `load` fetches and starts the engine (once); `teardown` removes what the
 * entry installed when `destroy()` is called before the engine exists. With a snapshot (the fast
 * path) it answers from that until the engine is adopted; without, nothing may read it before.
 */
export function createFacade(load: () => Promise<Consent>, teardown: () => void, snap: Snapshot | null): Facade {
  const events = createEmitter<ConsentEvents>();
  let view = (snap && snapshotView(snap)) as View;
  let engine: Consent | undefined;
  let settle!: () => void;
  const ready = new Promise<void>((r) => (settle = r));

  const later =
    <K extends Writer>(k: K) =>
    (...args: Parameters<Consent[K]>): void => {
      const run = (c: Consent) => (c[k] as (...a: Parameters<Consent[K]>) => void)(...args);
      if (engine) run(engine);
      else load().then(run, (err: Error) => console.error(`[assent] decision not recorded: ${err.message}`));
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
    // The engine's own `open` reaches the mounted UI; before it exists, the entry loads both.
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
    adopt(c) {
      view = engine = c;
      for (const e of ['change', 'withdraw', 'open', 'receipt'] as const) c.on(e, (p) => events.emit(e, p as never));
    },
    settle() {
      settle();
      events.emit('ready', { decisions: view.get(), needsDecision: view.needsDecision });
    },
  };
}
