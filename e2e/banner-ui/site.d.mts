/** Types of site.mjs: the banner-ui test site and Chromium launcher. */
import type { BrowserContext, Page } from 'playwright-core';

/** The site config of the test page; the query may set layout, language and minor. */
export function siteConfig(q: URLSearchParams): Record<string, unknown>;

export interface Site {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Paths requested, in order. */
  hits: string[];
  close(): Promise<void>;
}
export function startSite(): Promise<Site>;

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}
export function launch(options?: { colorScheme?: 'light' | 'dark' }): Promise<Browser>;

/** A fresh page whose console errors (CSP violations among them) and page errors are collected. */
export function openPage(b: Browser, url: string, init?: () => void): Promise<{ page: Page; errors: string[] }>;
