/**
 * Reading first-party cookies, by hand on purpose: a page can hold two cookies of one name (a
 * host-only one and a parent-domain one) and the consent record needs both to pick the newest,
 * while js-cookie's `get` returns only one. Writing is cookie-writer.ts (js-cookie); this module
 * stays free of it, since `assent.js` reads cookies on every page but never writes one.
 */

/** All values of cookies named `name` (a host cookie and a domain cookie may both exist). */
export function readCookies(doc: Pick<Document, 'cookie'>, name: string): string[] {
  const out: string[] = [];
  for (const part of doc.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/** Names of every cookie visible to the page. */
export function cookieNames(doc: Document): string[] {
  return doc.cookie
    .split(';')
    .map((p) => p.split('=')[0]!.trim())
    .filter(Boolean);
}

/** Whether `domain` is the page host or one of its parents (a browser ignores any other). */
export function coversHost(domain: string, host: string): boolean {
  const d = domain.replace(/^\./, '');
  return host === d || host.endsWith(`.${d}`);
}

/**
 * The session cookie the script tag sets, beside the consent cookie `name`, when a visitor decided
 * and left the page before the engine recorded it (the next page records it). Assent's own,
 * necessary, like the consent cookie.
 */
export const keptDecisionCookie = (name: string): string => `${name}_pending`;
