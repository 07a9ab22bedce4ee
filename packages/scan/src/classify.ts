/**
 * Matches what the browser showed against the declarations: the config's services (hosts and
 * cookie patterns), Assent's own cookie and servers, the site's necessary cookies and hosts named
 * in the scan options, and vendor presets for what the config does not list.
 */
import { keptDecisionCookie, type CookieSpec, type ServiceConfig, type SiteConfig } from '@assent/sdk';
import { bestHostMatch, cookiePattern, hostMatches } from '@assent/sdk/presets';

// The gate's own matching rules (host, whole path segments, one query prefix; `*` in cookie names).
export { bestHostMatch, cookiePattern as cookieNamePattern, hostMatches };
import type { NecessaryCookie } from './options.js';
import type { AssentState, RawCookie } from './observe.js';
import type { Classification } from './report.js';
import { safeUrl, type Site } from './site.js';
import type { PresetCatalogue, PresetMatch } from './presets.js';

/** Whether a declared cookie covers an observed one: name pattern, and domain when the spec names one. */
export function cookieSpecMatches(spec: Pick<CookieSpec, 'name' | 'domain'>, cookie: { name: string; domain: string }): boolean {
  if (!cookiePattern(spec.name).test(cookie.name)) return false;
  if (!spec.domain) return true;
  const want = spec.domain.replace(/^\./, '');
  const have = cookie.domain.replace(/^\./, '');
  return have === want || have.endsWith(`.${want}`);
}

const result = (c: Partial<Classification> & Pick<Classification, 'category' | 'source'>): Classification => ({ service: null, preset: null, ...c });

export class Classifier {
  private readonly config: SiteConfig;
  private readonly site: Site;
  private readonly necessaryCookies: NecessaryCookie[];
  private readonly necessaryHosts: string[];
  private readonly assentHosts: string[];
  private readonly presets: PresetCatalogue;

  constructor(
    config: SiteConfig,
    site: Site,
    options: { necessaryCookies: NecessaryCookie[]; necessaryHosts: string[]; assentUrls: string[]; presets: PresetCatalogue },
  ) {
    this.config = config;
    this.site = site;
    this.necessaryCookies = options.necessaryCookies;
    this.necessaryHosts = options.necessaryHosts;
    this.presets = options.presets;
    // Assent's own servers: server-sync, and wherever assent.js and the UI are served from.
    this.assentHosts = [config.serverSync?.url, config.ui.src, ...options.assentUrls]
      .map((u) => (u ? safeUrl(u, site.origin)?.host : undefined))
      .filter((h): h is string => !!h);
  }

  get services(): readonly ServiceConfig[] {
    return this.config.services;
  }

  /** The config service a URL loads from. */
  serviceForUrl(url: URL): ServiceConfig | undefined {
    return bestHostMatch(url, this.config.services);
  }

  request(raw: string): Classification {
    const url = safeUrl(raw);
    if (!url) return result({ category: 'unclassified', source: 'none' });
    if (this.assentHosts.includes(url.host)) return result({ category: 'necessary', source: 'assent' });
    const service = this.serviceForUrl(url);
    if (service) return result({ category: service.category, source: 'config', service: service.id });
    if (this.necessaryHosts.some((h) => hostMatches(h, url))) return result({ category: 'necessary', source: 'declared' });
    const preset = this.presets.forUrl(url);
    if (preset) return fromPreset(preset);
    return result({ category: 'unclassified', source: 'none' });
  }

  cookie(c: Pick<RawCookie, 'name' | 'domain' | 'setBy'>): Classification {
    const own = [this.config.cookie.name, keptDecisionCookie(this.config.cookie.name)];
    if (own.includes(c.name) && this.site.isFirstPartyDomain(c.domain)) return result({ category: 'necessary', source: 'assent' });
    for (const s of this.config.services)
      if (s.cookies.some((spec) => cookieSpecMatches(spec, c))) return result({ category: s.category, source: 'config', service: s.id });
    if (this.necessaryCookies.some((n) => cookiePattern(n.name).test(c.name))) return result({ category: 'necessary', source: 'declared' });
    const preset = this.presets.forCookie(c.name, c.domain);
    if (preset) return fromPreset(preset);
    const setter = c.setBy ? safeUrl(c.setBy.url) : undefined;
    if (setter) {
      const service = this.serviceForUrl(setter);
      if (service) return result({ category: service.category, source: 'setter', service: service.id });
      const byHost = this.presets.forUrl(setter);
      if (byHost) return { ...fromPreset(byHost), source: 'setter' };
    }
    return result({ category: 'unclassified', source: 'none' });
  }

  /** A cookie whose setter is a script or response of another site: a vendor's, whatever its name. */
  isVendorCookie(c: Pick<RawCookie, 'setBy'>): boolean {
    return !!c.setBy && !this.site.isFirstPartyUrl(c.setBy.url);
  }
}

function fromPreset(p: PresetMatch): Classification {
  return result({ category: p.category, source: 'preset', preset: p.id });
}

/**
 * Whether the visitor's decisions on the page allow an item. Necessary always; a config service by
 * its own decision; a category by the category's; an unclassified request or vendor cookie only
 * when every category is granted (nothing then was refused). Without Assent, nothing optional is allowed.
 */
export function isAllowed(c: Classification, assent: AssentState | null, unclassifiedIsVendor: boolean): boolean {
  if (c.category === 'necessary') return true;
  const d = assent?.decisions;
  if (!d) return false;
  if (c.category === 'unclassified') return !unclassifiedIsVendor || (d.functional && d.analytics && d.advertising);
  if (c.service && assent.services[c.service] !== undefined) return assent.services[c.service]!;
  return d[c.category];
}
