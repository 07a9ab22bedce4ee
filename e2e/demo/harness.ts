/**
 * The end-to-end test bed: the whole demo started in-process on free ports, and a visitor driving
 * Debian's Chromium. What the visitor's browser fetched from the fake vendors comes from the
 * vendors' own request log, so "nothing loaded" is observed at the receiving end.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoStack, type DemoStack } from '../../examples/demo-stack.mjs';
import type { ThirdPartyRequest } from '../../examples/third-party/server.mjs';
import { readConsentCookie } from '../../examples/shared/consent-cookie.js';

type ConsentRecord = NonNullable<ReturnType<typeof readConsentCookie>>;


/** The fake vendors and the cookie each sets on the embedding page. */
export const VENDOR = {
  analytics: 'analytics.localhost',
  ads: 'ads.localhost',
  video: 'video.localhost',
  chat: 'chat.localhost',
} as const;
export type VendorHost = (typeof VENDOR)[keyof typeof VENDOR];
export const VENDOR_COOKIES = ['demo_analytics_id', 'demo_ads_id', 'demo_chat_lang'] as const;

export const BLOG_POST = '/blog/support-at-the-speed-of-video';

/** A demo stack on free ports with a throwaway SQLite file. */
export interface TestDemo extends DemoStack {
  /** server-sync base URL (the suite needs it running). */
  sync: string;
  /** GET on server-sync with the API key. */
  api<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  dispose(): Promise<void>;
}

export async function startTestDemo(): Promise<TestDemo> {
  const dir = await mkdtemp(join(tmpdir(), 'assent-demo-e2e-'));
  const stack = await startDemoStack({
    ports: { site: 0, portal: 0, thirdParty: 0, sync: 0 },
    apiKey: 'e2e-admin-key',
    dbFile: join(dir, 'assent.db'),
    // server-sync logs one JSON line per event; keep test output readable.
    serverSync: { log: () => {} },
  });
  if (!stack.urls.sync) {
    await stack.close();
    throw new Error(`the demo is incomplete: ${stack.missing.join('; ')}`);
  }
  const sync = stack.urls.sync;
  return {
    ...stack,
    sync,
    async api<T>(path: string) {
      const res = await fetch(`${sync}${path}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    },
    async dispose() {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One visitor: a fresh Chromium profile, optionally sending Global Privacy Control. */
/** What a test file shares: the demo stack, and the visitor of the running test. */
export interface TestEnv {
  demo: TestDemo;
  /** Set by a test; its browser is closed after the test. */
  visitor: Visitor | undefined;
}

/** Starts one demo stack for the calling test file and closes each test's visitor after it. */
export function useTestDemo(): TestEnv {
  const env = { visitor: undefined } as TestEnv;
  beforeAll(async () => {
    env.demo = await startTestDemo();
  });
  afterAll(async () => {
    await env.demo?.dispose();
  });
  afterEach(async () => {
    await env.visitor?.close();
    env.visitor = undefined;
  });
  return env;
}

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Page errors and CSP violations seen so far (a strict-CSP regression shows up here). */
  problems: string[];
  close(): Promise<void>;
}

export async function newVisitor(options: { gpc?: boolean } = {}): Promise<Visitor> {
  const browser = await launchChromium({
    viewport: { width: 1280, height: 800 },
    ...(options.gpc && { extraHTTPHeaders: { 'Sec-GPC': '1' } }),
  });
  const { context } = browser;
  if (options.gpc) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  return {
    context,
    page,
    problems,
    close: browser.close,
  };
}

/** Opens a marketing-site page for a region and waits until Assent has decided what may run. */
export async function visit(page: Page, demo: TestDemo, path: string, region?: string): Promise<void> {
  const url = new URL(path, demo.urls.site);
  if (region) url.searchParams.set('region', region);
  await page.goto(url.href);
  await page.waitForFunction(() => {
    const a = (window as unknown as { Assent?: { ready: Promise<void> } }).Assent;
    return a ? a.ready.then(() => true) : false;
  });
}

/** Gives activated tags time to request; used before asserting that something did NOT load. */
export const settle = (page: Page, ms = 800) => page.waitForTimeout(ms);

/** Vendor hosts the browser requested since `since` (epoch ms), from the vendors' log. */
export function hostsSince(demo: TestDemo, since: number): Set<string> {
  return new Set(demo.thirdParty.list({ since }).map((r: ThirdPartyRequest) => r.host));
}

/** Waits until a vendor host has received a request since `since`. */
export async function waitForHost(demo: TestDemo, host: VendorHost, since: number, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (hostsSince(demo, since).has(host)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no request reached ${host} within ${timeout} ms; log: ${JSON.stringify(demo.thirdParty.list({ since }))}`);
}

/** Cookies the site's origin holds, by name. */
export async function siteCookies(v: Visitor, demo: TestDemo): Promise<Map<string, Cookie>> {
  const list = await v.context.cookies(demo.urls.site);
  return new Map(list.map((c) => [c.name, c]));
}

/** The consent record in the browser's cookie, decoded with the SDK's codec (null if none/invalid). */
export async function consentRecord(v: Visitor, demo: TestDemo): Promise<ConsentRecord | null> {
  const list = await v.context.cookies(demo.urls.site);
  return readConsentCookie(list.map((c) => `${c.name}=${c.value}`).join('; '));
}

/** Polls `fn` until it returns a truthy value, or fails with the last value. */
export async function eventually<T>(fn: () => Promise<T> | T, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
