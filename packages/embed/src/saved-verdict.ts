/**
 * The saved verdict: the returning visitor's fast path, owned here whole (what it seals, when it
 * no longer holds, what replaying it means). The engine saves it from what it already holds once
 * the stored record stands; on the next page `assent.js` replays it without the engine, but only
 * if every input it depended on is byte for byte the same (SDK version, config text, region
 * attribute, consent cookie, GPC, DNT, page and browser languages), no receipts wait for
 * delivery, and the record has not expired. Anything else, and any damage to the saved text,
 * sends the page down the engine's path: it can cost a download, never grant anything.
 */
import type { Consent, ConsentRecord, Decisions, Regime, SiteConfig } from '@assent/sdk';
import { SDK_VERSION, checksum, encodeRecord, outboxIsEmpty, readCookies, vendorConsentCalls, type VendorCall, type WidgetLabels } from '@assent/sdk/internal';

/** What `assent.js` needs to run a page for a visitor whose decision stands. */
export interface Verdict {
  config: SiteConfig;
  regime: Regime;
  /** The record as the cookie holds it (whole seconds), as the next engine would read it. */
  record: ConsentRecord;
  /** The browser's GPC signal when saved (the seal guarantees it is unchanged). */
  gpc: boolean;
  decisions: Decisions;
  services: Record<string, boolean>;
  /** The footer widget's language and labels. */
  widget: WidgetLabels;
  /** What vendors' own consent APIs are told of this record (presets' `consentApi`), replayed each page. */
  vendorCalls: VendorCall[];
}

/** The page's own inputs a verdict depends on (the browser's are read when sealing and reading). */
export interface PageInputs {
  /** The config exactly as the page supplied it (attribute text or response body). */
  configText: string;
  /** `data-assent-region`, or `null` when server-sync is asked. */
  regionAttr: string | null;
}

const KEY = 'assent.snapshot';

/** The GPC and DNT signals as the browser exposes them; what the engine reads from them follows. */
type Signals = { globalPrivacyControl?: unknown; doNotTrack?: unknown };

function fingerprint(win: Window, page: PageInputs, cookieName: string): string {
  const nav = win.navigator as Navigator & Signals;
  return [
    SDK_VERSION, // another release may read or decide differently
    page.configText,
    page.regionAttr,
    readCookies(win.document, cookieName).join(';'),
    nav.globalPrivacyControl,
    nav.doNotTrack,
    (win as Window & Signals).doNotTrack,
    win.document.documentElement.lang,
    nav.language,
  ].join('\n');
}

/** The saved verdict for exactly these inputs, or `null` (none, stale, expired, damaged, or receipts waiting). */
export function readVerdict(win: Window, page: PageInputs, now: number): Verdict | null {
  try {
    const store = win.localStorage;
    const raw = store.getItem(KEY) ?? '';
    const dot = raw.indexOf('.');
    const body = raw.slice(dot + 1);
    const v = JSON.parse(body) as Verdict;
    return outboxIsEmpty(store) && raw.slice(0, dot) === checksum(fingerprint(win, page, v.config.cookie.name) + body) && v.record.expiresAt > now
      ? v
      : null;
  } catch {
    return null;
  }
}

/**
 * Saves the verdict of a consent instance for the page's current inputs, or forgets it while the
 * visitor must still decide. Sealed only when the consent cookie holds exactly this record: another
 * tab may have decided since, and a record too large for a cookie was never stored.
 */
export function saveVerdict(win: Window, page: PageInputs, consent: Consent, widget: WidgetLabels): void {
  try {
    const record = consent.record();
    const { config } = consent;
    // No record (a first visit, or a cookie that does not decode): no saved verdict can match, as it
    // seals a valid cookie's value; nothing to forget, and neither storage nor cookies are read
    // (each costs a synchronous round trip in the browser).
    if (!record) return;
    if (consent.needsDecision) return win.localStorage.removeItem(KEY);
    const stored = readCookies(win.document, config.cookie.name);
    // Sealed only when the cookie holds exactly this record.
    if (stored.length !== 1 || stored[0] !== encodeRecord(record)) return win.localStorage.removeItem(KEY);
    const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
    const verdict: Verdict = {
      config,
      regime: consent.regime,
      record: { ...record, decidedAt: seconds(record.decidedAt), expiresAt: seconds(record.expiresAt) },
      gpc: consent.gpc,
      decisions: consent.get(),
      services: consent.services(),
      widget,
      vendorCalls: vendorConsentCalls(config, record),
    };
    const body = JSON.stringify(verdict);
    win.localStorage.setItem(KEY, `${checksum(fingerprint(win, page, config.cookie.name) + body)}.${body}`);
  } catch {
    // No storage (blocked, full, private mode): every page takes the engine's path.
  }
}
