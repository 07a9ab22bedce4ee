/**
 * Turns what the browser recorded into findings: every cookie and request classified and judged
 * against the visitor's decisions on that page (leaks), what the config does not declare
 * (undeclared, with a suggestion), what it declares but never showed up (stale), and counts per
 * region and state.
 */
import type { SiteConfig } from '@assent/sdk';
import { isAllowed, type Classifier, hostMatches, cookieSpecMatches } from './classify.js';
import { lifetimeSeconds } from './durations.js';
import type { AssentState, RawPage } from './observe.js';
import type {
  CookieObservation,
  Leak,
  Occurrence,
  PageReport,
  RegionReport,
  RequestObservation,
  ScanState,
  Stale,
  StateReport,
  StateSummary,
  Undeclared,
} from './report.js';
import { safeUrl, type Site } from './site.js';
import { suggestFor } from './suggest.js';

/** What one region's three states recorded. */
export interface RegionRun {
  requested: string | null;
  bannerFound: boolean;
  states: Array<{ state: ScanState; clicked: string[]; error?: string; pages: RawPage[] }>;
}

export interface Analysis {
  regions: RegionReport[];
  leaks: Leak[];
  undeclared: Undeclared[];
  stale: Stale[];
  /** Every distinct cookie seen (name + domain), with the longest lifetime observed. */
  cookies: Map<string, CookieObservation>;
  thirdPartyHosts: Set<string>;
}

const cookieId = (c: { name: string; domain: string }) => `cookie:${c.name}@${c.domain.replace(/^\./, '')}`;

/** Adds an occurrence once. */
function occur(list: Occurrence[], o: Occurrence): void {
  if (!list.some((x) => x.region === o.region && x.state === o.state && x.page === o.page)) list.push(o);
}

function regionLabel(run: RegionRun): { label: string; page: RawPage | undefined } {
  const first = run.states.flatMap((s) => s.pages).find((p) => p.assent);
  return { label: run.requested ?? first?.assent?.region ?? 'site default', page: first };
}

export function analyze(runs: RegionRun[], classifier: Classifier, config: SiteConfig, site: Site, nowMs: number): Analysis {
  const leaks = new Map<string, Leak>();
  const undeclared = new Map<string, Undeclared>();
  const cookies = new Map<string, CookieObservation>();
  const thirdPartyHosts = new Set<string>();
  const seenHosts = new Set<string>(); // `${serviceId} ${pattern}`
  const seenCookies = new Set<string>();

  const regions: RegionReport[] = runs.map((run) => {
    const { label, page: first } = regionLabel(run);
    const states: StateReport[] = run.states.map((s) => {
      const pages = s.pages.map((raw): PageReport => {
        const where: Occurrence = { region: label, state: s.state, page: raw.url };
        const cookieObs = raw.cookies.map((c): CookieObservation => {
          const cls = classifier.cookie(c);
          const vendor = classifier.isVendorCookie(c);
          const obs: CookieObservation = {
            ...c,
            ...cls,
            party: site.isFirstPartyDomain(c.domain) ? 'first' : 'third',
            lifetimeSeconds: lifetimeSeconds(c.expires, nowMs),
            allowed: allowedOn(raw, (a) => isAllowed(cls, a, vendor)),
          };
          const id = cookieId(c);
          const known = cookies.get(id);
          if (!known || (obs.lifetimeSeconds ?? 0) > (known.lifetimeSeconds ?? 0) || (!known.setBy && obs.setBy)) cookies.set(id, obs);
          for (const svc of config.services) for (const spec of svc.cookies) if (cookieSpecMatches(spec, c)) seenCookies.add(`${svc.id} ${spec.name}`);
          if (!obs.allowed) {
            const leak = leaks.get(id) ?? {
              id,
              kind: 'cookie' as const,
              name: c.name,
              domain: c.domain,
              category: cls.category,
              source: cls.source,
              service: cls.service,
              preset: cls.preset,
              reason: reasonFor('cookie', cls),
              example: { url: raw.url, setBy: c.setBy },
              occurrences: [],
            };
            occur(leak.occurrences, where);
            leaks.set(id, leak);
          }
          if (cls.source === 'none' || cls.source === 'preset' || cls.source === 'setter') {
            const item = undeclared.get(id) ?? {
              id,
              kind: 'cookie' as const,
              name: c.name,
              domain: c.domain,
              party: obs.party,
              category: cls.category,
              source: cls.source,
              service: cls.service,
              preset: cls.preset,
              example: { url: raw.url, setBy: c.setBy, lifetimeSeconds: obs.lifetimeSeconds },
              suggestion: { kind: 'necessary' as const, option: '' }, // filled in below, once every host is known
              occurrences: [],
            };
            occur(item.occurrences, where);
            undeclared.set(id, item);
          }
          return obs;
        });

        const requestObs = raw.requests.map((r): RequestObservation => {
          const cls = classifier.request(r.url);
          const url = safeUrl(r.url);
          const host = url?.host ?? r.url;
          thirdPartyHosts.add(host);
          if (url) for (const svc of config.services) for (const h of svc.hosts) if (hostMatches(h, url)) seenHosts.add(`${svc.id} ${h}`);
          const obs: RequestObservation = { ...r, ...cls, host, allowed: allowedOn(raw, (a) => isAllowed(cls, a, true)) };
          if (!obs.allowed) {
            const id = `request:${host}`;
            const leak = leaks.get(id) ?? {
              id,
              kind: 'request' as const,
              name: host,
              category: cls.category,
              source: cls.source,
              service: cls.service,
              preset: cls.preset,
              reason: reasonFor('request', cls),
              example: { url: r.url, initiator: r.initiator },
              occurrences: [],
            };
            occur(leak.occurrences, where);
            leaks.set(id, leak);
          }
          if (cls.source === 'none' || cls.source === 'preset') {
            const id = `host:${host}`;
            const item = undeclared.get(id) ?? {
              id,
              kind: 'host' as const,
              name: host,
              party: 'third' as const,
              category: cls.category,
              source: cls.source,
              service: null,
              preset: cls.preset,
              example: { url: r.url, initiator: r.initiator },
              suggestion: { kind: 'necessary' as const, option: '' },
              occurrences: [],
            };
            occur(item.occurrences, where);
            undeclared.set(id, item);
          }
          return obs;
        });

        return {
          url: raw.url,
          phase: raw.phase,
          status: raw.status,
          ...(raw.error && { error: raw.error }),
          language: raw.language,
          cookies: cookieObs,
          requests: requestObs,
          storage: raw.storage,
          iframes: raw.iframes,
          consentMode: raw.consentMode,
          decisions: raw.assent?.decisions ?? null,
        };
      });
      return { state: s.state, clicked: s.clicked, ...(s.error && { error: s.error }), summary: emptySummary(), pages };
    });
    return {
      requested: run.requested,
      label,
      assentRegion: first?.assent?.region ?? null,
      regime: first?.assent?.regime ?? null,
      banner: { found: run.bannerFound, language: first?.assent?.regime?.language || first?.language || null },
      states,
    };
  });

  const undeclaredList = [...undeclared.values()];
  for (const item of undeclaredList) item.suggestion = suggestFor(item, undeclaredList, config, site);
  const leakList = [...leaks.values()];
  for (const r of regions) for (const s of r.states) s.summary = summarize(s, r.label, leakList, undeclaredList);

  const stale: Stale[] = [];
  for (const svc of config.services) {
    const hosts = svc.hosts.filter((h) => !seenHosts.has(`${svc.id} ${h}`));
    const specs = svc.cookies.filter((c) => !seenCookies.has(`${svc.id} ${c.name}`));
    if (hosts.length === svc.hosts.length && specs.length === svc.cookies.length) {
      stale.push({ id: `service:${svc.id}`, kind: 'service', service: svc.id, value: svc.id });
      continue;
    }
    for (const h of hosts) stale.push({ id: `host:${svc.id}:${h}`, kind: 'host', service: svc.id, value: h });
    for (const c of specs) stale.push({ id: `cookie:${svc.id}:${c.name}`, kind: 'cookie', service: svc.id, value: c.name });
  }

  return { regions, leaks: leakList, undeclared: undeclaredList, stale, cookies, thirdPartyHosts };
}

/** Allowed by the page's decisions; on a decision page, by those before the click too (see `RawPage.assentBefore`). */
function allowedOn(raw: RawPage, allowed: (a: AssentState | null) => boolean): boolean {
  return allowed(raw.assent) || (raw.assentBefore !== undefined && raw.assentBefore !== null && allowed(raw.assentBefore));
}

function reasonFor(kind: 'cookie' | 'request', c: { category: string; service: string | null; preset: string | null; source: string }): string {
  const what = kind === 'cookie' ? 'cookie present' : 'request made';
  if (c.category === 'unclassified') return `${what} by a vendor the config does not declare, while not every category was granted`;
  const who = c.service ? `service "${c.service}"` : c.preset ? `preset "${c.preset}" (not in the config)` : 'its category';
  return `${what} while ${c.category} (${who}) was not granted`;
}

function emptySummary(): StateSummary {
  return { pages: 0, cookies: 0, firstPartyCookies: 0, thirdPartyCookies: 0, thirdPartyRequests: 0, thirdPartyHosts: 0, iframes: 0, storageKeys: 0, consentModeCommands: 0, leaks: 0, undeclared: 0 };
}

function summarize(s: StateReport, region: string, leaks: Leak[], undeclared: Undeclared[]): StateSummary {
  const cookies = new Map<string, CookieObservation>();
  const hosts = new Set<string>();
  const iframes = new Set<string>();
  const keys = new Set<string>();
  let requests = 0;
  let commands = 0;
  for (const p of s.pages) {
    for (const c of p.cookies) cookies.set(cookieId(c), c);
    for (const r of p.requests) hosts.add(r.host);
    for (const f of p.iframes) iframes.add(f);
    for (const st of p.storage) for (const k of st.keys) keys.add(`${st.origin} ${st.area} ${k}`);
    requests += p.requests.length;
    commands += p.consentMode.length;
  }
  const here = (o: Occurrence) => o.region === region && o.state === s.state;
  const all = [...cookies.values()];
  return {
    pages: s.pages.filter((p) => p.phase === 'visit').length,
    cookies: all.length,
    firstPartyCookies: all.filter((c) => c.party === 'first').length,
    thirdPartyCookies: all.filter((c) => c.party === 'third').length,
    thirdPartyRequests: requests,
    thirdPartyHosts: hosts.size,
    iframes: iframes.size,
    storageKeys: keys.size,
    consentModeCommands: commands,
    leaks: leaks.filter((l) => l.occurrences.some(here)).length,
    undeclared: undeclared.filter((u) => u.occurrences.some(here)).length,
  };
}

