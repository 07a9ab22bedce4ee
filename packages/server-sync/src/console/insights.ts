/**
 * What the console's insights page shows, computed from the insight counters (storage/insights.ts):
 * decisions per day by group, the period's shares, grant rates per category, the share of US
 * decisions carrying GPC, and link events per day by reason.
 */
import type {
  DecisionDay, InsightCategory, InsightsResponse, LinkDay, LinkRefusalReason, LinkRevocationReason, Method, OutcomeCounts,
} from '@assent/sdk/schema';
import type { InsightsQuery, InsightsRows } from '../storage/insights.js';
import { utcDay } from '../storage/insights.js';

const DAY_MS = 86_400_000;
/** The longest period one page view may ask for. */
export const MAX_PERIOD_DAYS = 366;
/** The period shown when none is asked for: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;

/** The query of `GET /console/api/insights`, checked; or the first problem, naming the parameter. */
export function parseInsightsQuery(
  params: { from?: string | null; to?: string | null; region?: string | null }, now: Date,
): { ok: true; query: InsightsQuery } | { ok: false; error: string } {
  const dayMs = (s: string): number => (DATE.test(s) ? Date.parse(`${s}T00:00:00.000Z`) : NaN);
  const to = params.to || utcDay(now.getTime());
  const toMs = dayMs(to);
  if (!Number.isFinite(toMs) || utcDay(toMs) !== to) return { ok: false, error: 'to: expected a date YYYY-MM-DD' };
  const from = params.from || utcDay(toMs - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  const fromMs = dayMs(from);
  if (!Number.isFinite(fromMs) || utcDay(fromMs) !== from) return { ok: false, error: 'from: expected a date YYYY-MM-DD' };
  if (fromMs > toMs) return { ok: false, error: 'from: must not be after to' };
  if ((toMs - fromMs) / DAY_MS + 1 > MAX_PERIOD_DAYS) return { ok: false, error: `from: the period may span at most ${MAX_PERIOD_DAYS} days` };
  const raw = params.region ?? '';
  if (raw === '') return { ok: true, query: { from, to, region: null } };
  if (raw === 'unknown') return { ok: true, query: { from, to, region: '' } };
  if (!REGION.test(raw)) return { ok: false, error: 'region: expected a region code (FR, US, US-CA, CA-QC) or unknown' };
  return { ok: true, query: { from, to, region: raw } };
}

/** The group a receipt's method counts in. */
export function outcomeOf(method: Method): keyof Omit<OutcomeCounts, 'total'> {
  switch (method) {
    case 'accept-all':
      return 'acceptAll';
    case 'reject-all':
      return 'rejectAll';
    case 'gpc':
    case 'regime-default':
      return 'noChoice';
    default:
      return 'customised';
  }
}

const emptyOutcomes = (): OutcomeCounts => ({ acceptAll: 0, rejectAll: 0, customised: 0, noChoice: 0, total: 0 });

/** Every day from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00.000Z`); utcDay(t) <= to; t += DAY_MS) out.push(utcDay(t));
  return out;
}

const CATEGORIES: InsightCategory[] = ['functional', 'analytics', 'advertising'];

/** The insights response of a query, from its counter rows. */
export function insightsResponse(query: InsightsQuery, rows: InsightsRows): InsightsResponse {
  const days = daysOf(query.from, query.to);
  const byDay = new Map<string, DecisionDay>(days.map((day) => [day, { day, ...emptyOutcomes() }]));
  const outcomes = emptyOutcomes();
  const granted: Record<InsightCategory, number> = { functional: 0, analytics: 0, advertising: 0 };
  const gpcDays = new Map(days.map((day) => [day, { day, usDecisions: 0, withGpc: 0 }]));
  const gpc = { usDecisions: 0, withGpc: 0, days: [...gpcDays.values()] };
  for (const r of rows.decisions) {
    const n = Number(r.receipts);
    const group = outcomeOf(r.method);
    const day = byDay.get(r.day);
    if (day) {
      day[group] += n;
      day.total += n;
    }
    outcomes[group] += n;
    outcomes.total += n;
    for (const c of CATEGORIES) granted[c] += Number(r[c]);
    if (r.us) {
      gpc.usDecisions += n;
      gpc.withGpc += Number(r.gpc);
      const gpcDay = gpcDays.get(r.day);
      if (gpcDay) {
        gpcDay.usDecisions += n;
        gpcDay.withGpc += Number(r.gpc);
      }
    }
  }

  const links = new Map<string, LinkDay>(days.map((day) => [day, { day, linked: 0, revoked: {}, refused: {} }]));
  for (const l of rows.links) {
    const day = links.get(l.day);
    if (!day) continue;
    const n = Number(l.events);
    if (l.type === 'linked') day.linked += n;
    else if (l.type === 'revoked') day.revoked[l.reason as LinkRevocationReason] = (day.revoked[l.reason as LinkRevocationReason] ?? 0) + n;
    else day.refused[l.reason as LinkRefusalReason] = (day.refused[l.reason as LinkRefusalReason] ?? 0) + n;
  }

  return {
    from: query.from,
    to: query.to,
    region: query.region === null ? null : query.region === '' ? 'unknown' : query.region,
    regions: rows.regions.map((r) => (r === '' ? 'unknown' : r)),
    decisions: [...byDay.values()],
    outcomes,
    grants: CATEGORIES.map((category) => ({ category, granted: granted[category], decisions: outcomes.total })),
    gpc,
    medianSecondsToDecide: null,
    links: [...links.values()],
  };
}
