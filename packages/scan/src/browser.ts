/**
 * Headless Chromium through playwright-core: the system's Chromium (playwright's own browser
 * download is never used), one browser per scan, a fresh context (profile) per region and state.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ScanError } from './errors.js';
import type { RegionVia } from './options.js';
import { PROBE_BINDING, probeSource, type ProbeCookieWrite } from './probe.js';
import { SCAN_VERSION } from './version.js';

/** Where Chromium usually is: Debian/Ubuntu packages, Google Chrome on Linux and macOS. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(explicit?: string): string {
  const path = explicit ?? process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path))
    throw new ScanError('browser', `Chromium not found${path ? ` at ${path}` : ''}: install Chromium or Chrome, or pass --chromium /path/to/chrome (or set CHROMIUM_PATH)`);
  return path;
}

export interface ScanBrowser {
  browser: Browser;
  /** Chromium's own user-agent plus `assent-scan/<version>`, so site owners can see who visits. */
  userAgent: string;
  close(): Promise<void>;
}

export async function launchBrowser(explicitPath?: string): Promise<ScanBrowser> {
  const executablePath = findChromium(explicitPath);
  // Chromium refuses to start as root with its sandbox on; only then is it turned off.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        ...(root ? ['--no-sandbox'] : []),
        '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-default-apps',
      ],
    });
  } catch (err) {
    throw new ScanError('browser', `Chromium at ${executablePath} did not start: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const probe = await browser.newContext();
  const page = await probe.newPage();
  const native = await page.evaluate(() => navigator.userAgent);
  await probe.close();
  return { browser, userAgent: `${native} assent-scan/${SCAN_VERSION} (consent audit)`, close: () => browser.close() };
}

/** A fresh profile for one region and state, with the probe in every frame and the region set as asked. */
export async function newScanContext(
  b: ScanBrowser,
  options: { region: string | null; via: RegionVia; origin: string; onCookieWrite: (w: ProbeCookieWrite & { frame: string }) => void },
): Promise<BrowserContext> {
  const { region, via, origin } = options;
  const context = await b.browser.newContext({
    userAgent: b.userAgent,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    serviceWorkers: 'block', // a worker's requests would escape the page's request log
  });
  await context.exposeBinding(PROBE_BINDING, (source, payload: ProbeCookieWrite) => {
    options.onCookieWrite({ name: String(payload?.name ?? ''), script: typeof payload?.script === 'string' ? payload.script : null, frame: source.frame.url() });
  });
  await context.addInitScript({ content: probeSource(region !== null && via.kind === 'attribute' ? region : null) });
  if (region !== null && via.kind === 'header') {
    // Only to the site's own origin: a custom header on a cross-origin fetch would force a CORS preflight.
    await context.route(
      (url) => url.origin === origin,
      (route) => route.continue({ headers: { ...route.request().headers(), [via.name.toLowerCase()]: region } }),
    );
  }
  return context;
}
