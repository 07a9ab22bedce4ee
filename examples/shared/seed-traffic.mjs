// The demo's past traffic, so the privacy console has something to chart: a month of consent
// decisions from visitors in the demo's regions, sent through server-sync's own receipt ingest
// (POST /v1/receipts, as browsers send them), and Portal links made and withdrawn through its link
// API. Only into a database without link events (a fresh one): a restart keeps what is there.
import { DEMO_POLICY_VERSION } from './site-config.mjs';

const DAY = 86_400_000;

/** A small, fixed pseudo-random sequence (mulberry32): the same demo data on every start. */
function sequence(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

const uuid = (rng) => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${'89ab'[rng.int(4)]}${rng.hex(3)}-${rng.hex(12)}`;

const NOTICES = {
  en: 'We use cookies for analytics and advertising with our partners. You can accept all, reject all or choose per category, and change your choice at any time from Cookie settings.',
  fr: 'Nous utilisons des cookies de mesure d’audience et de publicité avec nos partenaires. Vous pouvez tout accepter, tout refuser ou choisir par catégorie, et changer d’avis à tout moment depuis Paramètres des cookies.',
};

/** Where the demo's visitors come from, how often, and how their region's rules decide. */
const REGIONS = [
  { region: 'FR', regime: 'EEA', model: 'opt-in', lang: 'fr', weight: 6 },
  { region: 'DE', regime: 'EEA', model: 'opt-in', lang: 'en', weight: 4 },
  { region: 'GB', regime: 'GB', model: 'opt-in', lang: 'en', weight: 3 },
  { region: 'CA-QC', regime: 'CA-QC', model: 'opt-in', lang: 'fr', weight: 3 },
  { region: 'BR', regime: 'BR', model: 'opt-in', lang: 'en', weight: 2 },
  { region: 'VN', regime: 'VN', model: 'opt-in', lang: 'en', weight: 1 },
  { region: 'US-CA', regime: 'US-CA', model: 'opt-out', lang: 'en', weight: 5 },
  { region: 'US-TX', regime: 'US', model: 'opt-out', lang: 'en', weight: 3 },
  { region: null, regime: '*', model: 'opt-in', lang: 'en', weight: 1 },
];
const WEIGHTED = REGIONS.flatMap((r) => Array(r.weight).fill(r));

/** One visitor's decision: its method and what it grants, as the SDK would record it. */
function decide(rng, where) {
  const state = (granted, basis) => ({ granted, basis });
  const all = (granted, basis) => ({ functional: state(granted, basis), analytics: state(granted, basis), advertising: state(granted, basis) });
  if (where.model === 'opt-out') {
    const roll = rng.next();
    if (roll < 0.25) return { method: 'gpc', type: 'gpc-opt-out', gpc: true, purposes: { ...all(true, 'default'), advertising: state(false, 'signal') } };
    if (roll < 0.75) return { method: 'regime-default', type: 'default-applied', gpc: false, purposes: all(true, 'default') };
    if (roll < 0.9) return { method: 'privacy-choices', type: 'updated', gpc: false, purposes: { ...all(true, 'default'), advertising: state(false, 'consent') } };
    return { method: 'accept-all', type: 'given', gpc: false, purposes: all(true, 'consent') };
  }
  // Quebec visitors refuse more often than the rest (the marketing team's question).
  const acceptShare = where.region === 'CA-QC' ? 0.35 : 0.55;
  const roll = rng.next();
  if (roll < acceptShare) return { method: 'accept-all', type: 'given', gpc: false, purposes: all(true, 'consent') };
  if (roll < acceptShare + 0.3) return { method: 'reject-all', type: 'refused', gpc: false, purposes: all(false, 'consent') };
  const analytics = rng.next() < 0.5;
  return {
    method: 'custom', type: 'updated', gpc: false,
    purposes: { functional: state(true, 'consent'), analytics: state(analytics, 'consent'), advertising: state(false, 'consent') },
  };
}

function receiptOf(rng, subjectId, where, decidedMs, previousReceiptId, forced) {
  const d = forced ?? decide(rng, where);
  const granted = (c) => d.purposes[c].granted;
  return {
    schemaVersion: 'assent-receipt/1',
    receiptId: uuid(rng),
    subjectId,
    previousReceiptId,
    event: { type: d.type, method: d.method, clientTime: new Date(decidedMs).toISOString() },
    jurisdiction: { region: where.region, regime: where.regime, model: where.model, source: where.region ? 'attribute' : 'fallback' },
    policyVersion: DEMO_POLICY_VERSION,
    notice: { language: where.lang, text: NOTICES[where.lang] },
    purposes: { necessary: { granted: true, basis: 'necessary' }, ...d.purposes },
    services: {
      'demo-analytics': { category: 'analytics', granted: granted('analytics'), basis: d.purposes.analytics.basis, saleOrShare: false },
      'demo-ads': { category: 'advertising', granted: granted('advertising'), basis: d.purposes.advertising.basis, saleOrShare: true },
    },
    validity: { expiresAt: new Date(decidedMs + (where.model === 'opt-out' ? 365 : 180) * DAY).toISOString() },
    signals: { gpc: { value: d.gpc, honoured: d.gpc }, dnt: { value: false, honoured: false }, declaredMinor: false },
    client: { sdkVersion: '0.1.0', source: 'website', origin: 'http://127.0.0.1:4173', path: '/', browser: rng.pick(['Chrome', 'Firefox', 'Safari', 'Edge']), uiLanguage: where.lang },
  };
}

/**
 * The demo's month of traffic, decided at `now`: about `perDay` visitors a day over `days` days,
 * a few of whom withdraw later, and which of them log in to the Portal.
 * @param {{ now?: number, days?: number, perDay?: number }} [options]
 */
export function demoTraffic({ now = Date.now(), days = 30, perDay = 40 } = {}) {
  const rng = sequence(20261206);
  const receipts = [];
  const portal = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let d = days - 1; d >= 0; d--) {
    // Fewer visitors at weekends, and a campaign a week ago.
    const weekday = new Date(today - d * DAY).getUTCDay();
    const visitors = Math.round(perDay * (weekday === 0 || weekday === 6 ? 0.6 : 1) * (d === 7 ? 2 : 1) * (0.8 + rng.next() * 0.4));
    for (let v = 0; v < visitors; v++) {
      const where = rng.pick(WEIGHTED);
      const subjectId = rng.hex(32);
      // Decisions of today only up to the present: the server counts a decision no later than its own clock.
      const span = d === 0 ? Math.max(1, now - today - 60_000) : DAY - 1;
      const decidedMs = today - d * DAY + rng.int(span);
      const first = receiptOf(rng, subjectId, where, decidedMs, null);
      receipts.push(first);
      const consented = first.purposes.analytics.granted && first.purposes.analytics.basis === 'consent';
      // Some visitors who refused analytics log in to the Portal too: their link is refused.
      if (!consented && first.event.method === 'reject-all' && rng.next() < 0.1) portal.push({ subjectId, accountId: `acct_${rng.hex(8)}`, withdrawAfterDays: null, decidedMs });
      // About a third of the visitors who consented to analytics have a Portal account.
      if (consented && rng.next() < 0.35) {
        const accountId = `acct_${rng.hex(8)}`;
        // A few of them withdraw a few days later (the link is revoked then).
        const withdrawAfter = d > 2 && rng.next() < 0.3 ? 1 + rng.int(d - 1) : null;
        portal.push({ subjectId, accountId, withdrawAfterDays: withdrawAfter, decidedMs });
        if (withdrawAfter !== null) {
          const withdrawMs = Math.min(decidedMs + withdrawAfter * DAY, now - 60_000);
          receipts.push(receiptOf(rng, subjectId, where, withdrawMs, first.receiptId, {
            method: 'custom', type: 'withdrawn', gpc: false,
            purposes: { functional: { granted: true, basis: 'consent' }, analytics: { granted: false, basis: 'consent' }, advertising: { granted: false, basis: 'consent' } },
          }));
        }
      }
    }
  }
  return { receipts, portal };
}

async function post(url, body, apiKey) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (res.status >= 500 || res.status === 400 || res.status === 401) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Sends the demo's traffic to a fresh server-sync database: every receipt through
 * `POST /v1/receipts`, and the Portal links, each asked for after its visitor's decision and before
 * a later withdrawal (which revokes it). A database that already holds link events is left as it
 * is (`skipped`). Returns what was sent and what server-sync accepted.
 * @param {string} syncUrl
 * @param {string} apiKey
 * @param {{ now?: number, days?: number, perDay?: number }} [options]
 */
export async function seedTraffic(syncUrl, apiKey, options = {}) {
  const feed = await fetch(`${syncUrl}/v1/links/events?since=0&limit=1`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!feed.ok) throw new Error(`${syncUrl}/v1/links/events: ${feed.status}`);
  if ((await feed.json()).events.length) return { skipped: true, receipts: [], portal: [], accepted: 0, links: 0, refused: 0 };
  const { receipts, portal } = demoTraffic(options);
  const withdrawals = new Set(receipts.filter((r) => r.event.type === 'withdrawn').map((r) => r.receiptId));
  const firsts = receipts.filter((r) => !withdrawals.has(r.receiptId));
  let accepted = 0;
  for (let i = 0; i < firsts.length; i += 100) accepted += (await post(`${syncUrl}/v1/receipts`, { receipts: firsts.slice(i, i + 100) })).accepted;
  let links = 0;
  let refused = 0;
  for (const p of portal) {
    const answer = await post(`${syncUrl}/v1/links`, { subjectId: p.subjectId, accountId: p.accountId }, apiKey);
    if (answer?.created) links++;
    else if (answer?.error) refused++;
  }
  const later = receipts.filter((r) => withdrawals.has(r.receiptId));
  for (let i = 0; i < later.length; i += 100) accepted += (await post(`${syncUrl}/v1/receipts`, { receipts: later.slice(i, i + 100) })).accepted;
  return { skipped: false, receipts, portal, accepted, links, refused };
}
