/**
 * `parseConfig`: a site config validated whole. The config layer checks its own shape
 * (config/parse.ts); the one rule that needs the storage layer (every decision must fit the one
 * consent cookie) is checked here, above both, so the config layer never imports storage.
 */
import { ConfigError, validateConfig, type ParsedConfig } from './config/parse.js';
import type { PresetTable } from './presets/types.js';
import { OPTIONAL_CATEGORIES } from './schema/receipt.js';
import type { ConsentRecord } from './state/types.js';
import { encodeRecord, MAX_COOKIE_VALUE } from './storage/codec.js';

/**
 * Validates a site config and fills its defaults; throws {@link ConfigError} naming every bad
 * field (see `validateConfig`), or when the largest record the config can produce would not fit
 * a browser's cookie (the visitor would be asked again on every page).
 */
export function parseConfig(input: unknown, presets?: PresetTable): ParsedConfig {
  const parsed = validateConfig(input, presets);
  const { services, policyVersion } = parsed.config;
  const longest = encodeRecord({
    subjectId: '0'.repeat(32),
    categories: Object.fromEntries(OPTIONAL_CATEGORIES.map((cat) => [cat, { granted: true, basis: 'consent' }])) as ConsentRecord['categories'],
    services: Object.fromEntries(services.map((s) => [s.id, { granted: true, basis: 'consent' }])),
    policyVersion,
    region: 'XX-XXX', // the longest codes the cookie accepts
    regime: 'XXX-XXX',
    method: 'privacy-choices',
    decidedAt: 4e12,
    expiresAt: 4e12,
    gpc: true,
    declaredMinor: true,
    receiptId: '00000000-0000-4000-8000-000000000000',
  }).length;
  if (longest > MAX_COOKIE_VALUE)
    throw new ConfigError([
      {
        path: '/services',
        message: `${services.length} services need a consent cookie of ${longest} characters; browsers keep at most ${MAX_COOKIE_VALUE} (use shorter service ids or fewer services)`,
      },
    ]);
  return parsed;
}
