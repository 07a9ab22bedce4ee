/**
 * The region table: one declarative row per region code or group. docs/regions.md gives each row's
 * legal source and the product decisions (test/regions-doc.test.ts keeps the two in step). Rows are
 * complete rules built by spreading a base row, so a site override of a group (say `CA`) never leaks
 * into a stricter exact row (`CA-QC`).
 */
import type { RegionRule } from './types.js';
import { EEA } from './eea.js';

const OFF = { functional: false, analytics: false, advertising: false };

/** `*`: unknown, missing, malformed or timed-out region. Opt-in, nothing on. */
export const STRICTEST: RegionRule = {
  model: 'opt-in',
  defaults: OFF,
  honourGpc: true,
  reconsent: true,
  lifetimeDays: { accept: 180, refuse: 180 },
  minAge: 18,
  language: '',
  notices: [],
  privacyChoices: false,
};

// Row builders are pure: a bundle that does not use the table drops every call.
const optIn = /* @__NO_SIDE_EFFECTS__ */ (minAge: number, language = '', extra: Partial<RegionRule> = {}): RegionRule => ({
  ...STRICTEST,
  minAge,
  language,
  ...extra,
});

/** US opt-out: everything on by regime default (basis `default`, never consent), GPC honoured everywhere. */
const US: RegionRule = {
  model: 'opt-out',
  defaults: { functional: true, analytics: true, advertising: true },
  honourGpc: true,
  reconsent: false,
  lifetimeDays: { accept: 365, refuse: 365 },
  minAge: 13,
  language: 'en',
  notices: [],
  privacyChoices: true,
};
const us = /* @__NO_SIDE_EFFECTS__ */ (minAge: number, language = 'en'): RegionRule => ({ ...US, minAge, language });

export { EEA };

const EEA_ROW = optIn(16);

/** Built-in rows. Lookup: exact code, then country, then group (`EEA`, `US`, `CA`), then `*`. */
export const REGION_TABLE: Readonly<Record<string, RegionRule>> = {
  '*': STRICTEST,
  EEA: EEA_ROW,
  // GDPR art. 8 ages where the member state set its own (Bird & Bird tracker, docs/regions.md "Europe").
  AT: optIn(14), BE: optIn(13), CZ: optIn(15), DK: optIn(13), FI: optIn(13), FR: optIn(15, 'fr'),
  DE: optIn(16, 'de'), IE: optIn(16), IT: optIn(14, 'it'), NL: optIn(16, 'nl'), ES: optIn(14, 'es'),
  SE: optIn(13),
  GB: optIn(13, 'en'),
  CH: optIn(16),
  // Quebec: s. 8.1 and s. 14 opt-in, s. 4.1 under-14 parental consent, French by the Charter.
  'CA-QC': optIn(14, 'fr-CA'),
  // Rest of Canada: opt-in because province geolocation is unreliable (OQ6).
  CA: optIn(13),
  US,
  'US-CA': us(16),
  'US-CO': us(18),
  'US-CT': us(18),
  'US-TX': us(13),
  'US-OR': us(16),
  'US-MT': us(18),
  'US-DE': us(18),
  'US-NH': us(16),
  'US-NJ': us(17),
  'US-NE': us(13),
  'US-MN': us(16),
  'US-MD': us(18),
  'US-VA': us(13),
  'US-UT': us(13),
  'US-TN': us(13),
  'US-IA': us(13),
  'US-IN': us(13),
  'US-KY': us(13),
  'US-RI': us(13),
  // Brazil: the banner must say refusal is possible and what it means (LGPD art. 18 VIII).
  // Below 12 a parent consents (LGPD art. 14); advertising stays off below 18 by the minor rule.
  BR: optIn(12, 'pt-BR', { notices: ['refusal-consequence'] }),
  CO: optIn(18, 'es'),
  AR: optIn(18, 'es'),
  MX: optIn(18, 'es', { notices: ['how-to-disable'] }),
  PE: optIn(14, 'es'),
  VN: optIn(16, 'vi'),
  KR: optIn(14, 'ko'),
  JP: optIn(16, 'ja', { notices: ['recipients'] }),
  SG: optIn(13, 'en'),
  IN: optIn(18, 'en'),
  ID: optIn(18, 'id'),
  TH: optIn(20, 'th'),
  PH: optIn(18, 'en'),
  MY: optIn(18, 'en'),
  AE: optIn(18, 'en'),
  SA: optIn(18, 'ar'),
  EG: optIn(18, 'ar'),
  ZA: optIn(18, 'en'),
  NG: optIn(18, 'en'),
  PK: optIn(18, 'en'),
};

/** The group a country belongs to, if any. */
export function groupOf(country: string): string | undefined {
  return country === 'US' || country === 'CA' ? country : EEA.includes(country) ? 'EEA' : undefined;
}
