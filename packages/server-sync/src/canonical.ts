import type { PurposeState, Receipt, ServiceState } from '@assent/sdk/schema';

/**
 * Canonical JSON: object keys sorted, no whitespace. Hashes and signatures are computed over it,
 * so the same receipt always yields the same bytes whatever the order its fields arrived in.
 */

/** A deep copy with every object's keys inserted in sorted order (undefined members dropped). */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v !== undefined) out[k] = sortedCopy(v);
  }
  return out;
}

export function canonicalJson(value: unknown): string {
  // JSON.stringify keeps insertion order, except that JavaScript lists integer-like keys (a
  // service id such as "42") first, in numeric order. The result is still deterministic, which is
  // what the hash needs: verification runs this same function.
  const s = JSON.stringify(sortedCopy(value));
  if (s === undefined) throw new TypeError('canonicalJson: value is not representable in JSON');
  return s;
}

const sortedRecord = <T, U>(rec: Record<string, T>, map: (v: T) => U): Record<string, U> => {
  const out: Record<string, U> = {};
  for (const k of Object.keys(rec).sort()) out[k] = map(rec[k] as T);
  return out;
};

/**
 * `canonicalJson` of a validated receipt, without the generic key sorting: the receipt's fields
 * are known (the validator rejects any other), so each object is built with its keys already in
 * sorted order. Must stay byte-identical to `canonicalJson(receipt)`: a test checks it.
 */
export function canonicalReceiptJson(r: Receipt): string {
  const p = (s: PurposeState) => ({ basis: s.basis, granted: s.granted });
  const flag = (s: { honoured: boolean; value: boolean }) => ({ honoured: s.honoured, value: s.value });
  return JSON.stringify({
    client: {
      browser: r.client.browser, origin: r.client.origin, path: r.client.path,
      sdkVersion: r.client.sdkVersion, source: r.client.source, uiLanguage: r.client.uiLanguage,
    },
    event: { clientTime: r.event.clientTime, method: r.event.method, type: r.event.type },
    jurisdiction: { model: r.jurisdiction.model, regime: r.jurisdiction.regime, region: r.jurisdiction.region, source: r.jurisdiction.source },
    notice: { hash: r.notice.hash, language: r.notice.language, text: r.notice.text },
    policyVersion: r.policyVersion,
    previousReceiptId: r.previousReceiptId,
    purposes: {
      advertising: p(r.purposes.advertising), analytics: p(r.purposes.analytics),
      functional: p(r.purposes.functional), necessary: p(r.purposes.necessary),
    },
    receiptId: r.receiptId,
    schemaVersion: r.schemaVersion,
    services: sortedRecord(r.services, (s: ServiceState) => ({ basis: s.basis, category: s.category, granted: s.granted, saleOrShare: s.saleOrShare })),
    signals: { declaredMinor: r.signals.declaredMinor, dnt: flag(r.signals.dnt), gpc: flag(r.signals.gpc) },
    subjectId: r.subjectId,
    validity: { expiresAt: r.validity.expiresAt },
  });
}
