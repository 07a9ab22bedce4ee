/**
 * assent-scan's other paths in real Chromium: a region set on Assent's script tag when the site has
 * no region parameter of its own, and a site without an Assent banner (exit 7).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDemo } from '../demo/harness.js';
import { EXIT, runCli, type ScanReport } from '../../packages/scan/src/index.js';

const env = useTestDemo();
let dir = '';
let plain: Server;
let plainUrl = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assent-scan-e2e-'));
  plain = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><title>No consent here</title><h1>Hello</h1>'));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await new Promise<void>((r) => plain.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('regions', () => {
  it('fills data-assent-region on Assent’s script tag, as an edge would; reaches Reject all through Customize on the US opt-out banner', async () => {
    const out = join(dir, 'regions.json');
    // No ?region= on the start URL: the demo itself would leave the region to server-sync.
    const r = await cli([`${env.demo.urls.site}/pricing`, '--regions', 'CA-QC,US-CA', '--pages', '1', '--settle', '0', '--concurrency', '3', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(await readFile(out, 'utf8')) as ScanReport;
    expect(report.leaks).toEqual([]);
    expect(report.warnings).toEqual([]);
    const [qc, us] = report.regions;
    expect(qc).toMatchObject({ requested: 'CA-QC', assentRegion: 'CA-QC', regime: { key: 'CA-QC', model: 'opt-in', language: 'fr-CA' }, banner: { found: true } });
    expect(qc!.states.map((s) => s.clicked)).toEqual([[], ['Tout refuser'], ['Tout accepter']]);
    expect(us).toMatchObject({ requested: 'US-CA', assentRegion: 'US-CA', regime: { key: 'US-CA', model: 'opt-out' }, banner: { found: true } });
    expect(us!.states.map((s) => s.clicked)).toEqual([[], ['Customize', 'Reject all'], ['Customize', 'Accept all']]);
    // Opt-out: the vendors run before any decision (no leak there), and not once the visitor refused.
    const vendorRequests = (state: string, phase = 'visit') =>
      us!.states.find((s) => s.state === state)!.pages.filter((p) => p.phase === phase).flatMap((p) => p.requests);
    expect(vendorRequests('before').length).toBeGreaterThan(0);
    expect(vendorRequests('reject')).toEqual([]);
    expect(report.cookieTable.map((t) => t.language)).toEqual(['fr-CA', 'en']);
  });
});

describe('no Assent banner: exit 7 with a message that says why', () => {
  it('when the page has no Assent script tag and no config is given', async () => {
    const r = await cli([plainUrl, '--quiet']);
    expect(r.code).toBe(EXIT.noBanner);
    expect(r.stderr).toContain('no Assent script tag (data-assent-config)');
  });

  it('when a config is given but Assent never starts on the page', async () => {
    const config = join(dir, 'site.json');
    await writeFile(config, JSON.stringify({ policyVersion: '1', privacyPolicyUrl: '/privacy', services: [] }));
    const r = await cli([plainUrl, '--config', config, '--banner-timeout', '500', '--settle', '0', '--concurrency', '3', '--quiet']);
    expect(r.code).toBe(EXIT.noBanner);
    expect(r.stderr).toContain('Assent did not start');
  });
});
