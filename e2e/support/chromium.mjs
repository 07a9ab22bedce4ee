// The one way tests, screenshot scripts and benchmarks start Chromium here: Debian's
// /usr/bin/chromium through playwright-core (its own browser download fails on this network),
// in a throwaway profile that close() removes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** @param {import('playwright-core').LaunchOptions & import('playwright-core').BrowserContextOptions} [options] */
export async function launchChromium(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'assent-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser whose contexts (`browser.newContext()`) are fresh, isolated profiles, each with its own
 * HTTP cache, cookies and storage: what a benchmark of first and returning visits needs per run.
 * Playwright keeps the browser's profile in a temporary folder that `browser.close()` removes.
 * @param {import('playwright-core').LaunchOptions} [options]
 */
export function launchChromiumBrowser(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}
