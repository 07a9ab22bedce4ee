/**
 * docs/regions.md explains every row of the region table. These tests keep the two in step: the
 * document's settings and source tables (the tables whose first column is headed `row`) must name
 * exactly the rows of REGION_TABLE, and each settings cell must say what the code holds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGION_TABLE } from '../src/policy/table.js';
import type { RegionRule } from '../src/policy/types.js';
import { OPTIONAL_CATEGORIES } from '../src/schema/receipt.js';

const DOC = 'docs/regions.md';
const doc = readFileSync(new URL(`../../../${DOC}`, import.meta.url), 'utf8');

const cellsOf = (line: string): string[] =>
  line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.replaceAll('`', '').trim());

/** Every Markdown table of the document whose first column is headed `row`, as header and rows. */
function rowTables(markdown: string): { header: string[]; rows: string[][] }[] {
  const tables: string[][] = [];
  let inTable = false;
  for (const line of markdown.split('\n')) {
    const isRow = line.trimStart().startsWith('|');
    if (isRow && !inTable) tables.push([]);
    if (isRow) tables[tables.length - 1]!.push(line);
    inTable = isRow;
  }
  return tables
    .map((lines) => ({ header: cellsOf(lines[0]!), rows: lines.slice(2).map(cellsOf) }))
    .filter((t) => t.header[0] === 'row');
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The settings columns of the document and how each renders a row of the table. */
const SETTINGS: Record<string, (r: RegionRule) => string> = {
  model: (r) => r.model,
  'on before a choice': (r) => OPTIONAL_CATEGORIES.filter((c) => r.defaults[c]).join(', ') || 'none',
  GPC: (r) => yesNo(r.honourGpc),
  'policy bump re-asks': (r) => yesNo(r.reconsent),
  'kept (days)': (r) => `${r.lifetimeDays.accept} / ${r.lifetimeDays.refuse}`,
  'min age': (r) => String(r.minAge),
  language: (r) => r.language || 'page',
  notices: (r) => r.notices.join(', ') || 'none',
  'privacy choices': (r) => yesNo(r.privacyChoices),
};
const SOURCES = ['why', 'source', 'dated'];

const tables = rowTables(doc);
const settings = tables.filter((t) => t.header.includes('model'));
const sources = tables.filter((t) => t.header.includes('source'));
const tableKeys = Object.keys(REGION_TABLE).sort();

describe(`${DOC} matches the region table`, () => {
  it('has only settings and source tables headed `row`, with the expected columns', () => {
    expect(tables.length).toBeGreaterThan(0);
    expect(settings.length + sources.length).toBe(tables.length);
    for (const t of settings) expect(t.header).toEqual(['row', ...Object.keys(SETTINGS)]);
    for (const t of sources) expect(t.header).toEqual(['row', ...SOURCES]);
  });

  for (const [kind, group] of [['settings', settings], ['source', sources]] as const) {
    it(`its ${kind} tables name every row of REGION_TABLE exactly once, and no other`, () => {
      const named = group.flatMap((t) => t.rows.map((r) => r[0]!));
      const missing = tableKeys.filter((k) => !named.includes(k));
      const unknown = named.filter((k) => !(k in REGION_TABLE));
      const twice = named.filter((k, i) => named.indexOf(k) !== i);
      expect({ missing, unknown, twice }, `update ${DOC} with packages/sdk/src/policy/table.ts`).toEqual({
        missing: [],
        unknown: [],
        twice: [],
      });
    });
  }

  it('states each row’s settings as the code holds them', () => {
    const wrong: string[] = [];
    for (const t of settings)
      for (const cells of t.rows) {
        const rule = REGION_TABLE[cells[0]!];
        if (!rule) continue; // reported by the test above
        Object.entries(SETTINGS).forEach(([column, render], i) => {
          const expected = render(rule);
          if (cells[i + 1] !== expected) wrong.push(`${cells[0]} ${column}: doc says "${cells[i + 1]}", code holds "${expected}"`);
        });
      }
    expect(wrong).toEqual([]);
  });

  it('gives every row a reason, a source and a date (or says none is recorded)', () => {
    const empty = sources.flatMap((t) => t.rows.filter((r) => r.length !== 4 || r.some((c) => c === '')).map((r) => r[0]));
    expect(empty).toEqual([]);
  });
});
