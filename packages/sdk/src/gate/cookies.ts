import type { ServiceConfig } from '../config/types.js';
import { cookieNames } from '../storage/cookie-jar.js';
import { writeCookie } from '../storage/cookie-writer.js';
import { cookiePattern } from './hosts.js';

/** The host and each parent domain, e.g. `a.b.example.com` → itself, `b.example.com`, `example.com`. */
function domainsOf(host: string): string[] {
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.includes(':')) return [];
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** `name` percent-decoded, or as it is when it is not valid percent-encoding. */
function decoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * Deletes every cookie the given services declare (names or `*` patterns), as host-only cookies
 * and on every parent domain, the declared domain and the consent cookie's domain, on each
 * declared path. Returns the names deleted.
 */
export function deleteServiceCookies(doc: Document, services: readonly ServiceConfig[], extraDomain?: string): string[] {
  const present = cookieNames(doc);
  const host = doc.location?.hostname ?? '';
  const deleted = new Set<string>();
  for (const svc of services)
    for (const spec of svc.cookies) {
      const re = cookiePattern(spec.name);
      const domains = new Set([undefined, ...domainsOf(host), spec.domain, extraDomain]);
      for (const name of present) {
        if (!re.test(name)) continue;
        // js-cookie percent-encodes the name it writes: give it the decoded name, so a vendor's
        // encoded name (Crisp's `crisp-client%2Fsession%2F…`) is written back as it was read.
        const given = decoded(name);
        for (const path of spec.paths ?? ['/'])
          for (const domain of domains) writeCookie(doc, given, '', { maxAgeSeconds: 0, domain, path });
        deleted.add(name);
      }
    }
  return [...deleted];
}
