/**
 * Pure decision logic: what a choice records, and when a stored record must be asked again (what
 * applies before any choice is defaults.ts). No DOM, no clock: callers pass `now`.
 */
import { OPTIONAL_CATEGORIES, type Method, type OptionalCategory } from '../schema/receipt.js';
import type { SiteConfig } from '../config/types.js';
import type { Regime } from '../policy/types.js';
import type { Choices } from '../types.js';
import { limit, optOutSignal, type DecisionState, type Signals } from './defaults.js';
import type { ConsentRecord, Decision } from './types.js';

const DAY = 86_400_000;

/** Everything a new record needs besides the choice itself. */
export interface DecisionContext {
  config: SiteConfig;
  regime: Regime;
  signals: Signals;
  subjectId: string;
  now: number;
  previous: ConsentRecord | null;
}

/** Infers how a choice was made when the caller did not say. */
export function inferMethod(choices: Choices, config: SiteConfig): Method {
  const vals = config.categories.map((c) => choices[c] === true);
  const svc = Object.values(choices.services ?? {});
  if (vals.every(Boolean) && svc.every(Boolean)) return 'accept-all';
  if (!vals.some(Boolean) && !svc.some(Boolean)) return 'reject-all';
  return 'custom';
}

/**
 * Records a visitor's choice. Omitted categories are refused; a service follows its category
 * unless chosen separately. An explicit custom grant of advertising with GPC on is honoured as
 * the visitor's own later choice (and recorded as such); "accept all" does not override GPC.
 */
export function decide(choices: Choices, method: Method, ctx: DecisionContext): ConsentRecord {
  const { config, regime, signals, now } = ctx;
  const categories = {} as Record<OptionalCategory, Decision>;
  for (const c of OPTIONAL_CATEGORIES)
    categories[c] = { granted: config.categories.includes(c) && choices[c] === true, basis: 'consent' };
  const services: Record<string, Decision> = {};
  for (const svc of config.services) {
    // "Your Privacy Choices" is the US sale/share opt-out: a `restrictOnOptOut` service answers it
    // by running restricted, so it follows its category whatever that choice says of it.
    const own = method === 'privacy-choices' && svc.restrictOnOptOut ? undefined : choices.services?.[svc.id];
    services[svc.id] = { granted: categories[svc.category].granted && own !== false, basis: 'consent' };
  }
  const explicit = method === 'custom' || method === 'privacy-choices';
  const limited = limit({ categories, services }, config, regime, signals, explicit);
  const grantsAny = Object.values(limited.categories).some((d) => d.granted);
  const days = Math.min(grantsAny ? regime.lifetimeDays.accept : regime.lifetimeDays.refuse, config.cookie.maxLifetimeDays);
  return {
    subjectId: ctx.subjectId,
    ...limited,
    policyVersion: config.policyVersion,
    region: regime.region,
    regime: regime.key,
    method,
    decidedAt: now,
    expiresAt: now + days * DAY,
    gpc: optOutSignal(regime, config, signals),
    declaredMinor: signals.minor,
    receiptId: ctx.previous?.receiptId ?? null,
  };
}

/**
 * A GPC (or honoured DNT) signal that appeared after the record was made opts the visitor out
 * again: returns the record with advertising and sale/share services off, or `null` when the
 * record already respects it.
 */
export function applySignalTo(record: ConsentRecord, ctx: DecisionContext): ConsentRecord | null {
  if (record.gpc || !optOutSignal(ctx.regime, ctx.config, ctx.signals)) return null;
  const next = limit({ categories: record.categories, services: record.services }, ctx.config, ctx.regime, ctx.signals, false);
  const changed =
    next.categories.advertising.granted !== record.categories.advertising.granted ||
    Object.keys(next.services).some((id) => next.services[id]!.granted !== record.services[id]?.granted);
  return { ...record, ...next, gpc: true, ...(changed ? { method: 'gpc' as const, decidedAt: ctx.now } : {}) };
}

/** Why a stored record is not enough, or `null` when it still stands. */
export type AskReason = 'none' | 'expired' | 'policy' | 'new-service' | 'regime' | null;

/** Decides whether the visitor must be asked (again). */
export function askReason(record: ConsentRecord | null, regime: Regime, config: SiteConfig, now: number): AskReason {
  if (!record) return 'none';
  if (record.expiresAt <= now) return 'expired';
  // Grants by an opt-out regime's default are no consent: an opt-in regime asks for real.
  if (regime.model === 'opt-in' && Object.values(record.categories).some((d) => d.granted && d.basis === 'default'))
    return 'regime';
  // A service added to a category the visitor granted is a new purpose: ask, in every regime.
  const added = config.services.some(
    (s) => !(s.id in record.services) && record.categories[s.category]?.granted,
  );
  if (added) return 'new-service';
  if (record.policyVersion !== config.policyVersion && regime.reconsent) return 'policy';
  return null;
}
