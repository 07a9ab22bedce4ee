/**
 * assent-scan against the demo, in real Chromium: the demo as shipped has no leak and declares
 * everything it sets; a variant with an undeclared vendor tag and an ungated pixel is reported for
 * exactly those and fails the command; the HTML report is accessible and says what the JSON says.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../examples/demo-stack.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { axeViolations } from '../banner-ui/a11y.js';
import { useTestDemo } from '../demo/harness.js';
import { runCli, type ScanReport } from '../../packages/scan/src/index.js';
import { startVariantSite, type VariantSite } from './variant-site.js';

const env = useTestDemo();
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assent-scan-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command in-process, as `assent-scan <argv>` would. */
async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/**
 * Settings for a loopback site: half a second after each load (and until the network is quiet)
 * covers the demo's chain on a busy machine (assent.js, then the engine, then the embed it releases).
 */
const QUICK = ['--settle', '500', '--concurrency', '3'];

const vendorHost = (name: string) => `${name}.localhost:${env.demo.thirdParty.port}`;

describe('the demo as shipped', () => {
  let report: ScanReport;
  let result: Awaited<ReturnType<typeof cli>>;
  /** The tag-manager page's stand-in container: loaded before consent on purpose, Consent Mode governs its tags (docs/tag-managers.md). */
  const container = () => `www.googletagmanager.com.localhost:${env.demo.thirdParty.port}`;

  beforeAll(async () => {
    // The demo learns the region from `?region=` (as an edge would from its geo header) and
    // remembers it in its own `demo_region` cookie, which the site needs and its config cannot list.
    // (The US opt-out banner and the other ways to set a region: regions-and-errors.test.ts.)
    result = await cli([
      `${env.demo.urls.site}/?region=FR`, '--region-via', 'query=region', '--pages', '6', '--strict',
      '--necessary-cookie', 'demo_region=Remembers the demo region',
      '--necessary-host', 'www.googletagmanager.com.localhost/gtm.js',
      '--out', join(dir, 'demo.json'), '--html', join(dir, 'demo.html'), ...QUICK,
    ]);
    report = JSON.parse(await readFile(join(dir, 'demo.json'), 'utf8')) as ScanReport;
  }, 90_000);

  it('finds no leak and nothing undeclared, every service in use, and exits 0 even with --strict', () => {
    expect(result.stderr).toContain('[assent-scan'); // progress went to stderr
    expect(report.leaks).toEqual([]);
    expect(report.undeclared).toEqual([]);
    expect(report.stale.filter((s) => s.kind === 'service')).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0 leak\(s\), 0 undeclared/);
    expect(report).toMatchObject({ schemaVersion: 1, complete: true, site: { pagesFrom: 'links', robotsTxt: 'none' } });
    const paths = report.site.pages.map((p) => new URL(p).pathname);
    expect(paths).toHaveLength(6);
    expect(paths).toEqual(expect.arrayContaining(['/', '/product', '/pricing', '/blog/support-at-the-speed-of-video', '/tag-manager']));
    expect(report.site.pages.every((p) => new URL(p).search === '?region=FR')).toBe(true);
  });

  it('really looked: the site’s region, every vendor after Accept all, only the tag manager’s container before it or after Reject all', () => {
    expect(report.regions).toHaveLength(1);
    const fr = report.regions[0]!;
    expect(fr).toMatchObject({ requested: null, label: 'FR', assentRegion: 'FR', regime: { model: 'opt-in' }, banner: { found: true } });
    const requests = (state: string) => fr.states.find((s) => s.state === state)!.pages.flatMap((p) => p.requests);
    const accepted = new Set(requests('accept').map((r) => r.host));
    for (const vendor of ['analytics', 'ads', 'chat', 'video', 'www.google-analytics.com', 'connect.facebook.net', 'snap.licdn.com', 'static.hotjar.com'])
      expect(accepted, vendor).toContain(vendorHost(vendor));
    for (const state of ['before', 'reject']) {
      expect(requests(state).length, state).toBeGreaterThan(0);
      for (const r of requests(state)) expect(r, state).toMatchObject({ host: container(), category: 'necessary', source: 'declared', allowed: true });
    }
    expect(fr.states.map((s) => s.clicked)).toEqual([[], ['Tout refuser'], ['Tout accepter']]);
  });

  it('records cookies with who set them, storage keys, iframes and Consent Mode commands', () => {
    const accept = report.regions[0]!.states.find((s) => s.state === 'accept')!;
    const blog = accept.pages.find((p) => p.phase === 'visit' && p.url.includes('/blog/'))!;
    const analytics = blog.cookies.find((c) => c.name === 'demo_analytics_id')!;
    expect(analytics).toMatchObject({ party: 'first', category: 'analytics', source: 'config', service: 'demo-analytics', allowed: true, setBy: { kind: 'script', url: expect.stringContaining(`${vendorHost('analytics')}/tag.js`) } });
    expect(analytics.lifetimeSeconds! / 86_400).toBeCloseTo(395, 0);
    expect(blog.cookies.find((c) => c.name === 'assent')).toMatchObject({ category: 'necessary', source: 'assent', setBy: { kind: 'script' } });
    const tag = blog.requests.find((r) => r.url.endsWith('/tag.js'))!;
    expect(tag).toMatchObject({ resourceType: 'script', status: 200, initiator: { type: 'script', url: expect.stringContaining('/assent/assent') } });
    expect(blog.iframes).toEqual([expect.stringContaining(`${vendorHost('video')}/embed`)]);
    expect(blog.storage).toContainEqual({ origin: env.demo.urls.site, area: 'local', keys: expect.arrayContaining(['assent.snapshot']) });
    expect(blog.consentMode.map((c) => c.command)).toEqual(expect.arrayContaining(['default', 'update']));
    expect(blog.consentMode.at(-1)).toMatchObject({ command: 'update', params: { analytics_storage: 'granted', ad_storage: 'granted' } });
  });

  it('writes the cookie table in the site’s languages', () => {
    expect(report.cookieTable.map((t) => t.language)).toEqual(['fr', 'en']);
    const fr = report.cookieTable[0]!.rows;
    const row = (name: string) => fr.find((r) => r.name === name);
    expect(fr.slice(0, 2).map((r) => [r.name, r.categoryLabel, r.provider, r.purpose])).toEqual([
      ['assent', 'Nécessaires', '127.0.0.1', 'Enregistre vos choix en matière de cookies.'],
      ['demo_region', 'Nécessaires', '127.0.0.1', 'Remembers the demo region'],
    ]);
    expect(row('demo_region')!.duration).toBe('30\u00a0jours');
    expect(row('demo_chat_lang')).toMatchObject({ categoryLabel: 'Fonctionnels', duration: '6 months', observed: true });
    expect(row('demo_analytics_id')).toMatchObject({ categoryLabel: 'Analytiques', duration: '13 months', provider: 'Metricly Inc. (demo vendor)', purpose: 'Distinguishes visitors to count visits.', observed: true });
    expect(row('demo_ads_id')).toMatchObject({ categoryLabel: 'Publicitaires', duration: '90 days', observed: true });
    expect(row('_fbp')).toMatchObject({ categoryLabel: 'Publicitaires', provider: 'Meta Platforms Ireland Limited', observed: true });
    expect(fr.every((r) => r.declared)).toBe(true);
  });

  it('writes an HTML report that axe finds accessible and whose numbers equal the JSON’s', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`file://${join(dir, 'demo.html')}`);
      // The filters' script ran under the report's own CSP.
      await expect.poll(() => page.locator('#filter-status').textContent()).toMatch(/^Showing \d+ of \d+/);
      expect(errors).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      for (const [key, value] of Object.entries(report.summary))
        expect(Number(await page.locator(`[data-summary="${key}"]`).textContent()), key).toBe(value);
      for (const region of report.regions)
        for (const state of region.states) {
          const row = page.locator(`tr[data-region="${region.label}"][data-state="${state.state}"]`);
          for (const [key, value] of Object.entries(state.summary))
            expect(Number(await row.locator(`td[data-field="${key}"]`).textContent()), `${region.label} ${state.state} ${key}`).toBe(value);
        }
      // One screenshot of the banner per region, embedded.
      const shots = page.locator('figure img[src^="data:image/jpeg;base64,"]');
      expect(await shots.count()).toBe(report.regions.length);

      // The filters hide what does not match, and say how many rows are shown.
      const rows = page.locator('tr[data-regions]');
      const total = await rows.count();
      await page.getByRole('combobox', { name: 'State' }).selectOption('reject');
      const shown = await page.locator('tr[data-regions]:not([hidden])').count();
      expect(shown).toBeLessThan(total);
      await expect.poll(() => page.locator('#filter-status').textContent()).toBe(`Showing ${shown} of ${total} finding and detail rows.`);
    } finally {
      await browser.close();
    }
  });
});

describe('a demo page with an undeclared vendor tag and an ungated pixel', () => {
  let variant: VariantSite;
  beforeAll(async () => {
    variant = await startVariantSite(env.demo.urls.site, env.demo.thirdParty.port);
  });
  afterAll(async () => {
    await variant?.close();
  });

  it('is reported for exactly those, and the command exits 1', async () => {
    const out = join(dir, 'variant.json');
    // The built command, as CI runs it.
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'packages/scan/dist/cli.js'), `${variant.url}/?region=FR`, '--pages', '2', '--necessary-cookie', 'demo_region=Remembers the demo region', '--out', out, '--quiet', ...QUICK],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(out, 'utf8')) as ScanReport;

    const cookieId = `cookie:${variant.trackerCookie}@127.0.0.1`;
    expect(report.leaks.map((l) => l.id).sort()).toEqual([cookieId, `request:${variant.pixelHost}`, `request:${variant.trackerHost}`].sort());
    for (const leak of report.leaks) expect(new Set(leak.occurrences.map((o) => o.state)), leak.id).toEqual(new Set(['before', 'reject']));
    expect(report.leaks.find((l) => l.id === `request:${variant.pixelHost}`)).toMatchObject({
      category: 'advertising',
      service: 'demo-ads',
      example: { url: expect.stringContaining('ungated=1'), initiator: { type: 'parser' } },
    });
    expect(report.leaks.find((l) => l.id === `request:${variant.trackerHost}`)).toMatchObject({ category: 'unclassified', example: { initiator: { type: 'parser' } } });
    expect(report.leaks.find((l) => l.id === cookieId)).toMatchObject({ example: { setBy: { kind: 'script', url: `http://${variant.trackerHost}/t.js` } } });

    expect(report.undeclared.map((u) => u.id).sort()).toEqual([cookieId, `host:${variant.trackerHost}`].sort());
    const suggestion = report.undeclared.find((u) => u.kind === 'host')!.suggestion;
    expect(suggestion).toMatchObject({ kind: 'service', entry: { id: 'tracker', hosts: ['tracker.localhost'], cookies: [{ name: variant.trackerCookie, duration: '12 months' }] } });

    expect(stdout).toContain(`leak request ${variant.trackerHost}`);
    expect(stdout).toContain(`leak request ${variant.pixelHost}`);
    expect(stdout).toContain(`leak cookie ${variant.trackerCookie}`);
  });
});
