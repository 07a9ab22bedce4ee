/** Writing and removing first-party cookies, through js-cookie (attributes, encoding). */
import Cookies from 'js-cookie';

/** Writes a cookie for `maxAgeSeconds` (0 deletes it), SameSite=Lax, Secure on HTTPS pages. */
export function writeCookie(
  doc: Document,
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; domain?: string; path?: string },
): void {
  const attributes: Cookies.CookieAttributes = { path: opts.path ?? '/', domain: opts.domain, sameSite: 'Lax', secure: doc.location?.protocol === 'https:' };
  // js-cookie writes through the global `document`, which in a browser is the page's own (`doc`
  // only tells whether the page is on HTTPS).
  if (opts.maxAgeSeconds <= 0) Cookies.remove(name, attributes);
  else Cookies.set(name, value, { ...attributes, expires: new Date(Date.now() + opts.maxAgeSeconds * 1000) });
}
