/**
 * Records what one browser context does, page by page: requests to other sites with their
 * initiators, who set each cookie, storage keys, iframes, Consent Mode commands and Assent's state.
 *
 * Requests and responses come from playwright's events, which also cover cross-site iframes (their
 * own renderer processes). Initiators come from the DevTools protocol's `Network.requestWillBeSent`
 * on the page's target; a cross-site iframe's own requests are attributed to that frame. Set-Cookie
 * headers come from each response's raw headers, script writes from the probe (`probe.ts`).
 */
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import type { ScanBrowser } from './browser.js';
import { newScanContext } from './browser.js';
import type { RegionVia } from './options.js';
import type { AssentState, ConsentModeCommand, Initiator, RawCookie, RawPage, RawRequest, RawStorage, SetBy } from './observe.js';
import type { Site } from './site.js';

/** Longest a page may take to answer an evaluation before it counts as hung. */
const EVAL_TIMEOUT_MS = 5_000;

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => fallback), new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))]).finally(() => clearTimeout(timer));
}

interface CdpInitiator {
  type: string;
  url?: string;
  stack?: { callFrames: Array<{ url: string }>; parent?: CdpInitiator['stack'] };
}

/** The document or script behind a DevTools initiator: its own URL, else the nearest stack frame with one. */
export function initiatorOf(i: CdpInitiator): Initiator {
  let url = i.url || null;
  for (let stack = i.stack; !url && stack; stack = stack.parent) url = stack.callFrames.find((f) => f.url)?.url ?? null;
  return { type: i.type, url };
}

/** Cookie names in raw Set-Cookie header values (one per line, as Chromium joins them). */
export function setCookieNames(headerValue: string): string[] {
  return headerValue
    .split('\n')
    .map((line) => line.split(';')[0]!.split('=')[0]!.trim())
    .filter(Boolean);
}

export class ContextRecorder {
  readonly context: BrowserContext;
  readonly page: Page;
  private readonly site: Site;
  private readonly cdp: CDPSession | null;
  /** Every cookie write seen in this context, newest last: cookies outlive the page that set them. */
  private readonly writes: Array<SetBy & { name: string }>;
  private slice: Array<{ request: Request; at: number }> = [];
  private readonly statuses = new WeakMap<Request, number>();
  private readonly pendingHeaders = new Set<Promise<void>>();
  private initiators: Array<{ url: string; initiator: Initiator; used: boolean }> = [];

  private constructor(context: BrowserContext, page: Page, cdp: CDPSession | null, site: Site, writes: ContextRecorder['writes']) {
    this.context = context;
    this.writes = writes;
    this.page = page;
    this.cdp = cdp;
    this.site = site;
  }

  static async open(browser: ScanBrowser, options: { region: string | null; via: RegionVia; site: Site }): Promise<ContextRecorder> {
    const writes: ContextRecorder['writes'] = [];
    const context = await newScanContext(browser, {
      region: options.region,
      via: options.via,
      origin: options.site.origin,
      onCookieWrite: (w) => writes.push({ name: w.name, kind: 'script', url: w.script ?? w.frame }),
    });
    const page = await context.newPage();
    let cdp: CDPSession | null = null;
    try {
      cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
    } catch {
      cdp = null; // Initiators are a bonus: the recording works without them.
    }
    const rec = new ContextRecorder(context, page, cdp, options.site, writes);
    rec.listen();
    return rec;
  }

  private listen(): void {
    this.page.on('request', (request) => {
      if (!this.site.isFirstPartyUrl(request.url()) && /^https?:/.test(request.url())) this.slice.push({ request, at: Date.now() });
    });
    this.page.on('response', (response) => {
      this.statuses.set(response.request(), response.status());
      const done = response
        .headerValue('set-cookie')
        .then((value) => {
          if (value) for (const name of setCookieNames(value)) this.writes.push({ name, kind: 'response', url: response.url() });
        })
        .catch(() => {})
        .finally(() => this.pendingHeaders.delete(done));
      this.pendingHeaders.add(done);
    });
    this.cdp?.on('Network.requestWillBeSent', (e) => {
      if (this.site.isFirstPartyUrl(e.request.url)) return;
      this.initiators.push({ url: e.request.url, initiator: initiatorOf(e.initiator as CdpInitiator), used: false });
    });
  }

  /** Starts a new page's record: requests made before this call are not part of it. */
  startPage(): void {
    this.slice = [];
    this.initiators = [];
  }

  /** Loads `url`; resolves with the HTTP status, or an error message when the page did not load. */
  async goto(url: string, timeout: number): Promise<{ status: number | null; error?: string }> {
    this.startPage();
    try {
      const res = await this.page.goto(url, { waitUntil: 'load', timeout });
      return { status: res?.status() ?? null };
    } catch (err) {
      return { status: null, error: (err as Error).message.split('\n')[0] };
    }
  }

  /** Waits until `window.Assent` is ready; false if it never is within `timeout`. */
  async waitForAssent(timeout: number): Promise<boolean> {
    try {
      await this.page.waitForFunction(
        () => {
          const a = (window as unknown as { Assent?: { get?: unknown; ready?: Promise<unknown> } }).Assent;
          return a && typeof a.get === 'function' && a.ready ? a.ready.then(() => true) : false;
        },
        undefined,
        { timeout },
      );
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Lets late tags fire: at least `settleMs`, and until the network has been quiet for 500 ms
   * (playwright's `networkidle`), whichever is later; a page that never goes quiet (polling) gets
   * `settleMs` + 2 s.
   */
  async settle(settleMs: number): Promise<void> {
    await Promise.all([
      this.page.waitForTimeout(settleMs),
      this.page.waitForLoadState('networkidle', { timeout: settleMs + 2_000 }).catch(() => {}),
    ]);
  }

  /** Assent's decisions on the page now (`null` if Assent is not running). */
  async assentState(services: ReadonlyArray<readonly [id: string, category: string]>): Promise<AssentState | null> {
    const page = await withTimeout(this.page.mainFrame().evaluate(readPage, services as Array<[string, string]>), EVAL_TIMEOUT_MS, null);
    return page?.assent ?? null;
  }

  /** What the page holds now, and the requests to other sites since {@link startPage}. */
  async collect(url: string, phase: RawPage['phase'], load: { status: number | null; error?: string }, services: ReadonlyArray<readonly [id: string, category: string]>): Promise<RawPage> {
    await withTimeout(Promise.all([...this.pendingHeaders]), EVAL_TIMEOUT_MS, []);
    const main = this.page.mainFrame();
    const [page, cookies, storage] = await Promise.all([
      withTimeout(main.evaluate(readPage, services as Array<[string, string]>), EVAL_TIMEOUT_MS, { language: null, consentMode: [], assent: null }),
      this.context.cookies().catch(() => []),
      this.readStorage(),
    ]);
    const iframes = this.page
      .frames()
      .filter((f) => f !== main && /^https?:/.test(f.url()))
      .map((f) => f.url());
    return {
      url,
      phase,
      status: load.status,
      ...(load.error && { error: load.error }),
      language: page.language,
      cookies: cookies.map((c) => this.rawCookie(c)),
      requests: this.slice.map(({ request, at }) => this.rawRequest(request, at)),
      storage,
      iframes: [...new Set(iframes)],
      consentMode: page.consentMode,
      assent: page.assent,
    };
  }

  private rawCookie(c: Awaited<ReturnType<BrowserContext['cookies']>>[number]): RawCookie {
    let write: SetBy | undefined;
    for (let i = this.writes.length - 1; i >= 0 && !write; i--) if (this.writes[i]!.name === c.name) write = this.writes[i];
    return {
      name: c.name,
      domain: c.domain,
      path: c.path,
      expires: c.expires > 0 ? Math.round(c.expires) : null,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
      setBy: write ? { kind: write.kind, url: write.url } : null,
    };
  }

  private rawRequest(request: Request, at: number): RawRequest {
    const url = request.url();
    let frame = '';
    try {
      frame = request.frame().url();
    } catch {
      // A request of a service worker has no frame; workers are blocked, so this is defensive.
    }
    const match = this.initiators.find((i) => !i.used && i.url === url);
    if (match) match.used = true;
    const initiator = match?.initiator ?? (frame && frame !== this.page.url() ? { type: 'frame', url: frame } : null);
    return { url, method: request.method(), resourceType: request.resourceType(), frame, initiator, status: this.statuses.get(request) ?? null, at };
  }

  private async readStorage(): Promise<RawStorage[]> {
    const out: RawStorage[] = [];
    const seen = new Set<string>();
    for (const frame of this.page.frames()) {
      let origin: string;
      try {
        origin = new URL(frame.url()).origin;
      } catch {
        continue;
      }
      if (origin === 'null' || seen.has(origin)) continue;
      seen.add(origin);
      const keys = await withTimeout(
        frame.evaluate(() => {
          const read = (s: () => Storage) => {
            try {
              return Object.keys(s());
            } catch {
              return [];
            }
          };
          return { local: read(() => localStorage), session: read(() => sessionStorage) };
        }),
        EVAL_TIMEOUT_MS,
        { local: [], session: [] },
      );
      if (keys.local.length) out.push({ origin, area: 'local', keys: keys.local.sort() });
      if (keys.session.length) out.push({ origin, area: 'session', keys: keys.session.sort() });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}

/** Runs in the page: its language, the Consent Mode commands in `dataLayer`, and what Assent decided. */
function readPage(serviceCategories: Array<[string, string]>): { language: string | null; consentMode: ConsentModeCommand[]; assent: AssentState | null } {
  const w = window as unknown as {
    dataLayer?: unknown;
    Assent?: {
      get?: () => AssentState['decisions'];
      allows?: (category: string, service?: string) => boolean;
      region?: string | null;
      regime?: { key?: string; model?: string; language?: string } | null;
    };
  };
  const consentMode: ConsentModeCommand[] = [];
  if (Array.isArray(w.dataLayer))
    w.dataLayer.forEach((entry: unknown, index: number) => {
      const e = entry as { 0?: unknown; 1?: unknown; 2?: unknown } | null;
      if (e && typeof e === 'object' && e[0] === 'consent') {
        let params: Record<string, unknown> = {};
        try {
          params = JSON.parse(JSON.stringify(e[2] ?? {})) as Record<string, unknown>;
        } catch {
          // Not serialisable: keep the command without its parameters.
        }
        consentMode.push({ index, command: String(e[1]), params });
      }
    });
  let assent: AssentState | null = null;
  const a = w.Assent;
  if (a && typeof a.get === 'function' && typeof a.allows === 'function') {
    const decisions = a.get();
    const services: Record<string, boolean> = {};
    for (const [id, category] of serviceCategories) services[id] = a.allows(category, id);
    const r = a.regime;
    assent = {
      decisions: { necessary: true, functional: !!decisions.functional, analytics: !!decisions.analytics, advertising: !!decisions.advertising },
      services,
      region: typeof a.region === 'string' ? a.region : null,
      regime: r ? { key: String(r.key ?? ''), model: String(r.model ?? ''), language: String(r.language ?? '') } : null,
    };
  }
  return { language: document.documentElement.lang || null, consentMode, assent };
}
