import { bool, check, int, obj, record, str, arr, type Shape, type ShapeError } from '../schema/validate.js';
import { OPTIONAL_CATEGORIES, MODELS } from '../schema/vocabulary.js';
import { LANGUAGE_TAG, REGIME_KEY, SERVICE_ID } from '../schema/patterns.js';
import { STRICTEST } from '../policy/table.js';
import type { RegionOverride } from '../policy/types.js';
import type { CookieSpec, ServiceConfig, SiteConfig, SiteConfigInput } from './types.js';
import type { PresetTable } from '../presets/types.js';
import { RESTRICTABLE_APIS, VENDOR_CONSENT_APIS } from '../signals/vendor-apis.js';

/** Thrown by {@link validateConfig} (and `parseConfig`): every problem found, each naming the field and what was expected. */
export class ConfigError extends Error {
  readonly errors: ShapeError[];
  constructor(errors: ShapeError[]) {
    super(`Assent config is invalid:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.errors = errors;
  }
}

const category = str({ oneOf: OPTIONAL_CATEGORIES });
const text = (max = 2000) => str({ min: 1, max });
/** A host, optionally with a path prefix and one `?param=prefix` (see `hostMatches`). */
const HOST = /^(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?(?:\/[^\s?#]*)?(?:\?[\w.-]+(?:=[^\s&#]*)?)?$/;

const cookieShape = obj({
  name: str({ min: 1, max: 128, pattern: /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/ }),
  'domain?': str({ max: 253, pattern: /^\.?[a-z0-9.-]+$/ }),
  'paths?': arr(str({ min: 1, max: 256, pattern: /^\// }), 20),
  duration: text(64),
  purpose: text(),
});

const serviceShape = obj({
  id: str({ pattern: SERVICE_ID, max: 64 }),
  name: text(128),
  provider: text(128),
  category,
  purpose: text(),
  hosts: arr(str({ min: 1, max: 253, pattern: HOST }), 50),
  'cookies?': arr(cookieShape, 100),
  'saleOrShare?': bool,
  'privacyPolicyUrl?': str({ max: 2048, pattern: /^(https?:\/\/|\/)/ }),
  'preset?': str({ max: 64 }),
  'consentApi?': str({ oneOf: VENDOR_CONSENT_APIS }),
  'restrictOnOptOut?': bool,
});

const configShape = obj({
  policyVersion: str({ min: 1, max: 64, pattern: /^[\x21-\x7e]+$/ }),
  privacyPolicyUrl: str({ min: 1, max: 2048, pattern: /^(https?:\/\/|\/)/ }),
  services: arr(serviceShape, 200),
  'categories?': arr(category, 3),
  'cookie?': obj({
    'name?': str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
    'domain?': str({ max: 253, pattern: /^\.?[a-z0-9.-]+$/ }),
    'maxLifetimeDays?': int(1, 730),
  }),
  'serverSync?': obj({ url: str({ min: 1, max: 2048, pattern: /^(https?:\/\/|\/)/ }), 'regionTimeoutMs?': int(50, 10_000) }),
  // Region rows are checked one by one below: a malformed row degrades to the strictest rule.
  'regions?': record(REGIME_KEY, () => {}, 300),
  'texts?': record(LANGUAGE_TAG, record(/^[A-Za-z0-9_.-]{1,64}$/, str({ max: 4000 }), 500), 40),
  'language?': str({ pattern: LANGUAGE_TAG, max: 35 }),
  'honourDnt?': bool,
  'declaredMinor?': bool,
  'ui?': obj({
    'layout?': str({ oneOf: ['bar', 'box', 'modal'] }),
    'widget?': obj({ 'position?': str({ oneOf: ['bottom-right', 'bottom-left'] }), 'hidden?': bool }),
    'src?': str({ max: 2048 }),
  }),
  'gate?': obj({ 'interceptNetwork?': bool, 'reloadOnWithdraw?': bool }),
  'consentMode?': obj({ 'enabled?': bool, 'waitForUpdate?': int(0, 10_000) }),
});

const days = int(1, 3650);
/** Shape of a (partial) region override row. */
const regionRowShape: Shape = obj({
  'model?': str({ oneOf: MODELS }),
  'defaults?': obj({ 'functional?': bool, 'analytics?': bool, 'advertising?': bool }),
  'honourGpc?': bool,
  'reconsent?': bool,
  'lifetimeDays?': obj({ 'accept?': days, 'refuse?': days }),
  'minAge?': int(0, 25),
  'language?': str({ max: 35 }),
  'notices?': arr(str({ oneOf: ['refusal-consequence', 'how-to-disable', 'recipients'] }), 3),
  'privacyChoices?': bool,
});

/** Result of parsing: the config, plus warnings about parts replaced by safe defaults. */
export interface ParsedConfig {
  config: SiteConfig;
  warnings: string[];
}

/** A config once its presets are expanded: every service written out. */
type ExpandedInput = Omit<SiteConfigInput, 'services'> & {
  services: Array<Omit<ServiceConfig, 'saleOrShare' | 'cookies'> & { saleOrShare?: boolean; cookies?: CookieSpec[] }>;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Replaces every `{ "preset": "id", ...overrides }` service with the preset's definition, the
 * overrides on top (an override replaces the preset's field whole: `hosts`, `cookies` too). The
 * result is an ordinary service, so a parsed config parses again unchanged. An unknown preset, or one named when no table is available, is reported at
 * `/services/<i>/preset`, and that service's index added to `failed`: its other errors would
 * only repeat it.
 */
function expandPresets(input: unknown, presets: PresetTable | undefined, errors: ShapeError[], failed: Set<number>): unknown {
  if (!isObject(input) || !Array.isArray(input.services)) return input;
  const services = input.services.map((svc: unknown, i) => {
    const name = isObject(svc) && svc.preset;
    if (typeof name !== 'string') return svc; // not a preset, or a bad one the shape check reports
    const found = presets && Object.prototype.hasOwnProperty.call(presets, name) ? presets[name] : undefined;
    if (found) {
      const { sources: _s, restrictable: _r, ...definition } = found;
      const { preset: _p, ...overrides } = svc as Record<string, unknown>;
      return { ...definition, ...overrides };
    }
    failed.add(i);
    errors.push({ path: `/services/${i}/preset`, message: presets ? `unknown preset "${name}"` : `"${name}" needs the presets table (assent-presets.js)` });
    return svc;
  });
  return { ...input, services };
}

/** `restrictOnOptOut` only where it can do something (see its documentation). */
const restrictError = (s: ExpandedInput['services'][number], i: number): ShapeError[] =>
  s.restrictOnOptOut && (s.category === 'advertising' || !s.saleOrShare || !RESTRICTABLE_APIS.includes(s.consentApi!))
    ? [{ path: `/services/${i}/restrictOnOptOut`, message: `needs a saleOrShare service outside advertising, with the meta or google consentApi` }]
    : [];

/**
 * Validates a site config and fills its defaults. Throws {@link ConfigError} naming every bad
 * field. A malformed region override row is not fatal: it is replaced by the strictest rule and
 * reported in `warnings`, so a typo can only make the site stricter, never looser.
 *
 * A service may name a vendor preset (`{ "preset": "meta-pixel", ...overrides }`): `presets` is
 * the table to expand it from (`PRESETS` from `@assent/sdk/presets`); without one, such a
 * service is an error naming `/services/<i>/preset`.
 */
export function validateConfig(input: unknown, presets?: PresetTable): ParsedConfig {
  const errors: ShapeError[] = [];
  const failed = new Set<number>();
  input = expandPresets(input, presets, errors, failed);
  errors.push(...check(configShape, input).filter((e) => ![...failed].some((i) => e.path.startsWith(`/services/${i}/`))));
  if (errors.length) throw new ConfigError(errors);
  const c = input as ExpandedInput;
  const warnings: string[] = [];

  const ids = new Set<string>();
  c.services.forEach((s, i) => {
    if (ids.has(s.id)) errors.push({ path: `/services/${i}/id`, message: `duplicate service id "${s.id}"` });
    ids.add(s.id);
  });
  const categories = c.categories ?? OPTIONAL_CATEGORIES.filter((cat) => c.services.some((s) => s.category === cat));
  c.services.forEach((s, i) => {
    if (!categories.includes(s.category))
      errors.push({ path: `/services/${i}/category`, message: `"${s.category}" is not in /categories` });
    errors.push(...restrictError(s, i));
  });
  if (errors.length) throw new ConfigError(errors);

  const regions: Record<string, RegionOverride> = {};
  for (const [key, row] of Object.entries(c.regions ?? {})) {
    const rowErrors = check(regionRowShape, row);
    if (rowErrors.length) {
      warnings.push(`region override "${key}" is malformed (${rowErrors[0]!.path}: ${rowErrors[0]!.message}); using the strictest rule`);
      regions[key] = STRICTEST;
    } else regions[key] = row as RegionOverride;
  }

  const serverSync = c.serverSync && {
    url: c.serverSync.url.replace(/\/+$/, ''),
    regionTimeoutMs: c.serverSync.regionTimeoutMs ?? 1500,
  };
  return {
    warnings,
    config: {
      policyVersion: c.policyVersion,
      privacyPolicyUrl: c.privacyPolicyUrl,
      categories,
      services: c.services.map((s) => ({ ...s, cookies: s.cookies ?? [], saleOrShare: s.saleOrShare ?? false })),
      cookie: {
        name: c.cookie?.name ?? 'assent',
        domain: c.cookie?.domain?.replace(/^\./, ''),
        maxLifetimeDays: c.cookie?.maxLifetimeDays ?? 395,
      },
      serverSync,
      regions,
      texts: c.texts ?? {},
      language: c.language,
      honourDnt: c.honourDnt ?? false,
      declaredMinor: c.declaredMinor ?? false,
      ui: {
        layout: c.ui?.layout ?? 'bar',
        widget: { position: c.ui?.widget?.position ?? 'bottom-right', hidden: c.ui?.widget?.hidden ?? false },
        src: c.ui?.src,
      },
      gate: { interceptNetwork: c.gate?.interceptNetwork ?? false, reloadOnWithdraw: c.gate?.reloadOnWithdraw ?? false },
      consentMode: { enabled: c.consentMode?.enabled ?? true, waitForUpdate: c.consentMode?.waitForUpdate ?? 500 },
    },
  };
}
