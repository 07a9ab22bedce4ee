/**
 * createConsent(): the npm API. It validates the config, settles where the region comes from
 * (the caller, server-sync, or the strictest regime), announces the regime's defaults to Consent
 * Mode before any tag runs, and starts the consent core (consent.ts) on all of that.
 */
import { startConsent, type ConsentOptions } from './consent.js';
import { parseConfig } from './site-config.js';
import { PRESETS } from './presets/data.js';
import type { SiteConfig, SiteConfigInput } from './config/types.js';
import { createGate } from './gate/index.js';
import { embedLabels } from './i18n/labels.js';
import { visitorLanguage } from './i18n/language.js';
import { askRegion } from './policy/region-endpoint.js';
import type { RegionState } from './policy/region.js';
import { regimeOf, regionFrom } from './policy/resolve.js';
import { pushConsentDefault } from './signals/consent-mode.js';
import { readDnt, readGpc } from './signals/browser-signals.js';
import { grantsOf, regimeDefaults } from './state/defaults.js';
import { cookieStore } from './storage/record-store.js';
import type { Consent } from './types.js';

/**
 * Creates a consent instance. Throws `ConfigError` naming every bad field when the config is
 * invalid. Safe during server-side rendering: without a window it only answers with the
 * strictest decisions and stores nothing.
 */
export function createConsent(input: SiteConfigInput | SiteConfig, options: ConsentOptions = {}): Consent {
  const { config, warnings } = parseConfig(input, PRESETS); // the npm build carries every vendor preset
  warnings.forEach((w) => console.warn(`[assent] ${w}`));
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const region: RegionState =
    options.region !== undefined
      ? regionFrom(options.region, options.regionSource ?? 'option')
      : config.serverSync && win
        ? askRegion(win.fetch.bind(win), config.serverSync, config.regions)
        : { state: 'unknown' };
  const gate = win && options.gate !== false ? (typeof options.gate === 'object' ? options.gate : createGate(win)) : undefined;
  const regime = regimeOf(region, config.regions);
  // What the page hears first: the regime's defaults, before any tag runs.
  const record = (options.store ?? (win ? cookieStore(win.document, config.cookie.name, config.cookie.domain) : undefined))?.read();
  const signals = { gpc: readGpc(win?.navigator), dnt: readDnt(win?.navigator, win), minor: config.declaredMinor || !!record?.declaredMinor };
  const defaults = regimeDefaults(regime, config, signals);
  if (win && config.consentMode.enabled) pushConsentDefault(win, grantsOf(defaults), config.consentMode.waitForUpdate);
  return startConsent(config, {
    ...options,
    window: win,
    regime,
    regimeLater: region.state === 'asking' ? region.regime : undefined,
    gate,
    language: (r) => visitorLanguage(config, r, win),
    labels: (lang) => embedLabels(lang, config.texts[lang]),
    announced: { decisions: grantsOf(defaults), services: Object.fromEntries(Object.entries(defaults.services).map(([id, d]) => [id, d.granted])) },
  });
}
