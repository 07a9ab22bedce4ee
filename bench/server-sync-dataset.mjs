// The data set of the server-sync scale benchmarks (bench/server-sync-scale.mjs,
// bench/server-sync-purge.mjs): realistic receipts, subjects, links and link events, sealed,
// chained and encoded by the server's own code and bulk-loaded straight into the database
// (multi-row INSERTs through the server's own drivers, not the API); the request bodies of the
// load; and the server under test in its own process.
//
// Receipts are spread over subjects the way visits are (half the subjects have one receipt, a
// quarter two, a long tail up to 60), over 13 months, stored in time order; retention is 12
// months, so the oldest month is what a purge deletes. Regions, methods, browsers and pages are
// mixed; 10% of subjects are linked to a Portal account (links whose consent expired are
// revoked), a quarter of the others have a refused link request: 0.35 link events per subject.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fixedRate, pct } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const SPAN_MONTHS = 13;
export const RETENTION_MONTHS = 12;
export const MONTH_MS = 30.44 * 86_400_000;
export const API_KEY = 'bench-api-key-0123456789';
const SIGNING = `bench:${'11'.repeat(32)}`;
const JOIN = '33'.repeat(32);
export const log = (...m) => console.error(new Date().toISOString().slice(11, 19), ...m);

if (!existsSync(join(root, 'packages/server-sync/dist/index.js'))) {
  console.error('packages/server-sync/dist is missing: run `pnpm exec rollup -c packages/server-sync/build.mjs` first.');
  process.exit(1);
}

// ---- the server's own code, for sealing and encoding rows exactly as it does -----------------
async function serverInternals() {
  const dir = join(root, 'packages/server-sync/node_modules/.cache/bench-scale');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `internals-${process.pid}.mjs`);
  const src = (p) => `./packages/server-sync/src/${p}`;
  await build({
    stdin: {
      contents: [
        `export { seal } from '${src('seal.ts')}';`,
        `export { canonicalReceiptJson } from '${src('canonical.ts')}';`,
        `export { encodeReceiptBody } from '${src('storage/receipt-body.ts')}';`,
        `export { summarize } from '${src('link-policy.ts')}';`,
        `export { migrate } from '${src('storage/migrations.ts')}';`,
        `export { openPostgres } from '${src('storage/pg-driver.ts')}';`,
        `export { openSqlite } from '${src('storage/sqlite-driver.ts')}';`,
        `export { makeKeyring, parseSigningKeys, joinKeyOf } from '${src('keys.ts')}';`,
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', conditions: ['source'],
    external: ['better-sqlite3', 'pg'], outfile, logLevel: 'silent',
  });
  const mod = await import(outfile);
  rmSync(outfile, { force: true });
  return mod;
}
export const S = await serverInternals();
const keys = S.makeKeyring(S.parseSigningKeys(SIGNING), Buffer.from(JOIN, 'hex'));

// ---- realistic data -------------------------------------------------------------------------
/** mulberry32: a small seeded PRNG, so a size's data is the same from run to run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const subjectIdOf = (seed, i) => createHash('sha256').update(`${seed}:${i}`).digest('hex').slice(0, 32);
const pick = (rand, weighted) => {
  let u = rand() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((u -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
/** Receipts of one subject: half have 1, a quarter 2, then 3-5, 6-20 and a tail of 21-60. */
const receiptsPerSubject = (rand) => {
  const u = rand();
  if (u < 0.5) return 1;
  if (u < 0.75) return 2;
  if (u < 0.9) return 3 + Math.floor(rand() * 3);
  if (u < 0.98) return 6 + Math.floor(rand() * 15);
  return 21 + Math.floor(rand() * 40);
};
const REGIONS = [
  [{ region: 'FR', regime: 'EEA', model: 'opt-in', lang: 'fr' }, 25], [{ region: 'DE', regime: 'EEA', model: 'opt-in', lang: 'de' }, 15],
  [{ region: 'GB', regime: 'GB', model: 'opt-in', lang: 'en' }, 10], [{ region: 'US-CA', regime: 'US-CA', model: 'opt-out', lang: 'en' }, 15],
  [{ region: 'US-TX', regime: 'US-TX', model: 'opt-out', lang: 'en' }, 7], [{ region: 'CA-QC', regime: 'CA-QC', model: 'opt-in', lang: 'fr' }, 5],
  [{ region: 'BR', regime: 'BR', model: 'opt-in', lang: 'pt' }, 6], [{ region: 'VN', regime: 'VN', model: 'opt-in', lang: 'vi' }, 3],
  [{ region: null, regime: '*', model: 'opt-in', lang: 'en' }, 4], [{ region: 'SG', regime: 'SG', model: 'notice', lang: 'en' }, 10],
];
const METHODS = [['accept-all', 55], ['reject-all', 25], ['custom', 15], ['withdrawal', 3], ['gpc', 2]];
const BROWSERS = [['Chrome', 60], ['Safari', 22], ['Edge', 8], ['Firefox', 7], ['Other', 3]];
const PATHS = ['/', '/pricing', '/product/messaging', '/product/voice', '/blog', '/blog/what-is-cpaas', '/contact', '/docs', '/careers', '/legal/privacy']
  .map((p, i) => [p, 10 - i]);
const NOTICES = Object.fromEntries(['fr', 'de', 'en', 'pt', 'vi'].map((l) => {
  const text = `Notice (${l}): we use cookies for analytics and advertising; you can change your choice at any time.`;
  return [l, { text, hash: createHash('sha256').update(text).digest('hex') }];
}));

function makeReceipt(rand, subjectId, clientMs, sticky) {
  const method = sticky.method ?? pick(rand, METHODS);
  const r = sticky.region;
  const yes = method === 'accept-all' ? true : method === 'custom' ? rand() < 0.6 : false;
  const basis = method === 'gpc' ? 'signal' : 'consent';
  const state = (granted) => ({ granted, basis });
  const type = { 'accept-all': 'given', 'reject-all': 'refused', custom: 'updated', withdrawal: 'withdrawn', gpc: 'gpc-opt-out' }[method];
  const analytics = method === 'custom' ? rand() < 0.7 : yes;
  return {
    schemaVersion: 'assent-receipt/1', receiptId: randomUUID(), subjectId, previousReceiptId: sticky.previous,
    event: { type, method, clientTime: new Date(clientMs).toISOString() },
    jurisdiction: { region: r.region, regime: r.regime, model: r.model, source: rand() < 0.8 ? 'attribute' : 'endpoint' },
    policyVersion: 'bench', notice: { language: r.lang, hash: NOTICES[r.lang].hash },
    purposes: {
      necessary: { granted: true, basis: 'necessary' }, functional: state(yes), analytics: state(analytics), advertising: state(yes && method !== 'gpc'),
    },
    services: {
      'web-stats': { category: 'analytics', granted: analytics, basis, saleOrShare: false },
      'ad-pixel': { category: 'advertising', granted: yes && method !== 'gpc', basis: method === 'gpc' ? 'signal' : 'consent', saleOrShare: true },
      ...(sticky.video ? { 'video-host': { category: 'functional', granted: yes, basis: 'consent', saleOrShare: false } } : {}),
    },
    validity: { expiresAt: new Date(clientMs + 395 * 86_400_000).toISOString() },
    signals: { gpc: { value: method === 'gpc', honoured: method === 'gpc' }, dnt: { value: false, honoured: false }, declaredMinor: false },
    client: { sdkVersion: '0.1.0', source: rand() < 0.92 ? 'website' : 'portal', origin: 'https://www.example.com', path: pick(rand, PATHS), browser: sticky.browser, uiLanguage: r.lang },
  };
}

// ---- bulk load ------------------------------------------------------------------------------
const RECEIPT_INSERT = 'INSERT INTO receipts (subject_id, seq, receipt_id, server_ms, key_id, notice_hash, prev_hash, hash, signature, body, canonicalization)';
const SUBJECT_INSERT = 'INSERT INTO subjects (subject_id, seq, head_hash, created_ms, latest_client_ms, latest_permits, latest_expires_ms, latest_policy)';

/** Loads `n` receipts into an empty, migrated database; returns what the measurements need. */
export async function bulkLoad(driver, n, seed) {
  const rand = prng(seed);
  const end = Date.now() - 3_600_000;
  const start = end - SPAN_MONTHS * MONTH_MS;
  // Subjects and their receipt times (increasing per subject).
  const counts = [];
  for (let total = 0; total < n;) {
    const k = Math.min(receiptsPerSubject(rand), n - total);
    counts.push(k);
    total += k;
  }
  const nSubjects = counts.length;
  const times = new Float64Array(n);
  const owner = new Uint32Array(n);
  let at = 0;
  for (let s = 0; s < nSubjects; s++) {
    let t = start + rand() * (end - start);
    for (let j = 0; j < counts[s]; j++) {
      times[at] = t;
      owner[at++] = s;
      // A returning visitor's next decision: hours to weeks later.
      t = Math.min(end, t + rand() * rand() * 30 * 86_400_000);
    }
  }
  // Counting sort by hour: rows go in in time order, as they would have arrived (stable, so a
  // subject's receipts keep their order within an hour).
  const HOUR = 3_600_000;
  const bins = Math.ceil((end - start) / HOUR) + 1;
  const starts = new Uint32Array(bins + 1);
  for (let i = 0; i < n; i++) starts[Math.floor((times[i] - start) / HOUR) + 1]++;
  for (let b = 0; b < bins; b++) starts[b + 1] += starts[b];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[starts[Math.floor((times[i] - start) / HOUR)]++] = i;

  const seq = new Uint16Array(nSubjects);
  const head = Buffer.alloc(nSubjects * 32);
  const created = new Float64Array(nSubjects);
  const latestMs = new Float64Array(nSubjects);
  const latestExpires = new Float64Array(nSubjects);
  const permits = new Uint8Array(nSubjects);
  const sticky = new Map(); // per subject while it has receipts left: region, browser, last receipt id
  const remaining = Uint16Array.from(counts);
  const ROWS_PER_TX = driver.dialect === 'postgres' ? 4000 : 20000;
  let rows = [];
  const flush = async () => {
    if (!rows.length) return;
    const part = rows;
    rows = [];
    await driver.transaction((tx) => driver.insertRows(tx, RECEIPT_INSERT, 11, part));
  };
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const s = owner[i];
    const subjectId = subjectIdOf(seed, s);
    let st = sticky.get(s);
    if (!st) {
      st = { region: pick(rand, REGIONS), browser: pick(rand, BROWSERS), previous: null, video: rand() < 0.4 };
      sticky.set(s, st);
      created[s] = times[i];
    }
    const serverMs = Math.round(times[i]);
    const r = makeReceipt(rand, subjectId, serverMs - Math.floor(rand() * 2000), st);
    const prevHash = head.subarray(s * 32, s * 32 + 32);
    const sealed = S.seal(keys, r, ++seq[s], new Date(serverMs).toISOString(), prevHash.toString('hex'), S.canonicalReceiptJson(r));
    const hash = Buffer.from(sealed.hash, 'hex');
    rows.push([subjectId, sealed.seq, r.receiptId, serverMs, sealed.keyId, Buffer.from(r.notice.hash, 'hex'), Buffer.from(prevHash), hash,
      Buffer.from(sealed.signature, 'hex'), S.encodeReceiptBody(r), sealed.canonicalization]);
    hash.copy(head, s * 32);
    const latest = S.summarize(r);
    latestMs[s] = Date.parse(r.event.clientTime);
    latestExpires[s] = Date.parse(latest.expiresAt);
    permits[s] = latest.permits ? 1 : 0;
    st.previous = r.receiptId;
    if (--remaining[s] === 0) sticky.delete(s);
    if (rows.length >= ROWS_PER_TX) await flush();
    if (k % 500_000 === 499_999) log(`  ${k + 1} receipts, ${Math.round((k + 1) / ((performance.now() - t0) / 1000))}/s`);
  }
  await flush();
  for (let s0 = 0; s0 < nSubjects; s0 += ROWS_PER_TX) {
    const part = [];
    for (let s = s0; s < Math.min(nSubjects, s0 + ROWS_PER_TX); s++)
      part.push([subjectIdOf(seed, s), seq[s], head.subarray(s * 32, s * 32 + 32), Math.round(created[s]), latestMs[s], permits[s], latestExpires[s], 'bench']);
    await driver.transaction((tx) => driver.insertRows(tx, SUBJECT_INSERT, 8, part));
  }
  await driver.transaction((tx) => driver.insertRows(tx, 'INSERT INTO notices (hash, language, text, created_ms)', 4,
    Object.entries(NOTICES).map(([lang, { text, hash }]) => [hash, lang, text, Math.round(start)])));

  // Links and link events: 10% of subjects linked (revoked once their consent expired), a quarter
  // of the others refused.
  const events = [];
  const links = [];
  for (let s = 0; s < nSubjects; s++) {
    const u = rand();
    if (u >= 0.35) continue;
    const subjectId = subjectIdOf(seed, s);
    const joinKey = S.joinKeyOf(keys, `account-${seed}-${s}`);
    const atMs = Math.round(latestMs[s] + (end - latestMs[s]) * rand());
    if (u < 0.1 && permits[s]) {
      const linkId = randomUUID();
      const revoked = latestExpires[s] < end ? Math.round(latestExpires[s]) : null;
      links.push([linkId, subjectId, joinKey, atMs, latestExpires[s], 'bench', revoked, revoked ? 'expired' : null]);
      events.push([atMs, 'linked', linkId, subjectId, joinKey, null]);
      if (revoked) events.push([revoked, 'revoked', linkId, subjectId, joinKey, 'expired']);
    } else if (u >= 0.1) {
      events.push([atMs, 'refused', null, subjectId, joinKey, permits[s] ? 'consent_expired' : 'consent_required']);
    }
  }
  events.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < links.length; i += ROWS_PER_TX) {
    await driver.transaction((tx) => driver.insertRows(tx,
      'INSERT INTO links (link_id, subject_id, join_key, created_ms, consent_expires_ms, policy_version, revoked_ms, revoked_reason)', 8,
      links.slice(i, i + ROWS_PER_TX)));
  }
  for (let i = 0; i < events.length; i += ROWS_PER_TX) {
    await driver.transaction((tx) => driver.insertRows(tx, 'INSERT INTO link_events (at_ms, type, link_id, subject_id, join_key, reason)', 6,
      events.slice(i, i + ROWS_PER_TX)));
  }
  const seconds = (performance.now() - t0) / 1000;
  log(`  loaded ${n} receipts, ${nSubjects} subjects, ${links.length} links, ${events.length} events in ${seconds.toFixed(0)} s`);
  return { receipts: n, subjects: nSubjects, links: links.length, events: events.length, loadSeconds: seconds };
}

// ---- the running server ---------------------------------------------------------------------
export function startTarget(mode, where, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'server-sync-target.mjs'), mode, where], {
      stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_RETENTION_MONTHS: String(RETENTION_MONTHS), ...env },
    });
    const target = { child, port: 0, lines: [] };
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      let nl;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        try {
          const msg = JSON.parse(line);
          if (msg.port) {
            target.port = msg.port;
            resolve(target);
          } else target.lines.push(msg);
        } catch { /* not ours */ }
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} target exited with ${code}`)));
  });
}
export async function stopTarget(t) {
  t.child.removeAllListeners('exit');
  const gone = new Promise((r) => t.child.once('exit', r));
  t.child.kill('SIGTERM');
  await gone;
}

/** The longest time between two consecutive answers, given the times they came at. */
export function longestGap(answeredAt) {
  const sorted = [...answeredAt].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i] - sorted[i - 1]);
  return gap;
}

/**
 * One retention purge (SIGUSR2 to the target) while single receipts from `body(1)` arrive at
 * `rate` req/s, open loop: the purge's line ({receipts, ..., ms}), and the latencies of the
 * requests scheduled while it ran, with the longest time without an answer. The load runs in
 * one-second schedules started a second apart, each without waiting for the previous one's
 * answers, so that a stall delays no request's schedule.
 */
export async function purgeUnderIngest(target, rate, body) {
  target.lines.length = 0;
  const answered = []; // [scheduled, latency]
  const start = performance.now();
  target.child.kill('SIGUSR2');
  const schedules = [];
  let purge = null;
  while (!purge) {
    schedules.push(fixedRate(target.port, rate, 1, () => body(1), (ms, at) => answered.push([at, ms])));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    purge = target.lines.find((l) => l.purge)?.purge ?? null;
  }
  const errors = (await Promise.all(schedules)).reduce((sum, r) => sum + r.errors, 0);
  const during = answered.filter(([at]) => at >= start && at <= start + (purge.ms ?? Infinity));
  const ms = during.map(([, latency]) => latency).sort((a, b) => a - b);
  return {
    purge, requests: ms.length, errors, p50: pct(ms, 50), p99: pct(ms, 99), max: ms.at(-1),
    gap: longestGap(during.map(([at, latency]) => at + latency)),
  };
}

/** Receipts for the load: 70% for stored subjects (chains grow), 30% for new ones. */
export function receiptBodies(seed, nSubjects) {
  const TEMPLATE = JSON.stringify(makeReceipt(() => 0.3, '@@subjectId@@', 0, { region: REGIONS[0][0], browser: 'Chrome', previous: null, video: true }))
    .replace(/"receiptId":"[^"]+"/, '"receiptId":"@@receiptId@@"').replace(/"clientTime":"[^"]+"/, '"clientTime":"@@clientTime@@"')
    .replace(/"expiresAt":"[^"]+"/, '"expiresAt":"@@expiresAt@@"')
    .split(/@@(?:receiptId|subjectId|clientTime|expiresAt)@@/);
  let fresh = 0;
  const one = () => {
    const now = Date.now();
    // On an empty database the stored subjects are those this run created.
    const stored = nSubjects ? subjectIdOf(seed, Math.floor(Math.random() * nSubjects)) : fresh ? subjectIdOf(seed + 1, Math.floor(Math.random() * fresh)) : null;
    const subjectId = stored && Math.random() < 0.7 ? stored : subjectIdOf(seed + 1, fresh++);
    const [a, b, c, d, e] = TEMPLATE;
    return a + randomUUID() + b + subjectId + c + new Date(now).toISOString() + d + new Date(now + 395 * 86_400_000).toISOString() + e;
  };
  return (n) => (n === 1 ? one() : `{"receipts":[${Array.from({ length: n }, one).join(',')}]}`);
}
