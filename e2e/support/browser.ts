/** Launches Debian's Chromium through playwright-core, with a log of every request and console line. */
import type { Page } from 'playwright-core';
import { launchChromium, type Chromium } from './chromium.mjs';

export type Browser = Chromium;
export const launch = launchChromium;

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

/**
 * "Accept all" through `window.Assent` once it is ready, resolving with the subject id once the
 * decision is recorded: on a first visit the subject id is the engine's, which the decision fetches.
 */
export function acceptAllRecorded(page: WatchedPage['page']): Promise<string> {
  type A = { ready: Promise<void>; acceptAll(): void; subjectId: string; on(e: 'change', fn: () => void): () => void };
  return page.evaluate(async () => {
    const a = (window as unknown as { Assent: A }).Assent;
    await a.ready;
    const recorded = new Promise<void>((r) => a.on('change', r));
    a.acceptAll();
    await recorded;
    return a.subjectId;
  });
}
