/** Reading and writing first-party cookies through `document.cookie`. */

/** All values of cookies named `name` (a host cookie and a domain cookie may both exist). */
export function readCookies(doc: Document, name: string): string[] {
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

/** Writes a cookie; `maxAge` 0 deletes it. */
export function writeCookie(
  doc: Document,
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; domain?: string; path?: string },
): void {
  const secure = doc.location?.protocol === 'https:' ? ';Secure' : '';
  const domain = opts.domain ? `;Domain=${opts.domain}` : '';
  doc.cookie = `${name}=${value};Path=${opts.path ?? '/'};Max-Age=${opts.maxAgeSeconds}${domain};SameSite=Lax${secure}`;
}
