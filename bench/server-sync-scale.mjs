#!/usr/bin/env node
// server-sync at production scale (not a test): bulk-loads realistic data straight into the
// database (multi-row INSERTs through the server's own drivers, rows sealed and encoded by the
// server's own code, not through the API), then measures the running server at each size, in the
// same run as an empty database:
//   ingest: 1,000 req/s open loop (p50/p99/max), max req/s with 1 receipt, max receipts/s with 50
//   GET /v1/subjects/:id export p50/p99, /verify p50/p99 (every chain must verify)
//   POST /v1/links p50/p99, the link-event feed paged through 100,000 events
//   one retention purge of a month, with the ingest p99 and max measured while it runs
//   database size on disk per million receipts (tables and indexes; WAL apart)
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-scale.mjs \
//     [--engines postgres,sqlite] [--pg-sizes 1000000,10000000] [--sqlite-sizes 1000000] [--seconds 5]
//
// The data: receipts spread over subjects the way visits are (half the subjects have one receipt,
// a quarter two, a long tail up to 60), over 13 months, stored in time order; retention is set to
// 12 months, so the oldest month is what the purge deletes. Regions, methods, browsers and pages
// are mixed; 10% of subjects are linked to a Portal account (links whose consent expired are
// revoked), a quarter of the others have a refused link request: 0.35 link events per subject.
// PostgreSQL 15 runs with fsync on (bench/pg-cluster.mjs), SQLite with WAL and synchronous=FULL.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startPostgres } from './pg-cluster.mjs';
import { cpuMs } from './proc-cpu.mjs';
import { fixedRate, maxThroughput, pct, send } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const ENGINES = opt('engines', 'postgres,sqlite').split(',');
const PG_SIZES = opt('pg-sizes', '1000000,10000000').split(',').filter(Boolean).map(Number);
const SQLITE_SIZES = opt('sqlite-sizes', '1000000').split(',').filter(Boolean).map(Number);
const SECONDS = Number(opt('seconds', '5'));
const SPAN_MONTHS = 13;
const RETENTION_MONTHS = 12;
const MONTH_MS = 30.44 * 86_400_000;
const API_KEY = 'bench-api-key-0123456789';
const SIGNING = `bench:${'11'.repeat(32)}`;
const JOIN = '33'.repeat(32);
const log = (...m) => console.error(new Date().toISOString().slice(11, 19), ...m);

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
const S = await serverInternals();
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
const subjectIdOf = (seed, i) => createHash('sha256').update(`${seed}:${i}`).digest('hex').slice(0, 32);
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
async function bulkLoad(driver, n, seed) {
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

// ---- disk -----------------------------------------------------------------------------------
const dirBytes = (dir) => readdirSync(dir, { withFileTypes: true })
  .reduce((sum, e) => sum + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

async function diskPostgres(url) {
  const { default: pg } = await import(join(root, 'packages/server-sync/node_modules/pg/lib/index.js'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC`);
    const [{ bytes }] = (await c.query('SELECT pg_database_size(current_database())::bigint AS bytes')).rows;
    return { total: Number(bytes), tables: rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) })) };
  } finally {
    await c.end();
  }
}

function diskSqlite(file, Database) {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    let tables = [];
    try {
      tables = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC").all();
    } catch { /* dbstat not compiled in */ }
    const { page_count: pages } = db.prepare('PRAGMA page_count').get();
    const { page_size: size } = db.prepare('PRAGMA page_size').get();
    return { total: pages * size, tables };
  } finally {
    db.close();
  }
}

// ---- the running server ---------------------------------------------------------------------
function startTarget(mode, where) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'server-sync-target.mjs'), mode, where], {
      stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_RETENTION_MONTHS: String(RETENTION_MONTHS) },
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
async function stopTarget(t) {
  t.child.removeAllListeners('exit');
  const gone = new Promise((r) => t.child.once('exit', r));
  t.child.kill('SIGTERM');
  await gone;
}

/** Receipts for the load: 70% for stored subjects (chains grow), 30% for new ones. */
function receiptBodies(seed, nSubjects) {
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

/** Sequential requests on one keep-alive connection: latency of each. */
async function timedRequests(port, n, request) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const ms = [];
  const statuses = {};
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await request(agent, i);
    ms.push(performance.now() - t);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    r.check?.();
  }
  agent.destroy();
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p99: pct(ms, 99), max: ms.at(-1), statuses };
}

async function measureServer(mode, where, seed, loaded) {
  const target = await startTarget(mode, where);
  const auth = { authorization: `Bearer ${API_KEY}` };
  const body = receiptBodies(seed, loaded.subjects);
  const subjectAt = (i) => subjectIdOf(seed, Math.floor(((i * 7919) % 1_000_003) / 1_000_003 * loaded.subjects));
  try {
    await maxThroughput(target.port, 1, 1, body); // warm-up
    await fixedRate(target.port, 1000, 2, () => body(1));
    // CPU time per stored receipt of the server and of the PostgreSQL cluster: unlike rates and
    // latencies it hardly moves when other work shares the machine.
    const withCpu = async (phase) => {
      const pgPid = cluster?.pid();
      const s0 = cpuMs(target.child.pid);
      const p0 = mode === 'postgres' ? cpuMs(pgPid, true) : NaN;
      const result = await phase();
      return {
        ...result,
        serverCpuUs: ((cpuMs(target.child.pid) - s0) * 1000) / result.receipts,
        pgCpuUs: mode === 'postgres' ? ((cpuMs(pgPid, true) - p0) * 1000) / result.receipts : NaN,
      };
    };
    const rate = await withCpu(() => fixedRate(target.port, 1000, SECONDS, () => body(1)));
    const single = await withCpu(() => maxThroughput(target.port, 1, SECONDS, body));
    const batched = await withCpu(() => maxThroughput(target.port, 50, SECONDS, body));
    let invalid = 0;
    const exp = loaded.subjects
      ? await timedRequests(target.port, 2000, (agent, i) => send(agent, target.port, 'GET', `/v1/subjects/${subjectAt(i)}`, undefined, auth))
      : null;
    const verify = loaded.subjects
      ? await timedRequests(target.port, 500, async (agent, i) => {
        const r = await send(agent, target.port, 'GET', `/v1/subjects/${subjectAt(i + 5000)}/verify`, undefined, auth);
        if (r.status !== 200 || !JSON.parse(r.body).valid) invalid++;
        return r;
      })
      : null;
    const links = await timedRequests(target.port, 1000, (agent, i) => send(agent, target.port, 'POST', '/v1/links',
      JSON.stringify({ subjectId: loaded.subjects ? subjectAt(i + 9000) : subjectIdOf(seed + 1, i), accountId: `bench-account-${i}` }), auth));
    // The feed, from its start, in pages of 1,000.
    const feedAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pages = [];
    let since = 0;
    let read = 0;
    const feedStart = performance.now();
    while (read < 100_000) {
      const t = performance.now();
      const r = await send(feedAgent, target.port, 'GET', `/v1/links/events?since=${since}&limit=1000`, undefined, auth);
      pages.push(performance.now() - t);
      const page = JSON.parse(r.body);
      if (!page.events?.length) break;
      read += page.events.length;
      since = page.next;
    }
    const feedSeconds = (performance.now() - feedStart) / 1000;
    feedAgent.destroy();
    pages.sort((a, b) => a - b);
    const feed = { events: read, seconds: feedSeconds, pageP50: pct(pages, 50), pageP99: pct(pages, 99) };

    // One retention purge (the oldest month), with ingest at 1,000 req/s measured around it.
    const during = [];
    let window = null;
    const purged = new Promise((resolve) => {
      const poll = setInterval(() => {
        const msg = target.lines.find((l) => l.purge);
        if (msg) {
          clearInterval(poll);
          resolve(msg.purge);
        }
      }, 5);
    });
    let purge = null;
    void purged.then((p) => {
      purge = p;
      if (window) window.end = performance.now();
    });
    const rateDuring = fixedRate(target.port, 1000, 1, () => body(1)).then(async (first) => {
      window = { start: performance.now(), end: Infinity };
      target.child.kill('SIGUSR2');
      const onLatency = (ms, scheduled) => {
        if (scheduled >= window.start && scheduled <= window.end) during.push(ms);
      };
      while (!purge) await fixedRate(target.port, 1000, 2, () => body(1), onLatency);
      await fixedRate(target.port, 1000, 1, () => body(1), onLatency);
      return first;
    });
    await rateDuring;
    during.sort((a, b) => a - b);
    return {
      rate, single, batched, exp, verify, invalid, links, feed, purge,
      duringPurge: { requests: during.length, p50: pct(during, 50), p99: pct(during, 99), max: during.at(-1) },
    };
  } finally {
    await stopTarget(target);
  }
}

// ---- run ------------------------------------------------------------------------------------
const f = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const HEADER = '| engine | receipts (subjects) loaded | 1,000 req/s: p50 / p99 / max ms | max, 1/req: req/s (p99 ms) | max, 50/req: receipts/s (p99 ms) | export p50 / p99 / max ms | verify p50 / p99 ms (invalid) | POST /v1/links p50 / p99 ms | feed: up to 100,000 events, s (page p99 ms) | purge of a month: receipts, s | ingest during purge: p99 / max ms | disk: bytes per receipt (MB per million) | server CPU µs per receipt (rate / 1 / 50) | PostgreSQL CPU µs per receipt (rate / 1 / 50) |';
const perMillion = (r) => (r.loaded.receipts ? (r.disk.total - r.emptyDisk) / (r.loaded.receipts / 1e6) : NaN);
const rowOf = (r) => `| ${r.engine} | ${f(r.loaded.receipts)} (${f(r.loaded.subjects)}) | ${f(r.rate.p50, 2)} / ${f(r.rate.p99, 2)} / ${f(r.rate.max, 1)}${r.rate.errors ? ` (${r.rate.errors} errors)` : ''} | ${f(r.single.requestsPerSecond)} (${f(r.single.p99, 1)}) | ${f(r.batched.receiptsPerSecond)} (${f(r.batched.p99, 1)}) | ${r.exp ? `${f(r.exp.p50, 2)} / ${f(r.exp.p99, 2)} / ${f(r.exp.max, 1)}` : '—'} | ${r.verify ? `${f(r.verify.p50, 2)} / ${f(r.verify.p99, 2)} (${r.invalid})` : '—'} | ${f(r.links.p50, 2)} / ${f(r.links.p99, 2)} | ${f(r.feed.events)} events: ${f(r.feed.seconds, 2)} (${f(r.feed.pageP99, 1)}) | ${r.purge ? `${f(r.purge.receipts)}, ${f(r.purge.ms / 1000, 1)}` : '—'} | ${f(r.duringPurge.p99, 1)} / ${f(r.duringPurge.max, 1)} | ${f(perMillion(r) / 1e6)} (${f(perMillion(r) / 2 ** 20)}) | ${f(r.rate.serverCpuUs)} / ${f(r.single.serverCpuUs)} / ${f(r.batched.serverCpuUs)} | ${f(r.rate.pgCpuUs)} / ${f(r.single.pgCpuUs)} / ${f(r.batched.pgCpuUs)} |`;
const diskOf = (r) => `- ${r.engine} ${f(r.loaded.receipts)}: ${(r.disk.tables ?? []).slice(0, 8).map((t) => `${t.name} ${f(t.bytes / r.loaded.receipts)} B/receipt`).join(', ')}`;
const results = [];
const loads = [loadavg()[0]];

async function runEngine(engine, sizes, open) {
  for (const size of [0, ...sizes]) {
    const seed = 1000 + size / 1000;
    const db = await open(size);
    try {
      const driver = db.driver();
      await S.migrate(driver);
      const loaded = size ? await bulkLoad(driver, size, seed) : { receipts: 0, subjects: 0, links: 0, events: 0, loadSeconds: 0 };
      await driver.close();
      await db.settle();
      const disk = await db.disk();
      log(`${engine} ${size}: ${(disk.total / 2 ** 20).toFixed(0)} MB on disk; measuring`);
      const m = await measureServer(engine, db.where, seed, loaded);
      results.push({ engine, size, loaded, disk, emptyDisk: db.emptyDisk, ...m });
      loads.push(loadavg()[0]);
      log(`${engine} ${size}: done (load average ${loadavg()[0].toFixed(1)})\n${rowOf(results.at(-1))}\n${diskOf(results.at(-1))}`);
    } finally {
      await db.drop();
    }
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-scale-'));
let cluster;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cluster?.stop();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  if (ENGINES.includes('postgres')) {
    cluster = startPostgres();
    const { default: pg } = await import(join(root, 'packages/server-sync/node_modules/pg/lib/index.js'));
    const admin = async (sql) => {
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await runEngine('postgres', PG_SIZES, async (size) => {
      const name = `scale_${size}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = cluster.url.replace(/\/postgres$/, `/${name}`);
      const empty = await diskPostgres(url);
      return {
        where: url,
        emptyDisk: empty.total,
        driver: () => S.openPostgres({ connectionString: url, max: 4 }),
        // What autovacuum would have done by now: hint bits, visibility map, statistics.
        settle: async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query('VACUUM (ANALYZE)');
          await c.end();
        },
        disk: () => diskPostgres(url),
        drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    });
  }
  if (ENGINES.includes('sqlite')) {
    const { default: Database } = await import(join(root, 'packages/server-sync/node_modules/better-sqlite3/lib/index.js'));
    await runEngine('sqlite', SQLITE_SIZES, async (size) => {
      const file = join(scratch, `scale-${size}.db`);
      return {
        where: file,
        emptyDisk: 0,
        driver: () => S.openSqlite({ file }),
        settle: async () => {},
        disk: async () => diskSqlite(file, Database),
        drop: async () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        },
      };
    });
  }
} finally {
  cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const lines = [
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${SECONDS} s per ingest phase; loopback; 1-min load average ${loads.map((l) => l.toFixed(1)).join(' → ')} (the machine is shared).`,
  '',
  HEADER,
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(rowOf),
  '',
  'Disk by table (tables with their indexes and TOAST; SQLite: dbstat by table or index):',
  ...results.filter((r) => r.loaded.receipts).map(diskOf),
];
console.log(lines.join('\n'));
