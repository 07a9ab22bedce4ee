/**
 * The cookie table for the privacy page, in each of the site's languages: every cookie the config
 * declares (seen or not), Assent's own, the site's necessary ones, and every other cookie seen.
 * Category names, Assent's purpose and observed lifetimes are translated; names, providers,
 * purposes and durations the config writes are shown as written (the config has one language).
 */
import { resolveLanguage, type Language, type SiteConfig } from '@assent/sdk';
import { cookieNamePattern, cookieSpecMatches } from './classify.js';
import { formatLifetime } from './durations.js';
import { LABELS } from './labels.js';
import type { NecessaryCookie } from './options.js';
import type { CategoryId, CookieObservation, CookieTable, CookieTableRow, RegionReport } from './report.js';
import { safeUrl, siteOf, type Site } from './site.js';
import type { PresetCatalogue } from './presets.js';

const ORDER: CategoryId[] = ['necessary', 'functional', 'analytics', 'advertising', 'unclassified'];

/** The site's languages: the config's language and text overrides, each region's, each page's; English if none. */
export function siteLanguages(config: SiteConfig, regions: readonly RegionReport[]): Language[] {
  const raw = [
    config.language,
    ...Object.keys(config.texts),
    ...regions.map((r) => r.regime?.language),
    ...regions.flatMap((r) => r.states.flatMap((s) => s.pages.map((p) => p.language))),
  ];
  const out: Language[] = [];
  for (const tag of raw) {
    if (!tag) continue;
    const lang = resolveLanguage(tag);
    if (!out.includes(lang)) out.push(lang);
  }
  return out.length ? out : ['en'];
}

/** A row before translation: `purpose`/`duration` either fixed text or a function of the language. */
interface Draft {
  name: string;
  provider: string;
  category: CategoryId;
  purpose: string | ((l: Language) => string);
  duration: string | ((l: Language) => string);
  service: string | null;
  declared: boolean;
  observed: boolean;
}

export function buildCookieTable(
  config: SiteConfig,
  site: Site,
  observed: ReadonlyMap<string, CookieObservation>,
  necessary: readonly NecessaryCookie[],
  presets: PresetCatalogue,
  languages: readonly Language[],
): CookieTable[] {
  const seen = [...observed.values()];
  const drafts: Draft[] = [];
  const covered = new Set<CookieObservation>();
  /** The longest lifetime among matches: `undefined` without any, `null` when all are session cookies. */
  const longest = (matches: CookieObservation[]): number | null | undefined =>
    matches.length ? matches.reduce<number | null>((max, c) => (c.lifetimeSeconds === null ? max : Math.max(max ?? 0, c.lifetimeSeconds)), null) : undefined;

  const consent = seen.filter((c) => c.source === 'assent');
  consent.forEach((c) => covered.add(c));
  const consentLife = longest(consent);
  drafts.push({
    name: config.cookie.name,
    provider: site.key,
    category: 'necessary',
    purpose: (l) => LABELS[l].consentCookie,
    duration: (l) => formatLifetime(consentLife ?? config.cookie.maxLifetimeDays * 86_400, l),
    service: null,
    declared: true,
    observed: consent.length > 0,
  });

  for (const n of necessary) {
    const matches = seen.filter((c) => c.source === 'declared' && cookieNamePattern(n.name).test(c.name));
    matches.forEach((c) => covered.add(c));
    const life = longest(matches);
    drafts.push({
      name: n.name,
      provider: site.key,
      category: 'necessary',
      purpose: n.purpose ?? '',
      duration: life === undefined ? '' : (l) => formatLifetime(life, l),
      service: null,
      declared: true,
      observed: matches.length > 0,
    });
  }

  for (const svc of config.services)
    for (const spec of svc.cookies) {
      const matches = seen.filter((c) => c.source === 'config' && c.service === svc.id && cookieSpecMatches(spec, c));
      matches.forEach((c) => covered.add(c));
      drafts.push({
        name: spec.name,
        provider: svc.provider,
        category: svc.category,
        purpose: spec.purpose,
        duration: spec.duration,
        service: svc.id,
        declared: true,
        observed: matches.length > 0,
      });
    }

  // Everything else seen, one row per name.
  const rest = new Map<string, CookieObservation[]>();
  for (const c of seen) if (!covered.has(c)) rest.set(c.name, [...(rest.get(c.name) ?? []), c]);
  for (const [name, list] of rest) {
    const c = list[0]!;
    const preset = presets.forCookie(name, c.domain);
    const spec = preset?.cookies.find((s) => cookieNamePattern(s.name).test(name));
    const setter = c.setBy ? safeUrl(c.setBy.url) : undefined;
    const life = longest(list);
    drafts.push({
      name,
      provider: preset?.provider ?? (setter && !site.isFirstPartyUrl(setter) ? siteOf(setter.hostname) : site.key),
      category: c.category,
      purpose: spec?.purpose ?? '',
      duration: spec?.duration ?? ((l) => formatLifetime(life ?? null, l)),
      service: c.service,
      declared: false,
      observed: true,
    });
  }

  drafts.sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category) || a.name.localeCompare(b.name));
  return languages.map((language) => ({
    language,
    rows: drafts.map(
      (d): CookieTableRow => ({
        name: d.name,
        provider: d.provider,
        category: d.category,
        categoryLabel: LABELS[language][d.category],
        purpose: typeof d.purpose === 'function' ? d.purpose(language) : d.purpose,
        duration: typeof d.duration === 'function' ? d.duration(language) : d.duration,
        service: d.service,
        declared: d.declared,
        observed: d.observed,
      }),
    ),
  }));
}
