/** Launches Debian's Chromium through playwright-core, with a log of every request and console line. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<Browser> {
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

/** A page plus what it did: requests (method and URL), console messages and page errors. */
export interface WatchedPage {
  page: Page;
  requests: string[];
  console: string[];
  errors: string[];
}

export async function watchedPage(b: Browser): Promise<WatchedPage> {
  const page = await b.context.newPage();
  const w: WatchedPage = { page, requests: [], console: [], errors: [] };
  page.on('request', (r) => w.requests.push(`${r.method()} ${r.url()}`));
  page.on('console', (m) => w.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}
