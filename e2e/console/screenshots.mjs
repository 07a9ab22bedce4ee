#!/usr/bin/env node
// Writes the privacy console's screenshots to docs/console/ (committed, shown in the READMEs):
// the demo with its seeded month of traffic, signed in with the demo key. Not a test.
// Run after `pnpm exec rollup -c`: node e2e/console/screenshots.mjs
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoStack } from '../../examples/demo-stack.mjs';
import { launchChromium } from '../support/chromium.mjs';

const OUT = fileURLToPath(new URL('../../docs/console/', import.meta.url));
await mkdir(OUT, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'assent-console-shots-'));
const stack = await startDemoStack({
  ports: { site: 0, portal: 0, thirdParty: 0, sync: 0 },
  dbFile: join(dataDir, 'assent.db'),
  seedTraffic: true,
  serverSync: { log: () => {} },
});
for (const m of stack.missing) console.warn(`! ${m}`);
if (!stack.urls.console || !stack.seeded) throw new Error('server-sync is not running');

// A visitor still linked to a Portal account (links and events to show), who also changed their mind once.
const linked = stack.seeded.portal.find((p) => p.withdrawAfterDays === null && stack.seeded.receipts.find((r) => r.subjectId === p.subjectId)?.purposes.analytics.granted);
const withdrawn = stack.seeded.portal.find((p) => p.withdrawAfterDays !== null);

const shot = async (page, name, options = {}) => {
  const file = join(OUT, `${name}.png`);
  // Charts animate in (when motion is not reduced): let them settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, ...options });
  console.log(file);
};

try {
  const browser = await launchChromium({ viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce', locale: 'en-GB' });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(stack.urls.console);
    await page.getByLabel('Access key').fill('demo-admin-key');
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table[data-table="per-day"] tbody tr').first().waitFor();
    await shot(page, 'insights', { fullPage: true });

    await page.goto(`${stack.urls.console}#/rights/${withdrawn.subjectId}`);
    await page.locator('[data-chain]').waitFor();
    await page.getByText('Notice shown (', { exact: false }).first().click();
    await shot(page, 'subject', { fullPage: true });

    await page.goto(`${stack.urls.console}#/rights/${linked.subjectId}`);
    await page.locator('[data-chain]').waitFor();
    await page.getByRole('button', { name: 'Erase this subject…' }).click();
    await page.getByLabel('Type the subject id to confirm').fill(linked.subjectId);
    await shot(page, 'erase-dialog');
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    await page.getByText(/^Erased:/).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('tr[data-action="erase"]').first().waitFor();
    await shot(page, 'audit');

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('link', { name: 'Statistiques' }).click();
    await page.locator('table[data-table="per-day"] tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Comment les visiteurs ont décidé' }).scrollIntoViewIfNeeded();
    await shot(page, 'insights-360-fr');
  } finally {
    await browser.close();
  }
} finally {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
}
