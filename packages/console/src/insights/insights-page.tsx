/** The insights page: a period and a region, then one panel per chart. */
import type { InsightsResponse } from '@assent/sdk/schema';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorMessage, useFailure } from '../failure.js';
import type { I18n } from '../i18n.js';
import { ChartPanel } from './chart-panel.js';
import { decisionsPerDay, gpcShare, grantRates, linksPerDay, outcomeShares } from './views.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface Selection {
  from: string;
  to: string;
  region: string;
}

/** The last 30 days (UTC), today included. */
export const defaultSelection = (now = Date.now()): Selection => ({ from: isoDay(now - 29 * DAY_MS), to: isoDay(now), region: '' });

export function InsightsPage({ i18n, onUnauthorized }: { i18n: I18n; onUnauthorized: () => void }) {
  const [draft, setDraft] = useState<Selection>(defaultSelection);
  const [shown, setShown] = useState<Selection>(draft);
  const [data, setData] = useState<InsightsResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, fail] = useFailure(onUnauthorized);

  useEffect(() => {
    let current = true;
    setLoading(true);
    fail(null);
    api.insights(shown).then(
      (d) => current && setData(d),
      (err: unknown) => current && fail(err),
    ).finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [shown]);

  const views = useMemo(() => (data ? {
    perDay: decisionsPerDay(data, i18n),
    outcomes: outcomeShares(data, i18n),
    grants: grantRates(data, i18n),
    gpc: gpcShare(data, i18n),
    links: linksPerDay(data, i18n),
  } : null), [data, i18n]);

  const regions = useMemo(() => {
    const list = new Set(data?.regions ?? []);
    // Countries with subdivisions, so "US" (every state) can be chosen.
    for (const r of data?.regions ?? []) if (r.includes('-')) list.add(r.slice(0, 2));
    if (shown.region) list.add(shown.region);
    return [...list].sort();
  }, [data, shown.region]);

  const suffix = `${shown.from}_${shown.to}${shown.region ? `_${shown.region}` : ''}`;
  return (
    <>
      <p class="intro">{i18n.t('insightsIntro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ ...draft });
        }}
      >
        <div class="field">
          <label for="period-from">{i18n.t('from')}</label>
          <input id="period-from" type="date" required value={draft.from} max={draft.to} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="period-to">{i18n.t('to')}</label>
          <input id="period-to" type="date" required value={draft.to} min={draft.from} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="region">{i18n.t('region')}</label>
          <select id="region" value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.currentTarget.value })}>
            <option value="">{i18n.t('allRegions')}</option>
            {regions.map((r) => <option value={r}>{r === 'unknown' ? i18n.t('unknownRegion') : r}</option>)}
          </select>
        </div>
        <button type="submit">{i18n.t('show')}</button>
      </form>
      <ErrorMessage failure={failure} i18n={i18n} />
      <p class="status" role="status">{loading ? i18n.t('loading') : data && !data.outcomes.total ? i18n.t('noData') : ''}</p>
      {views && data && (
        <div class="panels" aria-busy={loading}>
          <ChartPanel id="per-day" file={`decisions-per-day_${suffix}`} title={i18n.t('chart.perDay')} i18n={i18n} {...views.perDay} />
          <ChartPanel id="outcomes" file={`decisions-by-outcome_${suffix}`} title={i18n.t('chart.outcomes')} i18n={i18n} {...views.outcomes} />
          <ChartPanel id="grants" file={`grant-rate-per-category_${suffix}`} title={i18n.t('chart.grants')} i18n={i18n} {...views.grants} />
          <ChartPanel id="gpc" file={`us-gpc-share_${suffix}`} title={i18n.t('chart.gpc')} i18n={i18n} note={views.gpc.summary} {...views.gpc} />
          <section class="panel" aria-labelledby="time-to-decide">
            <h3 id="time-to-decide">{i18n.t('timeToDecideTitle')}</h3>
            <p class="note">{data.medianSecondsToDecide === null ? i18n.t('timeToDecideNone') : `${i18n.n(data.medianSecondsToDecide)} s`}</p>
          </section>
          <ChartPanel id="links" file={`links-per-day_${shown.from}_${shown.to}`} title={i18n.t('chart.links')} i18n={i18n} note={i18n.t('linksNote')} {...views.links} />
        </div>
      )}
    </>
  );
}
