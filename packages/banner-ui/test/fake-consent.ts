/**
 * A small, typed stand-in for a consent instance: the real config parser and region table give it
 * a true SiteConfig and Regime, and every decision the UI makes is recorded in `calls` (and
 * applied to its state) so tests can assert what the visitor's clicks produced.
 */
import { parseConfig, resolveRegime, type Choices, type Consent, type ConsentEvents, type ConsentRecord, type DecisionOptions, type Decisions, type SiteConfigInput, type UIView } from '@assent/sdk';

export const SITE: SiteConfigInput = {
  policyVersion: '2026-11',
  privacyPolicyUrl: 'https://example.test/privacy',
  categories: ['functional', 'analytics', 'advertising'],
  services: [
    {
      id: 'chat',
      name: 'Chatterbox live chat',
      provider: 'Chatterbox Ltd.',
      category: 'functional',
      purpose: 'Lets you chat with our team.',
      hosts: ['chat.example'],
      cookies: [{ name: 'chat_lang', duration: '6 months', purpose: 'Remembers the chat language.' }],
    },
    {
      id: 'video',
      name: 'Streamly video',
      provider: 'Streamly Inc.',
      category: 'functional',
      purpose: 'Plays embedded videos.',
      hosts: ['video.example'],
    },
    {
      id: 'metricly',
      name: 'Metricly analytics',
      provider: 'Metricly Inc.',
      category: 'analytics',
      purpose: 'Measures how the site is used.',
      hosts: ['analytics.example'],
      cookies: [{ name: '_mt_*', duration: '13 months', purpose: 'Distinguishes visitors.' }],
    },
    {
      id: 'adreach',
      name: 'AdReach pixel',
      provider: 'AdReach Networks',
      category: 'advertising',
      purpose: 'Personalises ads.',
      hosts: ['ads.example'],
      cookies: [{ name: 'ar_id', duration: '90 days', purpose: 'Identifies the browser to ad partners.' }],
      saleOrShare: true,
    },
  ],
};

export type Call =
  | { fn: 'acceptAll' | 'rejectAll'; options: DecisionOptions | undefined }
  | { fn: 'set'; choices: Choices; options: DecisionOptions | undefined }
  | { fn: 'setSaleShareOptOut'; optOut: boolean; options: DecisionOptions | undefined };

export interface FakeOptions {
  region?: string | null;
  config?: Partial<SiteConfigInput>;
  gpc?: boolean;
  needsDecision?: boolean;
  decisions?: Partial<Omit<Decisions, 'necessary'>>;
  services?: Record<string, boolean>;
  record?: Partial<ConsentRecord> | null;
}

export interface FakeConsent extends Consent {
  calls: Call[];
  /** Emits an event as the core would. */
  emit<E extends keyof ConsentEvents>(event: E, payload: ConsentEvents[E]): void;
  listeners(event: keyof ConsentEvents): number;
}

export function fakeConsent(o: FakeOptions = {}): FakeConsent {
  const { config } = parseConfig({ ...SITE, ...o.config });
  const region = o.region === undefined ? 'FR' : o.region;
  const regime = resolveRegime(region, region ? 'attribute' : 'fallback', config.regions);
  const optOut = regime.model === 'opt-out';
  let decisions: Decisions = {
    necessary: true,
    functional: optOut,
    analytics: optOut,
    advertising: optOut && !o.gpc,
    ...o.decisions,
  };
  let services: Record<string, boolean> = Object.fromEntries(config.services.map((s) => [s.id, decisions[s.category]]));
  Object.assign(services, o.services);
  let needsDecision = o.needsDecision ?? true;
  const record = o.record ? ({ declaredMinor: false, ...o.record } as ConsentRecord) : null;
  const listeners = new Map<keyof ConsentEvents, Set<(p: never) => void>>();
  const calls: Call[] = [];

  const decide = (call: Call, next: Partial<Decisions>) => {
    calls.push(call);
    const previous = decisions;
    decisions = { ...decisions, ...next };
    services = Object.fromEntries(config.services.map((s) => [s.id, decisions[s.category] && services[s.id] !== false]));
    needsDecision = false;
    fake.emit('change', { decisions, previous, method: call.options?.method ?? 'api', record: record as ConsentRecord });
  };
  const all = (on: boolean) => Object.fromEntries(config.categories.map((c) => [c, on]));

  const fake: FakeConsent = {
    subjectId: '0123456789abcdef0123456789abcdef',
    region,
    regime,
    config,
    gpc: !!o.gpc,
    get needsDecision() {
      return needsDecision;
    },
    ready: Promise.resolve(),
    get: () => ({ ...decisions }),
    services: () => ({ ...services }),
    record: () => record,
    allows: (c, s) => c === 'necessary' || (decisions[c] && (s === undefined || !!services[s])),
    set(choices, options) {
      const { services: own, ...cats } = choices;
      if (own) services = { ...services, ...own };
      decide({ fn: 'set', choices, options }, { functional: !!cats.functional, analytics: !!cats.analytics, advertising: !!cats.advertising });
    },
    acceptAll: (options) => decide({ fn: 'acceptAll', options }, all(true)),
    rejectAll: (options) => decide({ fn: 'rejectAll', options }, all(false)),
    setSaleShareOptOut: (optOut, options) => decide({ fn: 'setSaleShareOptOut', optOut, options }, { advertising: !optOut }),
    setAge: () => {},
    on(event, fn) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn as (p: never) => void);
      return () => void set.delete(fn as (p: never) => void);
    },
    emit(event, payload) {
      for (const fn of [...(listeners.get(event) ?? [])]) (fn as (p: typeof payload) => void)(payload);
    },
    listeners: (event) => listeners.get(event)?.size ?? 0,
    whenGranted: () => () => {},
    onWithdraw: () => () => {},
    open: (view: UIView = 'preferences') => fake.emit('open', { view }),
    destroy: () => listeners.clear(),
    calls,
  };
  return fake;
}
