// The receipt request bodies of the server-sync benchmarks (bench/server-sync.mjs,
// server-sync-ab.mjs, server-sync-inproc.mjs): receipts of ~1.1 KB as the SDK sends them, the
// notice by hash, spread over 2,000 subjects so chains grow and links are checked on every one.
import { randomBytes, randomUUID } from 'node:crypto';

const NOTICE_HASH = 'a'.repeat(64);
const SUBJECTS = Array.from({ length: 2000 }, () => randomBytes(16).toString('hex'));
let subjectAt = 0;
// Every receipt is unique (its id, subject and times), but spliced into JSON stringified once: the
// load generator shares the two cores with the server and PostgreSQL, and stringifying a fresh
// object per receipt cost it about 20 µs each (a quarter of a core at 12,000 receipts/s).
const TEMPLATE = JSON.stringify({
  schemaVersion: 'assent-receipt/1', receiptId: '@@receiptId@@', subjectId: '@@subjectId@@', previousReceiptId: null,
  event: { type: 'given', method: 'accept-all', clientTime: '@@clientTime@@' },
  jurisdiction: { region: 'FR', regime: 'EEA', model: 'opt-in', source: 'attribute' },
  policyVersion: 'bench', notice: { language: 'fr', hash: NOTICE_HASH },
  purposes: {
    necessary: { granted: true, basis: 'necessary' }, functional: { granted: true, basis: 'consent' },
    analytics: { granted: true, basis: 'consent' }, advertising: { granted: true, basis: 'consent' },
  },
  services: {
    'web-stats': { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false },
    'ad-pixel': { category: 'advertising', granted: true, basis: 'consent', saleOrShare: true },
  },
  validity: { expiresAt: '@@expiresAt@@' },
  signals: { gpc: { value: false, honoured: false }, dnt: { value: false, honoured: false }, declaredMinor: false },
  client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/pricing', browser: 'Chrome', uiLanguage: 'fr' },
}).split(/@@(?:receiptId|subjectId|clientTime|expiresAt)@@/);

/** One receipt's JSON, decided now, expiring in 180 days. */
export function receiptJson() {
  const now = Date.now();
  const [a, b, c, d, e] = TEMPLATE;
  return a + randomUUID() + b + SUBJECTS[subjectAt++ % SUBJECTS.length] + c + new Date(now).toISOString() + d +
    new Date(now + 180 * 86_400_000).toISOString() + e;
}

/** A `POST /v1/receipts` body of `n` receipts: one receipt, or `{ "receipts": [...] }`. */
export const receiptBody = (n) => (n === 1 ? receiptJson() : `{"receipts":[${Array.from({ length: n }, receiptJson).join(',')}]}`);

/**
 * B/A of two builds' CPU from alternated rounds: the totals' ratio, and the median and quartiles
 * of the rounds' ratios (how far the shared machine moved it), as one line.
 */
export function ratioLine(totalA, totalB, ratios) {
  const sorted = [...ratios].sort((x, y) => x - y);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
  return `B/A ${(totalB / totalA).toFixed(3)} (rounds: median ${q(0.5)}, quartiles ${q(0.25)}–${q(0.75)})`;
}
