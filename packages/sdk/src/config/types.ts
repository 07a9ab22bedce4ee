import type { OptionalCategory } from '../schema/receipt.js';
import type { RegionOverride } from '../policy/types.js';
import type { VendorConsentApi } from '../signals/vendor-apis.js';

export type { VendorConsentApi };

/** One cookie a service sets. `name` may contain `*` as a wildcard (e.g. `_ga_*`). */
export interface CookieSpec {
  name: string;
  /** Domain the cookie is set on; deletion also tries the page host and the consent cookie's domain. */
  domain?: string;
  /** Paths the cookie may be set on; deletion clears each. Default `['/']`. */
  paths?: string[];
  /** Human-readable lifetime shown in preferences, e.g. "13 months". */
  duration: string;
  purpose: string;
}

/** A third-party vendor whose tags Assent gates. */
export interface ServiceConfig {
  /** Lowercase id used by `data-assent-service` and in receipts. */
  id: string;
  name: string;
  provider: string;
  category: OptionalCategory;
  purpose: string;
  /** Hosts the service loads from (`ads.example.com` or `*.example.com`); dynamic insertions to them are held. */
  hosts: string[];
  cookies: CookieSpec[];
  /**
   * Its data use may be a US "sale"/"sharing": GPC and the privacy-choices opt-out switch it off
   * (or, with `restrictOnOptOut`, switch it to its vendor's restricted mode).
   */
  saleOrShare: boolean;
  privacyPolicyUrl?: string;
  /** The vendor's own consent API, driven after every decision (presets fill it in). */
  consentApi?: VendorConsentApi;
  /**
   * Under a US sale/share opt-out (GPC, or "Your Privacy Choices"), keep this service running in
   * its vendor's restricted mode (Meta Limited Data Use, Google restricted data processing)
   * instead of switching it off. Only for a `saleOrShare` service outside `advertising` whose
   * `consentApi` has such a mode; default `false` (switched off).
   */
  restrictOnOptOut?: boolean;
}

/**
 * A service as a site writes it: either in full, or `{ "preset": "meta-pixel" }` with any of
 * the fields overridden (`id` defaults to the preset's id).
 */
export type ServiceInput =
  | (Omit<ServiceConfig, 'saleOrShare' | 'cookies'> & { saleOrShare?: boolean; cookies?: CookieSpec[] })
  | ({ preset: string } & Partial<ServiceConfig>);

/** Where the footer widget sits. */
export type WidgetPosition = 'bottom-right' | 'bottom-left';

/** A validated site configuration with every default filled in. */
export interface SiteConfig {
  /** Bump when purposes, services or texts change materially; older records are asked again. */
  policyVersion: string;
  privacyPolicyUrl: string;
  /** Categories this site uses besides `necessary`; unused ones are not shown. */
  categories: OptionalCategory[];
  services: ServiceConfig[];
  cookie: {
    name: string;
    /** Parent domain (e.g. `example.com`) to share the decision across subdomains. */
    domain?: string;
    /** Upper bound on any regime lifetime, in days. */
    maxLifetimeDays: number;
  };
  /** server-sync base URL (no trailing slash); receipts and the region lookup go there. */
  serverSync?: { url: string; regionTimeoutMs: number };
  /** Overrides of region rows, keyed by region code or group (`EEA`, `US`, `CA`, `*`). */
  regions: Record<string, RegionOverride>;
  /** UI text overrides per language, e.g. `{ en: { title: "…" } }`. */
  texts: Record<string, Record<string, string>>;
  /** UI language; otherwise the regime's language, then the page's `lang`. */
  language?: string;
  /** Act on Do Not Track as an opt-out (the statement says the company does not, so off by default). */
  honourDnt: boolean;
  /** The site knows its visitors are minors: never opt in to advertising. */
  declaredMinor: boolean;
  ui: {
    layout: 'bar' | 'box' | 'modal';
    widget: { position: WidgetPosition; hidden: boolean };
    /** URL of `assent-ui.js`; default: beside `assent.js`. */
    src?: string;
  };
  gate: {
    /** Also hold `fetch`, `XMLHttpRequest`, `sendBeacon` and `new Image()` to service hosts. */
    interceptNetwork: boolean;
    /** Reload the page when a category is withdrawn, so already running scripts stop. */
    reloadOnWithdraw: boolean;
  };
  consentMode: {
    enabled: boolean;
    /** `wait_for_update` in ms pushed with the default while the visitor decides. */
    waitForUpdate: number;
  };
}

/** What a site writes: every field but `policyVersion`, `privacyPolicyUrl` and `services` is optional. */
export type SiteConfigInput = {
  policyVersion: string;
  privacyPolicyUrl: string;
  services: ServiceInput[];
  categories?: OptionalCategory[];
  cookie?: Partial<SiteConfig['cookie']>;
  serverSync?: { url: string; regionTimeoutMs?: number };
  regions?: SiteConfig['regions'];
  texts?: SiteConfig['texts'];
  language?: string;
  honourDnt?: boolean;
  declaredMinor?: boolean;
  ui?: { layout?: SiteConfig['ui']['layout']; widget?: Partial<SiteConfig['ui']['widget']>; src?: string };
  gate?: Partial<SiteConfig['gate']>;
  consentMode?: Partial<SiteConfig['consentMode']>;
};
