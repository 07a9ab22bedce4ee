import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/html.js';
import type { ScanReport } from '../src/report.js';

const EVIL = '<img src=x onerror=alert(1)>';
const summary = { pages: 1, cookies: 1, firstPartyCookies: 1, thirdPartyCookies: 0, thirdPartyRequests: 0, thirdPartyHosts: 0, iframes: 0, storageKeys: 0, consentModeCommands: 0, leaks: 1, undeclared: 1 };
const occurrence = { region: 'FR', state: 'before' as const, page: 'https://www.example.com/' };
const report: ScanReport = {
  schemaVersion: 1,
  tool: { name: 'assent-scan', version: '0.1.0' },
  scannedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  complete: true,
  site: { startUrl: 'https://www.example.com/', origin: 'https://www.example.com', site: 'example.com', pages: ['https://www.example.com/'], pagesFrom: 'links', robotsTxt: 'none', userAgent: 'ua' },
  config: { source: 'site.json', policyVersion: '1', services: [], warnings: [] },
  options: { regions: ['FR'], regionVia: 'attribute', pages: 1, strict: false, necessaryCookies: [], necessaryHosts: [] },
  summary: { pages: 1, regions: 1, leaks: 1, undeclared: 1, stale: 0, cookies: 1, thirdPartyHosts: 0 },
  leaks: [{ id: `cookie:${EVIL}@example.com`, kind: 'cookie', name: EVIL, domain: 'example.com', category: 'unclassified', source: 'none', service: null, preset: null, reason: 'r', example: { url: 'https://www.example.com/' }, occurrences: [occurrence] }],
  undeclared: [{ id: 'u', kind: 'cookie', name: EVIL, domain: 'example.com', party: 'first', category: 'unclassified', source: 'none', service: null, preset: null, example: { url: 'https://www.example.com/' }, suggestion: { kind: 'necessary', option: `--necessary-cookie '${EVIL}'` }, occurrences: [occurrence] }],
  stale: [],
  cookieTable: [{ language: 'fr', rows: [{ name: EVIL, provider: '</td><script>alert(2)</script>', category: 'unclassified', categoryLabel: 'Non classé', purpose: '', duration: '1 jour', service: null, declared: false, observed: true }] }],
  regions: [{ requested: 'FR', label: 'FR', assentRegion: 'FR', regime: { key: 'FR', model: 'opt-in', language: 'fr' }, banner: { found: true, language: 'fr' }, states: [{ state: 'before', clicked: [], summary, pages: [] }] }],
  warnings: [],
};

describe('the HTML report', () => {
  const html = renderHtml(report);

  it('escapes everything the scanned site controls', () => {
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('allows only its own style and script, by hash', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const inline = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(inline('script')).toHaveLength(1);
    expect(csp).toContain(`script-src ${hash(inline('script')[0]!)}`);
    expect(csp).toContain(`style-src ${hash(inline('style')[0]!)}`);
    expect(csp).toContain("default-src 'none'");
  });

  it('marks the cookie table with its language', () => {
    expect(html).toMatch(/<table lang="fr">/);
  });
});
