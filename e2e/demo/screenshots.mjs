#!/usr/bin/env node
// Writes a PNG of each demo region's first layer to e2e/out/ for people to look at
// (not a test, not committed). Run after `pnpm exec rollup -c`: node e2e/demo/screenshots.mjs
import { launchChromium } from '../support/chromium.mjs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoStack } from '../../examples/demo-stack.mjs';

const OUT = fileURLToPath(new URL('../out/', import.meta.url));
/** Region, file label, and whether the browser sends Global Privacy Control. */
const SHOTS = [
  ['FR', 'fr', false],
  ['CA-QC', 'ca-qc', false],
  ['US-CA', 'us-ca', false],
  ['US-CA', 'us-ca-gpc', true],
  ['BR', 'br', false],
  ['VN', 'vn', false],
  ['unknown', 'unknown', false],
];

await mkdir(OUT, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'assent-shots-'));
const stack = await startDemoStack({
  ports: { site: 0, portal: 0, thirdParty: 0, sync: 0 },
  dbFile: join(dataDir, 'assent.db'),
});
for (const m of stack.missing) console.warn(`! ${m}`);

try {
  for (const [region, label, gpc] of SHOTS) {
    const browser = await launchChromium({
      viewport: { width: 1280, height: 800 },
      ...(gpc && { extraHTTPHeaders: { 'Sec-GPC': '1' } }),
    });
    const { context } = browser;
    try {
      if (gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${stack.urls.site}/?region=${region}`);
      await page.waitForFunction(() => window.Assent?.ready.then(() => true));
      // The first layer, when the regime shows one, is loaded on demand: wait for it to settle.
      await page.waitForTimeout(1200);
      const file = join(OUT, `first-layer-${label}.png`);
      await page.screenshot({ path: file });
      console.log(`${region}${gpc ? ' + GPC' : ''}: ${file}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
}
