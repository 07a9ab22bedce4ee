#!/usr/bin/env node
// Screenshots of the built UI, loaded by the real assent.js on the test page, for people to look at:
// first layer and preferences in light, dark and Arabic, plus the US privacy choices.
// Run from the repo root after `pnpm exec rollup -c`:  node e2e/banner-ui/screenshots.mjs
// Writes PNGs to e2e/out/ (git-ignored).
import { mkdir } from 'node:fs/promises';
import { launch, openPage, startSite } from './site.mjs';

const OUT = 'e2e/out';
const shots = [
  { file: 'ui-first-layer-light.png', query: 'region=GB', scheme: 'light' },
  { file: 'ui-first-layer-dark.png', query: 'region=GB', scheme: 'dark' },
  { file: 'ui-first-layer-ar.png', query: 'region=SA', scheme: 'light' },
  { file: 'ui-first-layer-box-br.png', query: 'region=BR&layout=box', scheme: 'light' },
  { file: 'ui-first-layer-us.png', query: 'region=US-CA', scheme: 'light' },
  { file: 'ui-first-layer-modal-qc.png', query: 'region=CA-QC&layout=modal', scheme: 'light' },
  { file: 'ui-preferences-light.png', query: 'region=GB', scheme: 'light', open: 'preferences' },
  { file: 'ui-preferences-dark.png', query: 'region=GB', scheme: 'dark', open: 'preferences' },
  { file: 'ui-preferences-ar.png', query: 'region=SA', scheme: 'light', open: 'preferences' },
  { file: 'ui-privacy-choices-gpc.png', query: 'region=US-CA', scheme: 'light', open: 'privacy-choices', gpc: true },
];

await mkdir(OUT, { recursive: true });
const site = await startSite();
try {
  for (const scheme of ['light', 'dark']) {
    const browser = await launch({ colorScheme: /** @type {'light'|'dark'} */ (scheme) });
    try {
      for (const s of shots.filter((x) => x.scheme === scheme)) {
        const gpc = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
        const { page, errors } = await openPage(browser, `${site.url}/?${s.query}`, s.gpc ? gpc : undefined);
        await page.locator('.assent-ui .a-panel').first().waitFor();
        if (s.open) {
          await page.evaluate((view) => /** @type {any} */ (window).Assent.open(view), s.open);
          await page.getByRole('dialog').waitFor();
          // Show one category's services expanded, as a visitor checking a vendor would.
          await page.locator('summary').nth(1).click().catch(() => {});
        }
        await page.screenshot({ path: `${OUT}/${s.file}` });
        if (errors.length) console.error(`${s.file}: page errors: ${errors.join('; ')}`);
        console.log(`${OUT}/${s.file}`);
        await page.close();
        await browser.context.clearCookies();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.close();
}
