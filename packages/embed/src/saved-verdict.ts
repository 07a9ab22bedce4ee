/**
 * The returning visitor's fast path. The engine (`assent-core.js`) validates the config, resolves
 * the regime and checks the stored record; when the record stands it saves its verdict here,
 * sealed with a checksum over every input it depended on. On the next page `assent.js` replays
 * the verdict only if those inputs are byte for byte the same (SDK version, config text, region
 * attribute, consent cookie, GPC, DNT, languages) and the record has not expired. Anything else, and any
 * damage to the saved text, sends the page down the engine's path: never a grant it did not make.
 */
import type { ConsentRecord, Decisions, Regime, SiteConfig } from '@assent/sdk';
import { OUTBOX_KEY, SDK_VERSION, checksum, readCookies, type WidgetLabels } from '@assent/sdk/internal';

/** What `assent.js` needs to run a page for a visitor whose decision stands. */
export interface Snapshot {
  config: SiteConfig;
  regime: Regime;
  record: ConsentRecord;
  /** The browser's GPC signal when saved (the seal guarantees it is unchanged). */
  gpc: boolean;
  decisions: Decisions;
  services: Record<string, boolean>;
  /**
   * What the engine pushes to `dataLayer` for this visitor, in order: gtag commands as argument
   * lists (pushed back as `arguments` objects), events as objects.
   */
  dataLayer: Array<unknown[] | Record<string, unknown>>;
  /** The footer widget's language and labels. */
  widget: WidgetLabels;
}

/** The inputs of a page that decide what a returning visitor's page may run. */
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

/**
 * The saved verdict for exactly these inputs, or `null` (none, stale, expired or damaged, or
 * receipts an earlier page queued: the engine delivers those).
 */
export function readSnapshot(win: Window, page: PageInputs, now: number): Snapshot | null {
  try {
    const store = win.localStorage;
    const raw = store.getItem(KEY) ?? '';
    const dot = raw.indexOf('.');
    const body = raw.slice(dot + 1);
    const snap = JSON.parse(body) as Snapshot;
    return (store.getItem(OUTBOX_KEY)?.length ?? 0) < 3 &&
      raw.slice(0, dot) === checksum(fingerprint(win, page, snap.config.cookie.name) + body) &&
      snap.record.expiresAt > now
      ? snap
      : null;
  } catch {
    return null;
  }
}

/** Saves (or, with `null`, forgets) the verdict for the page's current inputs. */
export function writeSnapshot(win: Window, page: PageInputs, snap: Snapshot | null): void {
  try {
    if (!snap) return win.localStorage.removeItem(KEY);
    const body = JSON.stringify(snap);
    win.localStorage.setItem(KEY, `${checksum(fingerprint(win, page, snap.config.cookie.name) + body)}.${body}`);
  } catch {
    // No storage (blocked, full, private mode): every page takes the engine's path.
  }
}
