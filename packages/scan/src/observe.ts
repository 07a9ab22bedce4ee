/** What the browser showed on one page, before anything is matched against the config. */

/** Who set a cookie, when the browser can tell. */
export interface SetBy {
  /** `response`: a Set-Cookie header; `script`: a `document.cookie` or `cookieStore` write. */
  kind: 'response' | 'script';
  /** The response's URL, or the writing script's URL (the page's URL for an inline script). */
  url: string;
}

export interface RawCookie {
  name: string;
  domain: string;
  path: string;
  /** Epoch seconds; `null` for a session cookie. */
  expires: number | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  setBy: SetBy | null;
}

/** What caused a request (Chromium's initiator), when known. */
export interface Initiator {
  /** `parser` (markup), `script`, `preload`, `frame` (a cross-site iframe's own request), `other`... */
  type: string;
  /** The document or script that caused it. */
  url: string | null;
}

export interface RawRequest {
  url: string;
  method: string;
  /** Playwright's resource type: document, script, image, xhr, fetch, ping... */
  resourceType: string;
  /** URL of the frame that made it. */
  frame: string;
  initiator: Initiator | null;
  /** HTTP status, `null` if it failed or was still pending. */
  status: number | null;
  /** ms since epoch, when Chromium sent it. */
  at: number;
}

export interface RawStorage {
  origin: string;
  area: 'local' | 'session';
  keys: string[];
}

/** A `gtag('consent', ...)` command found in the page's `dataLayer`. */
export interface ConsentModeCommand {
  /** Position in `dataLayer`, to show the order against other entries. */
  index: number;
  command: string;
  params: Record<string, unknown>;
}

/** What Assent said on the page: its decisions, per service too, and the regime it applied. */
export interface AssentState {
  decisions: Record<'necessary' | 'functional' | 'analytics' | 'advertising', boolean>;
  services: Record<string, boolean>;
  region: string | null;
  regime: { key: string; model: string; language: string } | null;
}

export interface RawPage {
  url: string;
  /** `visit`: a page load; `decision`: what followed the click on the banner, on the page where it was made. */
  phase: 'visit' | 'decision';
  status: number | null;
  /** Why the page could not be recorded (timeout, network error), if it could not. */
  error?: string;
  /** `<html lang>`. */
  language: string | null;
  cookies: RawCookie[];
  /** Requests to hosts of other sites only. */
  requests: RawRequest[];
  storage: RawStorage[];
  /** Frames other than the page itself that loaded something. */
  iframes: string[];
  consentMode: ConsentModeCommand[];
  /** `null` when Assent did not start on the page. */
  assent: AssentState | null;
  /**
   * On a `decision` page, Assent's state just before the click. Scripts already running keep
   * running until the next page load (unless the config sets `gate.reloadOnWithdraw`), so what
   * follows the click is judged by the more permissive of the two.
   */
  assentBefore?: AssentState | null;
}
