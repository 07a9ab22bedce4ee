/** Builds the consent receipt (docs/regions.md, "What a receipt records") for a record. */
import { CATEGORIES, SCHEMA_VERSION, type EventType, type Receipt, type ReceiptSource } from '../schema/receipt.js';
import type { SiteConfig } from '../config/types.js';
import type { Regime } from '../policy/types.js';
import type { ConsentRecord } from '../state/types.js';
import type { ShownNotice } from '../types.js';
import { newUuid } from './ids.js';

import { SDK_VERSION } from '../version.js';

export { SDK_VERSION };

/** What happened, from the previous and the new record. */
export function eventType(prev: ConsentRecord | null, next: ConsentRecord): EventType {
  if (next.method === 'gpc') return 'gpc-opt-out';
  if (next.method === 'regime-default') return 'default-applied';
  const granted = (r: ConsentRecord) => Object.values(r.categories).some((d) => d.granted);
  const withdrew = prev && Object.keys(prev.categories).some(
    (c) => prev.categories[c as keyof ConsentRecord['categories']].granted && !next.categories[c as keyof ConsentRecord['categories']].granted,
  );
  if (withdrew) return 'withdrawn';
  if (prev) return 'updated';
  return granted(next) ? 'given' : 'refused';
}

/** Browser family only: never the user-agent string. */
export function browserFamily(ua: string): string {
  for (const [re, name] of [[/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\//, 'Firefox'], [/Chrom(e|ium)\//, 'Chrome'], [/Safari\//, 'Safari']] as const)
    if (re.test(ua)) return name;
  return 'other';
}

/** A plain-text notice built from the config when the caller did not say what was shown. */
export function configNotice(config: SiteConfig, language: string): ShownNotice {
  const lines = [`Privacy policy: ${config.privacyPolicyUrl}`, `Policy version: ${config.policyVersion}`];
  for (const c of config.categories) {
    lines.push(`[${c}]`);
    for (const s of config.services.filter((x) => x.category === c)) lines.push(`${s.name} (${s.provider}): ${s.purpose}`);
  }
  return { language, text: lines.join('\n') };
}

export interface ReceiptContext {
  config: SiteConfig;
  regime: Regime;
  notice: ShownNotice;
  source: ReceiptSource;
  gpc: boolean;
  dnt: boolean;
  location: { origin: string; pathname: string };
  userAgent: string;
  now: number;
}

export function buildReceipt(prev: ConsentRecord | null, next: ConsentRecord, ctx: ReceiptContext): Receipt {
  const { config, regime } = ctx;
  const purposes = {} as Receipt['purposes'];
  for (const c of CATEGORIES)
    purposes[c] = c === 'necessary' ? { granted: true, basis: 'necessary' } : { ...next.categories[c] };
  const services: Receipt['services'] = {};
  for (const s of config.services) {
    const d = next.services[s.id];
    if (d) services[s.id] = { category: s.category, granted: d.granted, basis: d.basis, saleOrShare: s.saleOrShare };
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    receiptId: newUuid(),
    subjectId: next.subjectId,
    previousReceiptId: prev?.receiptId ?? null,
    event: { type: eventType(prev, next), method: next.method, clientTime: new Date(ctx.now).toISOString() },
    jurisdiction: { region: regime.region, regime: regime.key, model: regime.model, source: regime.source },
    policyVersion: next.policyVersion,
    notice: { language: ctx.notice.language, text: ctx.notice.text },
    purposes,
    services,
    validity: { expiresAt: new Date(next.expiresAt).toISOString() },
    signals: {
      gpc: { value: ctx.gpc, honoured: ctx.gpc && regime.honourGpc },
      dnt: { value: ctx.dnt, honoured: ctx.dnt && config.honourDnt },
      declaredMinor: next.declaredMinor,
    },
    client: {
      sdkVersion: SDK_VERSION,
      source: ctx.source,
      origin: ctx.location.origin.slice(0, 256),
      path: ctx.location.pathname.slice(0, 1024),
      browser: browserFamily(ctx.userAgent),
      uiLanguage: ctx.notice.language,
    },
  };
}
