/**
 * What a scan is asked to do, checked once: every later module can trust these values.
 */
import { normalizeRegion } from '@assent/sdk';
import { ScanError } from './errors.js';
import type { PresetCatalogue } from './presets.js';

/** How the scanner tells the site which region the visitor is in. */
export type RegionVia =
  /** Sets `data-assent-region` on Assent's script tag before it runs, as the site's edge fills it. */
  | { kind: 'attribute' }
  /** Adds `?<name>=<region>` to every page URL (the demo's `?region=`). */
  | { kind: 'query'; name: string }
  /** Sends `<name>: <region>` with every request to the site's origin (a geo header the site trusts). */
  | { kind: 'header'; name: string };

/** A cookie of the site's own that it needs to work, declared to the scanner (the config has no place for them). */
export interface NecessaryCookie {
  /** Name, `*` as a wildcard. */
  name: string;
  /** For the cookie table. */
  purpose?: string;
}

/** Options of {@link scan}. Only `url` is required. */
export interface ScanOptions {
  /** Start page, http(s). Its query (`?region=FR`) is kept on every page visited. */
  url: string;
  /**
   * The site config to check against: a file path, an http(s) URL, or the parsed JSON. Default:
   * the config the start page itself loads (`data-assent-config`).
   */
  config?: string | object;
  /** Region codes to scan (`FR`, `US-CA`). Default: one pass in whatever region the site decides. */
  regions?: string[];
  /** How regions are set. Default `{ kind: 'attribute' }`. */
  regionVia?: RegionVia;
  /** Most pages to visit per state (start page included). Default 10. */
  pages?: number;
  /** Wall-clock budget for the whole scan, ms. Default 10 minutes; pages left then are skipped and the report says so. */
  maxTimeMs?: number;
  /** Budget of one page load, ms. Default 30 s. */
  pageTimeoutMs?: number;
  /** Quiet time after a page loads before it is recorded, ms (tags fire late). Default 1,500. */
  settleMs?: number;
  /** How long to wait for the banner, ms. Default 8,000. */
  bannerTimeoutMs?: number;
  /** Browser contexts open at once. Default 2. */
  concurrency?: number;
  /** The site's own necessary cookies (session, load balancer, CSRF...). */
  necessaryCookies?: NecessaryCookie[];
  /**
   * Third-party hosts the site loads before consent on purpose: a CDN, fonts, or a tag manager's
   * container that Consent Mode governs (`www.googletagmanager.com/gtm.js`). Host patterns as in
   * the config: `*.example.com`, and a path or query prefix.
   */
  necessaryHosts?: string[];
  /** Obey robots.txt (default true). Turn off only for a site you run. */
  respectRobots?: boolean;
  /** Chromium executable. Default: `CHROMIUM_PATH`, else the first of the usual install paths. */
  chromiumPath?: string;
  /** Recorded in the report: with it, undeclared items fail the verdict too (see `verdict`). */
  strict?: boolean;
  /** Vendor presets to recognise undeclared hosts and cookies by. Default: the SDK's (`@assent/sdk/presets`). */
  presets?: PresetCatalogue;
  /** Receives one line per step (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
}

/** {@link ScanOptions} checked, with every default filled in. */
export interface ResolvedOptions {
  startUrl: URL;
  config?: string | object;
  regions: Array<string | null>;
  regionVia: RegionVia;
  pages: number;
  maxTimeMs: number;
  pageTimeoutMs: number;
  settleMs: number;
  bannerTimeoutMs: number;
  concurrency: number;
  necessaryCookies: NecessaryCookie[];
  necessaryHosts: string[];
  respectRobots: boolean;
  chromiumPath?: string;
  progress: (message: string) => void;
}

/** A host pattern as the config writes them, with the optional path and query prefix presets use. */
const HOST = /^(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?(?:[/?][\x21-\x7e]*)?$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const QUERY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function intIn(value: number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new ScanError('usage', `${what} must be a whole number from ${min} to ${max} (got ${value})`);
  return value;
}

/** Checks options and fills defaults; throws a `usage` {@link ScanError} naming the bad one. */
export function resolveOptions(o: ScanOptions): ResolvedOptions {
  let startUrl: URL;
  try {
    startUrl = new URL(o.url);
  } catch {
    throw new ScanError('usage', `the start URL "${o.url}" is not a URL (include the scheme, e.g. https://www.example.com)`);
  }
  if (!/^https?:$/.test(startUrl.protocol)) throw new ScanError('usage', `the start URL must be http or https (got ${startUrl.protocol})`);
  startUrl.hash = '';

  const regions: Array<string | null> = [];
  for (const raw of o.regions ?? []) {
    const code = normalizeRegion(raw);
    if (!code) throw new ScanError('usage', `"${raw}" is not a region code (ISO 3166-1 or 3166-2, e.g. FR, US-CA, CA-QC)`);
    if (!regions.includes(code)) regions.push(code);
  }
  if (!regions.length) regions.push(null);

  const via = o.regionVia ?? { kind: 'attribute' };
  if (via.kind === 'query' && !QUERY_NAME.test(via.name)) throw new ScanError('usage', `"${via.name}" is not a usable query parameter name`);
  if (via.kind === 'header' && !HEADER_NAME.test(via.name)) throw new ScanError('usage', `"${via.name}" is not a valid HTTP header name`);

  for (const c of o.necessaryCookies ?? [])
    if (!COOKIE_NAME.test(c.name)) throw new ScanError('usage', `"${c.name}" is not a cookie name or pattern`);
  const necessaryHosts = (o.necessaryHosts ?? []).map((h) => h.trim().toLowerCase());
  for (const h of necessaryHosts) if (!HOST.test(h)) throw new ScanError('usage', `"${h}" is not a host pattern (example.com, *.example.com, host:port, optionally with a path: host/path)`);

  return {
    startUrl,
    config: o.config,
    regions,
    regionVia: via,
    pages: intIn(o.pages, 10, 1, 500, 'pages'),
    maxTimeMs: intIn(o.maxTimeMs, 600_000, 1_000, 86_400_000, 'the time budget (ms)'),
    pageTimeoutMs: intIn(o.pageTimeoutMs, 30_000, 1_000, 300_000, 'the page timeout (ms)'),
    settleMs: intIn(o.settleMs, 1_500, 0, 60_000, 'the settle time (ms)'),
    bannerTimeoutMs: intIn(o.bannerTimeoutMs, 8_000, 500, 120_000, 'the banner timeout (ms)'),
    concurrency: intIn(o.concurrency, 2, 1, 8, 'concurrency'),
    necessaryCookies: o.necessaryCookies ?? [],
    necessaryHosts,
    respectRobots: o.respectRobots ?? true,
    chromiumPath: o.chromiumPath,
    progress: o.onProgress ?? (() => {}),
  };
}
