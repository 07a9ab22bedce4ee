/**
 * A decision kept across a navigation. On a first visit the engine is fetched when the visitor
 * shows intent, so a click on "Accept all" followed at once by a click on a link can leave the
 * page before the engine has recorded it. Then, as the page goes, the decision is kept in this
 * tab's sessionStorage and a session cookie says so; the next page finds the cookie among those it
 * reads anyway (so a page without one never touches sessionStorage), takes the decision and has
 * the engine carry it out, with the notice that was shown.
 *
 * The cookie is written by hand: one fixed session cookie, where js-cookie would add 1.4 KB
 * (minified) to `assent.js`, which every page downloads and which otherwise never writes a cookie.
 */
import { WRITERS, type PendingCall } from './facade.js';

const KEY = 'assent.pending';

/** Keeps `pending()`'s decisions, if any are left when the page goes. */
export function keepOnLeave(win: Window, marker: string, pending: () => readonly PendingCall[]): void {
  win.addEventListener('pagehide', () => {
    if (!pending().length) return;
    try {
      win.sessionStorage.setItem(KEY, JSON.stringify(pending()));
      win.document.cookie = `${marker}=1; Path=/; SameSite=Lax${win.location.protocol === 'https:' ? '; Secure' : ''}`;
    } catch {
      // Storage refused (a sandboxed frame, a full quota): the visitor will be asked again.
    }
  });
}

/** The decisions the previous page kept (once: they are removed), or none. */
export function takePending(win: Window, marker: string): PendingCall[] {
  let calls: unknown;
  try {
    calls = JSON.parse(win.sessionStorage.getItem(KEY) ?? '[]');
    win.sessionStorage.removeItem(KEY);
  } catch {
    calls = [];
  }
  win.document.cookie = `${marker}=; Path=/; Max-Age=0`;
  // Anything else (a page of another release, a tampered value) is dropped: the visitor is asked again.
  return Array.isArray(calls) ? calls.filter((c): c is PendingCall => Array.isArray(c) && (WRITERS as readonly unknown[]).includes(c[0]) && Array.isArray(c[1])) : [];
}
