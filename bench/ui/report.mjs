// Medians and ranges of the UI benchmark's runs, as markdown tables, and the results section of
// bench/ui.md (between its markers; the rest of that file is prose kept by hand).
import { readFile, writeFile } from 'node:fs/promises';
import { NETWORKS } from './visit.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Thousands separated, whole numbers from 10 up, one decimal below; or a fixed number of digits. */
const fmt = (x, digits) =>
  digits !== undefined ? x.toFixed(digits)
  : Math.abs(Math.round(x)) >= 1000 ? Math.round(x).toLocaleString('en-US')
  : x >= 10 || Number.isInteger(x) ? String(Math.round(x))
  : x.toFixed(1);

/** "median (min–max)", or just the value when every run agrees; "–" without values. */
export function cell(values, { bold = false, digits } = {}) {
  const xs = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!xs.length) return '–';
  const m = fmt(median(xs), digits);
  const lo = fmt(Math.min(...xs), digits);
  const hi = fmt(Math.max(...xs), digits);
  const head = bold ? `**${m}**` : m;
  return lo === hi ? head : `${head} (${lo}–${hi})`;
}

const conditionLabel = ({ cpu, net }) => `${cpu}×, ${NETWORKS[net].label}`;
/** A markdown table; the first `left` columns are labels, the others right-aligned figures. */
const table = (head, rows, left) =>
  [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i < left ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Per-run checks that failed, as "what k/n". */
function checks(runs) {
  const n = runs.length;
  const count = (f) => runs.filter(f).length;
  const out = [];
  const failed = count((r) => !r.ok);
  if (failed) out.push(`banner not visible or run failed ${failed}/${n}`);
  const early = count((r) => r.analyticsBeforeConsent);
  if (early) out.push(`**gated script ran before consent ${early}/${n}**`);
  const noReturn = count((r) => r.ok && !r.baseline && r.consentApplied === null);
  if (noReturn) out.push(`returning visit failed ${noReturn}/${n}`);
  const again = count((r) => r.bannerOnReturn);
  if (again) out.push(`banner shown again ${again}/${n}`);
  const fetched = count((r) => r.returnFetches > 0);
  if (fetched) out.push(`library fetched again on return ${fetched}/${n}`);
  const errs = count((r) => r.errors.length > 0);
  if (errs) out.push(`page errors ${errs}/${n}`);
  return out.join('; ') || 'ok';
}

/**
 * @param {Array<{ cpu: number, net: string }>} conditions
 * @param {Array<object>} libs
 * @param {(cond, lib) => Array<object>} runsOf
 */
export function tables(conditions, libs, runsOf) {
  const ok = (cond, lib) => runsOf(cond, lib).filter((r) => r.ok);
  // Summary: the headline "banner visible" medians, the earliest per condition in bold.
  const banners = libs.filter((l) => l.banner);
  const summary = table(
    ['banner visible, ms', ...banners.map((l) => l.label)],
    conditions.map((cond) => {
      const meds = banners.map((l) => {
        const xs = ok(cond, l).map((r) => r.visibleAt).filter((x) => x !== null);
        return xs.length ? median(xs) : Infinity;
      });
      const best = Math.min(...meds);
      return [conditionLabel(cond), ...banners.map((l, i) => cell(ok(cond, l).map((r) => r.visibleAt), { bold: meds[i] === best && best !== Infinity }))];
    }),
    1,
  );
  const head = [
    'CPU', 'network', 'library', 'library requests', 'gzip B', 'last library byte', 'banner root in DOM', 'painted', '**visible**', 'settled',
    'LCP', 'LCP element', 'CLS', 'long tasks', 'long tasks, ms', 'library JS on main thread, ms', 'returning: consent applied', 'checks',
  ];
  const rows = [];
  for (const cond of conditions)
    for (const lib of libs) {
      const all = runsOf(cond, lib);
      const rs = all.filter((r) => r.ok);
      const els = new Map();
      for (const r of rs) els.set(r.lcpElement, (els.get(r.lcpElement) ?? 0) + 1);
      rows.push([
        `${cond.cpu}×`, NETWORKS[cond.net].label, lib.label,
        cell(rs.map((r) => r.requests)), cell(rs.map((r) => r.bytes)), cell(rs.map((r) => r.lastByte)),
        cell(rs.map((r) => r.rootAt)), cell(rs.map((r) => r.paintedAt)), cell(rs.map((r) => r.visibleAt), { bold: true }), cell(rs.map((r) => r.settledAt)),
        cell(rs.map((r) => r.lcp)), [...els].map(([el, k]) => (els.size === 1 && k === rs.length ? el : `${el} ${k}/${rs.length}`)).join(', ') || '–',
        cell(rs.map((r) => r.cls), { digits: 3 }),
        cell(rs.map((r) => r.longTasks)), cell(rs.map((r) => r.longTaskMs)), cell(rs.map((r) => r.scriptMs)), cell(rs.map((r) => r.consentApplied)),
        checks(all),
      ]);
    }
  return { summary, detail: table(head, rows, 3) };
}

export const START = '<!-- bench/ui.mjs results: start (generated, do not edit by hand) -->';
export const END = '<!-- bench/ui.mjs results: end -->';

/** Replaces the results section of `file` (or appends one) with `section`. */
export async function writeResults(file, section) {
  const text = await readFile(file, 'utf8').catch(() => '');
  const block = `${START}\n${section.trim()}\n${END}`;
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next);
}
