/**
 * From an insights answer to what each panel shows: the Chart.js configuration, the one-sentence
 * summary, and the table, whose CSV holds the same rows with raw numbers (shares as fractions)
 * and ISO days. Pure functions: no DOM, no Chart.js.
 */
import type { ChartConfiguration } from 'chart.js';
import type { InsightsResponse, LinkRefusalReason, LinkRevocationReason, OutcomeCounts } from '@assent/sdk/schema';
import type { I18n, MessageKey } from '../i18n.js';
import { COLOURS, type Table } from './model.js';

export interface PanelView {
  summary: string;
  config: ChartConfiguration<'bar'>;
  table: Table;
}

const OUTCOMES: { key: keyof Omit<OutcomeCounts, 'total'>; label: MessageKey; colour: string }[] = [
  { key: 'acceptAll', label: 'outcome.acceptAll', colour: COLOURS.green },
  { key: 'rejectAll', label: 'outcome.rejectAll', colour: COLOURS.vermillion },
  { key: 'customised', label: 'outcome.customised', colour: COLOURS.blue },
  { key: 'noChoice', label: 'outcome.noChoice', colour: COLOURS.grey },
];

const REVOCATIONS: LinkRevocationReason[] = ['withdrawn', 'expired', 'policy_outdated', 'erased'];
const REFUSALS: LinkRefusalReason[] = ['consent_required', 'consent_expired', 'policy_outdated', 'subject_unknown'];
const REVOCATION_COLOURS = [COLOURS.vermillion, COLOURS.amber, COLOURS.purple, COLOURS.red];

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
/** A share as a number for the CSV: a fraction with 4 decimals. */
const ratio = (part: number, whole: number): number => Math.round(share(part, whole) * 10_000) / 10_000;

const percentAxis = (i18n: I18n) => ({
  min: 0,
  max: 1,
  ticks: { callback: (v: string | number) => i18n.pct(Number(v)) },
});

/** "Decisions per day: 1,234 in 30 days, most on 3 Jun (120)." */
function daysSummary(i18n: I18n, chart: string, perDay: { day: string; n: number }[]): string {
  const total = perDay.reduce((s, d) => s + d.n, 0);
  if (!total) return i18n.t('chartSummaryEmpty', { chart });
  const peak = perDay.reduce((a, b) => (b.n > a.n ? b : a));
  return i18n.t('chartSummaryDays', { chart, total: i18n.n(total), days: perDay.length, peakDay: i18n.day(peak.day), peak: i18n.n(peak.n) });
}

export function decisionsPerDay(data: InsightsResponse, i18n: I18n): PanelView {
  const chart = i18n.t('chart.perDay');
  return {
    summary: daysSummary(i18n, chart, data.decisions.map((d) => ({ day: d.day, n: d.total }))),
    config: {
      type: 'bar',
      data: {
        labels: data.decisions.map((d) => i18n.day(d.day)),
        datasets: OUTCOMES.map((o) => ({ label: i18n.t(o.label), data: data.decisions.map((d) => d[o.key]), backgroundColor: o.colour })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    },
    table: {
      head: [i18n.t('day'), ...OUTCOMES.map((o) => i18n.t(o.label)), i18n.t('total')],
      rows: data.decisions.map((d) => [i18n.day(d.day), ...OUTCOMES.map((o) => i18n.n(d[o.key])), i18n.n(d.total)]),
      csv: data.decisions.map((d) => [d.day, ...OUTCOMES.map((o) => d[o.key]), d.total]),
    },
  };
}

export function outcomeShares(data: InsightsResponse, i18n: I18n): PanelView {
  const { outcomes } = data;
  const chart = i18n.t('chart.outcomes');
  return {
    summary: outcomes.total
      ? `${chart}: ${OUTCOMES.map((o) => `${i18n.t(o.label)} ${i18n.pct(share(outcomes[o.key], outcomes.total))}`).join(', ')}.`
      : i18n.t('chartSummaryEmpty', { chart }),
    config: {
      type: 'bar',
      data: {
        labels: OUTCOMES.map((o) => i18n.t(o.label)),
        datasets: [{
          label: i18n.t('share'),
          data: OUTCOMES.map((o) => share(outcomes[o.key], outcomes.total)),
          backgroundColor: OUTCOMES.map((o) => o.colour),
        }],
      },
      options: { indexAxis: 'y', scales: { x: percentAxis(i18n) }, plugins: { legend: { display: false } } },
    },
    table: {
      head: [i18n.t('outcome'), i18n.t('decisions'), i18n.t('share')],
      rows: [
        ...OUTCOMES.map((o) => [i18n.t(o.label), i18n.n(outcomes[o.key]), i18n.pct(share(outcomes[o.key], outcomes.total))]),
        [i18n.t('total'), i18n.n(outcomes.total), outcomes.total ? i18n.pct(1) : i18n.pct(0)],
      ],
      csv: [
        ...OUTCOMES.map((o) => [i18n.t(o.label), outcomes[o.key], ratio(outcomes[o.key], outcomes.total)]),
        [i18n.t('total'), outcomes.total, outcomes.total ? 1 : 0],
      ],
    },
  };
}

export function grantRates(data: InsightsResponse, i18n: I18n): PanelView {
  const chart = i18n.t('chart.grants');
  const label = (c: string) => i18n.t(`category.${c}` as MessageKey);
  return {
    summary: data.outcomes.total
      ? `${chart}: ${data.grants.map((g) => `${label(g.category)} ${i18n.pct(share(g.granted, g.decisions))}`).join(', ')}.`
      : i18n.t('chartSummaryEmpty', { chart }),
    config: {
      type: 'bar',
      data: {
        labels: data.grants.map((g) => label(g.category)),
        datasets: [{ label: i18n.t('grantRate'), data: data.grants.map((g) => share(g.granted, g.decisions)), backgroundColor: [COLOURS.blue, COLOURS.green, COLOURS.vermillion] }],
      },
      options: { scales: { y: percentAxis(i18n) }, plugins: { legend: { display: false } } },
    },
    table: {
      head: [i18n.t('category'), i18n.t('granted'), i18n.t('decisions'), i18n.t('grantRate')],
      rows: data.grants.map((g) => [label(g.category), i18n.n(g.granted), i18n.n(g.decisions), i18n.pct(share(g.granted, g.decisions))]),
      csv: data.grants.map((g) => [label(g.category), g.granted, g.decisions, ratio(g.granted, g.decisions)]),
    },
  };
}

export function gpcShare(data: InsightsResponse, i18n: I18n): PanelView {
  const { gpc } = data;
  return {
    summary: gpc.usDecisions
      ? i18n.t('gpcSummary', { share: i18n.pct(share(gpc.withGpc, gpc.usDecisions)), count: i18n.n(gpc.usDecisions) })
      : i18n.t('gpcNone'),
    config: {
      type: 'bar',
      data: {
        labels: gpc.days.map((d) => i18n.day(d.day)),
        datasets: [{ label: i18n.t('gpcShare'), data: gpc.days.map((d) => share(d.withGpc, d.usDecisions)), backgroundColor: COLOURS.purple }],
      },
      options: { scales: { y: percentAxis(i18n) }, plugins: { legend: { display: false } } },
    },
    table: {
      head: [i18n.t('day'), i18n.t('usDecisions'), i18n.t('withGpc'), i18n.t('gpcShare')],
      rows: [
        ...gpc.days.map((d) => [i18n.day(d.day), i18n.n(d.usDecisions), i18n.n(d.withGpc), d.usDecisions ? i18n.pct(share(d.withGpc, d.usDecisions)) : '—']),
        [i18n.t('total'), i18n.n(gpc.usDecisions), i18n.n(gpc.withGpc), gpc.usDecisions ? i18n.pct(share(gpc.withGpc, gpc.usDecisions)) : '—'],
      ],
      csv: [
        ...gpc.days.map((d) => [d.day, d.usDecisions, d.withGpc, ratio(d.withGpc, d.usDecisions)]),
        [i18n.t('total'), gpc.usDecisions, gpc.withGpc, ratio(gpc.withGpc, gpc.usDecisions)],
      ],
    },
  };
}

export function linksPerDay(data: InsightsResponse, i18n: I18n): PanelView {
  const chart = i18n.t('chart.links');
  const refused = (d: InsightsResponse['links'][number]) => REFUSALS.reduce((s, r) => s + (d.refused[r] ?? 0), 0);
  const revoked = (d: InsightsResponse['links'][number]) => REVOCATIONS.reduce((s, r) => s + (d.revoked[r] ?? 0), 0);
  return {
    summary: daysSummary(i18n, chart, data.links.map((d) => ({ day: d.day, n: d.linked + revoked(d) + refused(d) }))),
    config: {
      type: 'bar',
      data: {
        labels: data.links.map((d) => i18n.day(d.day)),
        datasets: [
          { label: i18n.t('linked'), data: data.links.map((d) => d.linked), backgroundColor: COLOURS.blue, stack: 'linked' },
          ...REVOCATIONS.map((r, i) => ({
            label: i18n.t(`revoked.${r}` as MessageKey), data: data.links.map((d) => d.revoked[r] ?? 0), backgroundColor: REVOCATION_COLOURS[i], stack: 'revoked',
          })),
          { label: i18n.t('refusedAll'), data: data.links.map(refused), backgroundColor: COLOURS.grey, stack: 'refused' },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    },
    table: {
      head: [
        i18n.t('day'), i18n.t('linked'),
        ...REVOCATIONS.map((r) => i18n.t(`revoked.${r}` as MessageKey)),
        ...REFUSALS.map((r) => i18n.t(`refused.${r}` as MessageKey)),
      ],
      rows: data.links.map((d) => [
        i18n.day(d.day), i18n.n(d.linked), ...REVOCATIONS.map((r) => i18n.n(d.revoked[r] ?? 0)), ...REFUSALS.map((r) => i18n.n(d.refused[r] ?? 0)),
      ]),
      csv: data.links.map((d) => [d.day, d.linked, ...REVOCATIONS.map((r) => d.revoked[r] ?? 0), ...REFUSALS.map((r) => d.refused[r] ?? 0)]),
    },
  };
}
