/**
 * What to add to the config for an undeclared item: the vendor's preset when one knows it, a
 * cookie for the declared service that set it, a service entry to complete for an unknown vendor
 * (with the cookies its scripts set), or, for the site's own cookies, the scan option that declares
 * them necessary.
 */
import { SERVICE_ID } from '@assent/sdk/schema';
import type { SiteConfig } from '@assent/sdk';
import { formatLifetime } from './durations.js';
import type { ServiceTemplate, Suggestion, Undeclared } from './report.js';
import { safeUrl, siteOf, type Site } from './site.js';

const FILL = 'FILL IN:';

/** A service id from a host: its registrable domain's first label (`www.hotjar.com` → `hotjar`), unused in the config. */
export function serviceIdFor(host: string, taken: readonly string[]): string {
  const base = siteOf(host.replace(/:\d+$/, '')).split('.')[0]!.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[^a-z0-9]+/, '') || 'vendor';
  let id = base.slice(0, 60);
  for (let n = 2; taken.includes(id) || !SERVICE_ID.test(id); n++) id = `${base.slice(0, 56)}-${n}`;
  return id;
}

/** The host of the script or response that set a cookie, if it is another site's. */
function setterHost(item: Undeclared, site: Site): string | undefined {
  const url = item.example.setBy ? safeUrl(item.example.setBy.url) : undefined;
  return url && !site.isFirstPartyUrl(url) ? url.host : undefined;
}

function cookieEntry(item: Undeclared) {
  return { name: item.name, duration: formatLifetime(item.example.lifetimeSeconds ?? null, 'en'), purpose: `${FILL} what ${item.name} is for` };
}

function template(host: string, all: readonly Undeclared[], config: SiteConfig, site: Site): ServiceTemplate {
  const cookies = all.filter((u) => u.kind === 'cookie' && u.source === 'none' && setterHost(u, site) === host).map(cookieEntry);
  return {
    id: serviceIdFor(host, config.services.map((s) => s.id)),
    name: host.replace(/:\d+$/, ''),
    provider: `${FILL} the company behind ${host}`,
    category: `${FILL} functional, analytics or advertising`,
    purpose: `${FILL} what it does on this site`,
    hosts: [host.replace(/:\d+$/, '')],
    cookies,
  };
}

export function suggestFor(item: Undeclared, all: readonly Undeclared[], config: SiteConfig, site: Site): Suggestion {
  if (item.preset) return { kind: 'preset', preset: item.preset, entry: { preset: item.preset } };
  if (item.kind === 'host') return { kind: 'service', entry: template(item.name, all, config, site) };
  if (item.service) return { kind: 'add-cookie', service: item.service, cookie: cookieEntry(item) };
  const host = setterHost(item, site);
  if (host) return { kind: 'service', entry: template(host, all, config, site) };
  return { kind: 'necessary', option: `--necessary-cookie '${item.name}=${FILL} purpose'` };
}
