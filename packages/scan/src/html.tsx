/**
 * The HTML report (`--html report.html`): one self-contained file (styles, script and screenshots
 * inline), rendered with Preact on the server so every value from the site is escaped. A
 * Content-Security-Policy allows only its own style and script (by hash) and `data:` images, so
 * nothing a scanned site put in a cookie name or URL can run. Works without the script (all rows
 * shown); the script adds the filters.
 */
import { createHash } from 'node:crypto';
import { renderToString } from 'preact-render-to-string';
import type { ComponentChildren } from 'preact';
import type { Language } from '@assent/sdk';
import type { CookieObservation, CookieTable, Leak, Occurrence, PageReport, RegionReport, RequestObservation, ScanReport, ScanState, Stale, StateSummary, Undeclared } from './report.js';
import { formatLifetime } from './durations.js';

const STATE_NAMES: Record<ScanState, string> = { before: 'Before any decision', reject: 'After “Reject all”', accept: 'After “Accept all”' };

/** Columns of the per-state summary, in order: the same keys as the JSON's `summary`. */
export const SUMMARY_COLUMNS: ReadonlyArray<[keyof StateSummary, string]> = [
  ['pages', 'Pages'],
  ['leaks', 'Leaks'],
  ['undeclared', 'Undeclared'],
  ['cookies', 'Cookies'],
  ['firstPartyCookies', 'First-party cookies'],
  ['thirdPartyCookies', 'Third-party cookies'],
  ['thirdPartyRequests', 'Requests to other sites'],
  ['thirdPartyHosts', 'Other-site hosts'],
  ['iframes', 'Iframes'],
  ['storageKeys', 'Storage keys'],
  ['consentModeCommands', 'Consent Mode commands'],
];

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --bad: #b42318; --ok: #146c2e; --warn: #8a4b00; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1rem; margin: 24px 0 8px; }
h4 { font-size: 1rem; margin: 16px 0 6px; }
.meta { color: var(--muted); margin: 0; }
.verdict { font-weight: 600; padding: 10px 14px; border-radius: 6px; border: 1px solid; }
.verdict--bad { color: var(--bad); background: #fef3f2; }
.verdict--ok { color: var(--ok); background: #ecfdf3; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; padding: 0; }
.cards div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: var(--bg); }
.cards dt { color: var(--muted); font-size: .85rem; }
.cards dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--bg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td { overflow-wrap: break-word; }
.bad { color: var(--bad); font-weight: 600; }
.ok { color: var(--ok); }
figure { margin: 8px 0 16px; }
figure img { max-width: min(100%, 720px); height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .9rem; }
form.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; padding: 12px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .9rem; gap: 2px; }
select, input { font: inherit; padding: 4px 6px; border: 1px solid #6e7781; border-radius: 4px; min-height: 32px; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 8px; overflow-x: auto; font-size: .85rem; margin: 4px 0; }
details { margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; }
summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
footer { color: var(--muted); padding: 24px 20px 40px; }
`;

const SCRIPT = `(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var region = document.getElementById('filter-region');
  var state = document.getElementById('filter-state');
  var text = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-regions]'));
  function apply() {
    var r = region.value, s = state.value, t = text.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!r || row.getAttribute('data-regions').split(' ').indexOf(r) >= 0) &&
        (!s || row.getAttribute('data-states').split(' ').indexOf(s) >= 0) &&
        (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' finding and detail rows.';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const CSP = `default-src 'none'; img-src data:; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; base-uri 'none'; form-action 'none'`;

/** Filter tokens for rows: region index (labels may hold spaces) and state names. */
interface Tokens {
  regionToken: (label: string) => string;
}

function occurrenceAttrs(occ: readonly Occurrence[], t: Tokens) {
  return {
    'data-regions': [...new Set(occ.map((o) => t.regionToken(o.region)))].join(' '),
    'data-states': [...new Set(occ.map((o) => o.state))].join(' '),
  };
}

function where(occ: readonly Occurrence[]): string {
  const byState = new Map<string, Set<string>>();
  for (const o of occ) byState.set(`${o.region} · ${o.state}`, (byState.get(`${o.region} · ${o.state}`) ?? new Set()).add(o.page));
  return [...byState].map(([k, pages]) => `${k} (${pages.size} page${pages.size === 1 ? '' : 's'})`).join('; ');
}

const Num = ({ n, field }: { n: number; field?: string }) => (
  <td class={`num${field === 'leaks' && n > 0 ? ' bad' : ''}`} data-field={field}>
    {n}
  </td>
);

function Overview({ report }: { report: ScanReport }) {
  const s = report.summary;
  const items: Array<[keyof typeof s, string]> = [
    ['leaks', 'Leaks'],
    ['undeclared', 'Undeclared'],
    ['stale', 'Stale declarations'],
    ['pages', 'Pages per state'],
    ['regions', 'Regions'],
    ['cookies', 'Distinct cookies'],
    ['thirdPartyHosts', 'Other-site hosts'],
  ];
  const bad = s.leaks > 0;
  return (
    <section aria-labelledby="overview">
      <h2 id="overview">Overview</h2>
      <p class={`verdict ${bad ? 'verdict--bad' : 'verdict--ok'}`} id="verdict">
        {bad
          ? `${s.leaks} leak${s.leaks === 1 ? '' : 's'}: something non-necessary ran before consent or after refusal.`
          : 'No leak: nothing non-necessary ran before consent or after refusal on the pages scanned.'}
        {s.undeclared ? ` ${s.undeclared} item${s.undeclared === 1 ? '' : 's'} the config does not declare.` : ''}
        {report.complete ? '' : ' The scan is incomplete (see warnings): these are lower bounds.'}
      </p>
      <dl class="cards">
        {items.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-summary={key}>{s[key]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RegionSection({ region, shot, t }: { region: RegionReport; shot?: Buffer; t: Tokens }) {
  const id = `region-${t.regionToken(region.label)}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {region.label}
        {region.regime ? ` — ${region.regime.model} (row ${region.regime.key})` : ''}
      </h3>
      {region.requested && region.assentRegion && region.assentRegion !== region.requested ? (
        <p class="bad">Assent resolved {region.assentRegion}, not {region.requested}.</p>
      ) : null}
      {shot ? (
        <figure>
          <img
            src={`data:image/jpeg;base64,${shot.toString('base64')}`}
            width={1280}
            height={800}
            alt={`Screenshot of the first page in ${region.label} before any decision, with the consent banner`}
          />
          <figcaption>The banner as a first-time visitor in {region.label} sees it.</figcaption>
        </figure>
      ) : (
        <p class="bad">No banner appeared in {region.label}.</p>
      )}
      <table data-summary-region={region.label}>
        <caption>Counts per state in {region.label}</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            {SUMMARY_COLUMNS.map(([, label]) => (
              <th scope="col" class="num" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {region.states.map((s) => (
            <tr key={s.state} data-region={region.label} data-state={s.state}>
              <th scope="row">
                {STATE_NAMES[s.state]}
                {s.clicked.length ? <small> (clicked {s.clicked.map((c) => `“${c}”`).join(' then ')})</small> : null}
                {s.error ? <small class="bad"> — {s.error}</small> : null}
              </th>
              {SUMMARY_COLUMNS.map(([key]) => (
                <Num key={key} n={s.summary[key]} field={key} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Filters({ report, t }: { report: ScanReport; t: Tokens }) {
  return (
    <form id="filters" class="filters" aria-label="Filter findings and details" hidden>
      <label>
        Region
        <select id="filter-region">
          <option value="">All regions</option>
          {report.regions.map((r) => (
            <option key={r.label} value={t.regionToken(r.label)}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        State
        <select id="filter-state">
          <option value="">All states</option>
          {(['before', 'reject', 'accept'] as const).map((s) => (
            <option key={s} value={s}>
              {STATE_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Text
        <input id="filter-text" type="search" placeholder="cookie, host, service…" />
      </label>
      <p id="filter-status" role="status" aria-live="polite"></p>
    </form>
  );
}

function LeakTable({ leaks, t }: { leaks: Leak[]; t: Tokens }) {
  if (!leaks.length) return <p class="ok">None.</p>;
  return (
    <table>
      <caption>Leaks: seen before consent or after refusal</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Cookie or host</th>
          <th scope="col">Category</th>
          <th scope="col">Why</th>
          <th scope="col">Example</th>
          <th scope="col">Where</th>
        </tr>
      </thead>
      <tbody>
        {leaks.map((l) => (
          <tr key={l.id} {...occurrenceAttrs(l.occurrences, t)}>
            <td>{l.kind}</td>
            <td>
              <code>{l.name}</code>
              {l.domain ? ` (${l.domain})` : ''}
            </td>
            <td>{l.category}</td>
            <td>{l.reason}</td>
            <td>
              <code>{l.example.url}</code>
              {l.example.initiator?.url ? <> — initiated by {l.example.initiator.type} <code>{l.example.initiator.url}</code></> : null}
              {l.example.setBy ? <> — set by {l.example.setBy.kind} <code>{l.example.setBy.url}</code></> : null}
            </td>
            <td>{where(l.occurrences)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UndeclaredTable({ items, t }: { items: Undeclared[]; t: Tokens }) {
  if (!items.length) return <p class="ok">None.</p>;
  return (
    <table>
      <caption>Seen, but not in the config</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Cookie or host</th>
          <th scope="col">Party</th>
          <th scope="col">Known as</th>
          <th scope="col">Suggestion</th>
          <th scope="col">Where</th>
        </tr>
      </thead>
      <tbody>
        {items.map((u) => (
          <tr key={u.id} {...occurrenceAttrs(u.occurrences, t)}>
            <td>{u.kind}</td>
            <td>
              <code>{u.name}</code>
              {u.domain ? ` (${u.domain})` : ''}
              {u.example.setBy ? <> — set by {u.example.setBy.kind} <code>{u.example.setBy.url}</code></> : null}
            </td>
            <td>{u.party}</td>
            <td>{u.preset ? `preset ${u.preset} (${u.category})` : u.service ? `service ${u.service} (${u.category})` : 'unknown'}</td>
            <td>
              <SuggestionView s={u.suggestion} />
            </td>
            <td>{where(u.occurrences)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SuggestionView({ s }: { s: Undeclared['suggestion'] }) {
  switch (s.kind) {
    case 'preset':
      return <>Add to <code>services</code>: <pre>{JSON.stringify(s.entry)}</pre></>;
    case 'service':
      return <>Add to <code>services</code> and complete: <pre>{JSON.stringify(s.entry, null, 2)}</pre></>;
    case 'add-cookie':
      return <>Add to the <code>cookies</code> of service <code>{s.service}</code>: <pre>{JSON.stringify(s.cookie, null, 2)}</pre></>;
    case 'necessary':
      return <>If the site needs it to work, declare it to the scan: <code>{s.option}</code>; otherwise add it to the service that sets it.</>;
  }
}

function StaleTable({ items }: { items: Stale[] }) {
  if (!items.length) return <p class="ok">None.</p>;
  return (
    <table>
      <caption>Declared in the config, never seen on the pages scanned</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Service</th>
          <th scope="col">Host or cookie</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <td>{s.kind}</td>
            <td>
              <code>{s.service}</code>
            </td>
            <td>
              <code>{s.value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CookieTables({ tables }: { tables: CookieTable[] }) {
  return (
    <>
      {tables.map((table) => {
        const name = LANGUAGE_NAMES.of(table.language) ?? table.language;
        const id = `cookie-table-${table.language}`;
        return (
          <section key={table.language} aria-labelledby={id}>
            <h3 id={id}>
              {name} ({table.language})
            </h3>
            <table lang={table.language} dir={table.language === 'ar' ? 'rtl' : undefined}>
              <caption lang="en" dir="ltr">Cookie table in {name}</caption>
              <thead lang="en" dir="ltr">
                <tr>
                  <th scope="col">Cookie</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Category</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.name}>
                    <td>
                      <code>{r.name}</code>
                    </td>
                    <td>{r.provider}</td>
                    <td>{r.categoryLabel}</td>
                    <td>{r.purpose}</td>
                    <td>{r.duration}</td>
                    <td lang="en" dir="ltr">{r.declared ? (r.observed ? 'declared, seen' : 'declared, not seen') : <span class="bad">not declared</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

function CookieRows({ cookies, attrs }: { cookies: CookieObservation[]; attrs: Record<string, string> }) {
  return (
    <table>
      <caption>Cookies</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Domain</th>
          <th scope="col">Path</th>
          <th scope="col">Expires in</th>
          <th scope="col">Party</th>
          <th scope="col">Category</th>
          <th scope="col">Set by</th>
          <th scope="col">Allowed</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((c) => (
          <tr key={`${c.name}@${c.domain}${c.path}`} {...attrs}>
            <td>
              <code>{c.name}</code>
            </td>
            <td>{c.domain}</td>
            <td>{c.path}</td>
            <td>{formatLifetime(c.lifetimeSeconds, 'en' as Language)}</td>
            <td>{c.party}</td>
            <td>
              {c.category}
              {c.service ? ` (${c.service})` : ''}
            </td>
            <td>{c.setBy ? <>{c.setBy.kind} <code>{c.setBy.url}</code></> : 'unknown'}</td>
            <td class={c.allowed ? 'ok' : 'bad'}>{c.allowed ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RequestRows({ requests, attrs }: { requests: RequestObservation[]; attrs: Record<string, string> }) {
  return (
    <table>
      <caption>Requests to other sites</caption>
      <thead>
        <tr>
          <th scope="col">Host</th>
          <th scope="col">URL</th>
          <th scope="col">Type</th>
          <th scope="col">Initiator</th>
          <th scope="col">Category</th>
          <th scope="col">Allowed</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r, i) => (
          <tr key={i} {...attrs}>
            <td>{r.host}</td>
            <td>
              <code>{r.url.length > 200 ? `${r.url.slice(0, 200)}…` : r.url}</code>
            </td>
            <td>{r.resourceType}</td>
            <td>{r.initiator ? <>{r.initiator.type} <code>{r.initiator.url ?? ''}</code></> : 'unknown'}</td>
            <td>
              {r.category}
              {r.service ? ` (${r.service})` : ''}
            </td>
            <td class={r.allowed ? 'ok' : 'bad'}>{r.allowed ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PageDetails({ page, attrs }: { page: PageReport; attrs: Record<string, string> }) {
  const title = `${page.phase === 'decision' ? 'After the click on ' : ''}${page.url}`;
  return (
    <section aria-label={title}>
      <h4>
        {page.phase === 'decision' ? 'After the click on ' : ''}
        <code>{page.url}</code>
        {page.status !== null ? ` — HTTP ${page.status}` : ''}
        {page.error ? <span class="bad"> — {page.error}</span> : null}
      </h4>
      <p>
        Decisions:{' '}
        {page.decisions
          ? Object.entries(page.decisions)
              .map(([k, v]) => `${k} ${v ? 'granted' : 'refused'}`)
              .join(', ')
          : 'Assent did not start'}
      </p>
      {page.cookies.length ? <CookieRows cookies={page.cookies} attrs={attrs} /> : <p>No cookies.</p>}
      {page.requests.length ? <RequestRows requests={page.requests} attrs={attrs} /> : <p>No requests to other sites.</p>}
      {page.storage.length ? (
        <ul>
          {page.storage.map((s) => (
            <li key={`${s.origin}${s.area}`}>
              {s.area}Storage of <code>{s.origin}</code>: {s.keys.map((k) => <code key={k}>{k} </code>)}
            </li>
          ))}
        </ul>
      ) : null}
      {page.iframes.length ? (
        <p>
          Iframes: {page.iframes.map((f) => <code key={f}>{f} </code>)}
        </p>
      ) : null}
      {page.consentMode.length ? <pre>{page.consentMode.map((c) => `#${c.index} consent ${c.command} ${JSON.stringify(c.params)}`).join('\n')}</pre> : null}
    </section>
  );
}

function Details({ report, t }: { report: ScanReport; t: Tokens }) {
  return (
    <>
      {report.regions.map((r) =>
        r.states.map((s) => {
          const attrs = { 'data-regions': t.regionToken(r.label), 'data-states': s.state };
          return (
            <details key={`${r.label}-${s.state}`}>
              <summary>
                {r.label} · {STATE_NAMES[s.state]}: {s.summary.pages} page{s.summary.pages === 1 ? '' : 's'}, {s.summary.leaks} leak{s.summary.leaks === 1 ? '' : 's'}
              </summary>
              {s.pages.map((p, i) => (
                <PageDetails key={i} page={p} attrs={attrs} />
              ))}
            </details>
          );
        }),
      )}
    </>
  );
}

function Report({ report, screenshots }: { report: ScanReport; screenshots: ReadonlyMap<string, Buffer> }) {
  const index = new Map(report.regions.map((r, i) => [r.label, `r${i}`]));
  const t: Tokens = { regionToken: (label) => index.get(label) ?? 'r?' };
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content={CSP} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Assent scan of ${report.site.origin}: ${report.summary.leaks} leak${report.summary.leaks === 1 ? '' : 's'}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <h1>Assent scan of {report.site.origin}</h1>
          <p class="meta">
            {report.scannedAt} · {(report.durationMs / 1000).toFixed(1)} s · {report.site.pages.length} page{report.site.pages.length === 1 ? '' : 's'} from{' '}
            {report.site.pagesFrom === 'sitemap' ? 'the sitemap' : 'the start page’s links'} · config {report.config.source} (policy {report.config.policyVersion}) ·
            assent-scan {report.tool.version}, report schema {report.schemaVersion}
          </p>
        </header>
        <main>
          <Overview report={report} />
          <section aria-labelledby="regions">
            <h2 id="regions">Regions and states</h2>
            {report.regions.map((r) => (
              <RegionSection key={r.label} region={r} shot={screenshots.get(r.label)} t={t} />
            ))}
          </section>
          <section aria-labelledby="findings">
            <h2 id="findings">Findings</h2>
            <Filters report={report} t={t} />
            <h3 id="leaks">Leaks ({report.leaks.length})</h3>
            <LeakTable leaks={report.leaks} t={t} />
            <h3 id="undeclared">Undeclared ({report.undeclared.length})</h3>
            <UndeclaredTable items={report.undeclared} t={t} />
            <h3 id="stale">Stale declarations ({report.stale.length})</h3>
            <StaleTable items={report.stale} />
          </section>
          <section aria-labelledby="cookie-table">
            <h2 id="cookie-table">Cookie table for the privacy statement</h2>
            <CookieTables tables={report.cookieTable} />
          </section>
          <section aria-labelledby="details">
            <h2 id="details">Details per region and state</h2>
            <Details report={report} t={t} />
          </section>
          {report.warnings.length ? (
            <section aria-labelledby="warnings">
              <h2 id="warnings">Warnings</h2>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </main>
        <footer>
          <p>Pages scanned: {report.site.pages.map((p) => <PageUrl key={p}>{p}</PageUrl>)}</p>
        </footer>
        <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
      </body>
    </html>
  );
}

const PageUrl = ({ children }: { children: ComponentChildren }) => (
  <>
    <code>{children}</code>{' '}
  </>
);

/** The HTML report for a scan result. */
export function renderHtml(report: ScanReport, screenshots: ReadonlyMap<string, Buffer> = new Map()): string {
  return `<!doctype html>\n${renderToString(<Report report={report} screenshots={screenshots} />)}\n`;
}
