// The data set of the server-sync scale benchmarks (bench/server-sync-scale.mjs,
// bench/server-sync-purge.mjs): realistic receipts, subjects, links and link events, sealed,
// chained and encoded by the server's own code (in worker threads) and bulk-loaded straight into
// the database (binary COPY on PostgreSQL, the server's own driver on SQLite; not the API); the
// request bodies of the load; and the server under test in its own process.
//
// Receipts are spread over subjects the way visits are (half the subjects have one receipt, a
// quarter two, a long tail up to 60), over 13 months, stored in time order; retention is 12
// months, so the oldest month is what a purge deletes. Regions, methods, browsers and pages are
// mixed; 10% of subjects are linked to a Portal account (links whose consent expired are
// revoked), a quarter of the others have a refused link request: 0.35 link events per subject.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, threadId, Worker, workerData } from 'node:worker_threads';
import { build } from 'esbuild';
import { from as copyFrom } from 'pg-copy-streams';
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
  const outfile = join(dir, `internals-${process.pid}-${threadId}.mjs`);
  const src = (p) => `./packages/server-sync/src/${p}`;
  await build({
    stdin: {
      contents: [
        `export { seal } from '${src('seal.ts')}';`,
        `export { canonicalReceiptTexts } from '${src('canonical.ts')}';`,
        `export { encodeReceiptBody } from '${src('storage/receipt-body.ts')}';`,
        `export { summarize } from '${src('link-policy.ts')}';`,
        `export { countDecisions, addDecisionCounts, addLinkEventCounts } from '${src('storage/insights.ts')}';`,
        `export { migrate } from '${src('storage/migrations.ts')}';`,
        `export { openPostgres } from '${src('storage/pg-driver.ts')}';`,
        `export { openSqlite } from '${src('storage/sqlite-driver.ts')}';`,
        `export { makeKeyring, parseSigningKeys, joinKeyOf } from '${src('keys.ts')}';`,
        // New visitors' ids exactly as the SDK makes them.
        `export { newSubjectId } from './packages/sdk/src/sync/ids.ts';`,
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
/**
 * Subject `i`'s id, from the seed: as the SDK makes them (`time`: a UUIDv7 as 32 hex, its creation
 * time first, packages/sdk/src/sync/ids.ts) or as SDKs before it did (`random`: 128 random bits).
 */
export const subjectIdOf = (seed, i, createdMs = 0, ids = 'time') => {
  const h = createHash('sha256').update(`${seed}:${i}`).digest('hex');
  return ids === 'random' ? h.slice(0, 32) : `${Math.round(createdMs).toString(16).padStart(12, '0')}7${h.slice(0, 3)}8${h.slice(3, 18)}`;
};
/** A fresh subject's id, made now: by the SDK's own code, or as SDKs before it did. */
export const freshSubjectId = (ids) => (ids === 'random' ? subjectIdOf(randomUUID(), 0, 0, 'random') : S.newSubjectId());
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
// Sealing and encoding a receipt costs about 50 µs of Node CPU (DEFLATE of the body, canonical
// JSON, hashes), so worker threads make the rows: each one the subjects s with s % parts == part,
// whose chains it seals in time order. The main thread writes their rows in time order, in slices
// of SLICE receipts (a slice's rows from every worker, then the next slice): the table holds them
// in arrival order to within a slice (about half a day of traffic at 10M). On PostgreSQL rows go
// in through COPY FROM STDIN in binary format (pg-copy-streams); on SQLite through the driver's
// prepared inserts.
const SLICE = 10_000;
const AHEAD = 8; // slices a worker may run ahead of the writer
const COPY_ROWS = 200_000; // receipts per COPY statement (each its own transaction)
const RECEIPT_COLUMNS = ['subject_id', 'seq', 'receipt_id', 'server_ms', 'key_id', 'notice_hash', 'prev_hash', 'hash', 'signature', 'body', 'canonicalization'];
const SUBJECT_COLUMNS = ['subject_id', 'seq', 'head_hash', 'created_ms', 'latest_client_ms', 'latest_permits', 'latest_expires_ms', 'latest_policy', 'linked'];
const NOTICE_COLUMNS = ['hash', 'language', 'text', 'created_ms'];
const LINK_COLUMNS = ['link_id', 'subject_id', 'join_key', 'created_ms', 'consent_expires_ms', 'policy_version', 'revoked_ms', 'revoked_reason'];
const EVENT_COLUMNS = ['at_ms', 'type', 'link_id', 'subject_id', 'join_key', 'reason'];
const insertHead = (table, columns) => `INSERT INTO ${table} (${columns.join(', ')})`;

/** A 32-bit mix of two integers (murmur3's finalizer): independent seeds for subjects and receipts. */
function mix(a, b) {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Where the receipts go, from the seed alone: subjects, how many receipts each, their times
 * (increasing per subject), and the order they arrive in (by hour, stable). Shared with the
 * workers, which read it.
 */
function layout(n, seed, ids) {
  const rand = prng(seed);
  const end = Date.now() - 3_600_000;
  const start = end - SPAN_MONTHS * MONTH_MS;
  const countList = [];
  for (let total = 0; total < n;) {
    const k = Math.min(receiptsPerSubject(rand), n - total);
    countList.push(k);
    total += k;
  }
  const nSubjects = countList.length;
  const shared = (Type, length) => new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
  const counts = shared(Uint16Array, nSubjects);
  counts.set(countList);
  const times = shared(Float64Array, n);
  const owner = shared(Uint32Array, n);
  // Subjects in the order they came: the order the server would have created their rows in.
  const created = shared(Float64Array, nSubjects);
  for (let s = 0; s < nSubjects; s++) created[s] = start + rand() * (end - start);
  created.sort();
  let at = 0;
  for (let s = 0; s < nSubjects; s++) {
    let t = created[s];
    for (let j = 0; j < counts[s]; j++) {
      times[at] = t;
      owner[at++] = s;
      // A returning visitor's next decision: hours to weeks later.
      t = Math.min(end, t + rand() * rand() * 30 * 86_400_000);
    }
  }
  const HOUR = 3_600_000;
  const bins = Math.ceil((end - start) / HOUR) + 1;
  const starts = new Uint32Array(bins + 1);
  for (let i = 0; i < n; i++) starts[Math.floor((times[i] - start) / HOUR) + 1]++;
  for (let b = 0; b < bins; b++) starts[b + 1] += starts[b];
  const order = shared(Uint32Array, n);
  for (let i = 0; i < n; i++) order[starts[Math.floor((times[i] - start) / HOUR)]++] = i;
  // What the workers leave per subject: chain head, sequence, creation and latest consent.
  const subjects = {
    seq: shared(Uint16Array, nSubjects), head: shared(Uint8Array, nSubjects * 32), created,
    latestMs: shared(Float64Array, nSubjects), latestExpires: shared(Float64Array, nSubjects), permits: shared(Uint8Array, nSubjects),
  };
  return { n, seed, ids, start, end, nSubjects, counts, times, owner, order, subjects };
}

/**
 * PostgreSQL's binary COPY format for rows of the given column types (int8, int4, int2, text,
 * bytea): a 2-byte field count per row, then each field as a 4-byte length (-1: NULL) and its bytes.
 */
class CopyRows {
  static HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
  static TRAILER = Buffer.from([0xff, 0xff]);
  constructor(types) {
    this.types = types;
    this.buf = Buffer.allocUnsafe(1 << 20);
    this.at = 0;
    this.rows = 0;
  }
  room(bytes) {
    if (this.at + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  row(values) {
    const { types } = this;
    this.room(2);
    this.at = this.buf.writeInt16BE(types.length, this.at);
    for (let c = 0; c < types.length; c++) {
      const v = values[c];
      const type = types[c];
      if (v === null || v === undefined) {
        this.room(4);
        this.at = this.buf.writeInt32BE(-1, this.at);
      } else if (type === 'int8') {
        if (!Number.isSafeInteger(v)) throw new Error(`not an integer for int8: ${v}`);
        this.room(12);
        const hi = Math.floor(v / 2 ** 32);
        this.at = this.buf.writeInt32BE(8, this.at);
        this.at = this.buf.writeInt32BE(hi, this.at);
        this.at = this.buf.writeUInt32BE(v - hi * 2 ** 32, this.at);
      } else if (type === 'int4') {
        this.room(8);
        this.at = this.buf.writeInt32BE(4, this.at);
        this.at = this.buf.writeInt32BE(v, this.at);
      } else if (type === 'int2') {
        this.room(6);
        this.at = this.buf.writeInt32BE(2, this.at);
        this.at = this.buf.writeInt16BE(v, this.at);
      } else if (type === 'text' || type === 'varchar') {
        const len = Buffer.byteLength(v);
        this.room(4 + len);
        this.at = this.buf.writeInt32BE(len, this.at);
        this.at += this.buf.write(v, this.at);
      } else if (type === 'bytea') {
        this.room(4 + v.length);
        this.at = this.buf.writeInt32BE(v.length, this.at);
        this.buf.set(v, this.at);
        this.at += v.length;
      } else {
        throw new Error(`no binary COPY encoding here for type ${type}`);
      }
    }
    this.rows++;
  }
  /** The rows so far, as a buffer of their own; starts over. */
  take() {
    // Not from Buffer's shared pool: the worker hands this buffer's memory over to the main thread.
    const out = Buffer.allocUnsafeSlow(this.at);
    this.buf.copy(out, 0, 0, this.at);
    this.at = 0;
    this.rows = 0;
    return out;
  }
}

/**
 * A worker's share of the receipts: those of subjects s % parts == part, sealed in time order.
 * Posts {slice, rows | copy} for every slice (possibly empty), waiting while it is AHEAD slices
 * ahead of what the main thread has written.
 */
async function makePart({ L, part, parts, types }, port) {
  const { n, seed, ids, counts, times, owner, order, subjects } = L;
  let allowed = AHEAD - 1;
  let wake = null;
  port.on('message', (m) => {
    allowed = Math.max(allowed, m.allowed);
    wake?.();
  });
  const copy = types ? new CopyRows(RECEIPT_COLUMNS.map((c) => types[c])) : null;
  const sticky = new Map(); // per subject while it has receipts left: region, browser, last receipt id
  const remaining = Uint16Array.from(counts);
  const subjectSeed = mix(seed, 1);
  const receiptSeed = mix(seed, 2);
  const nSlices = Math.ceil(n / SLICE);
  // The privacy console's counters, as the ingest transactions would have added them (insights.ts).
  const counted = new Map();
  for (let j = 0; j < nSlices; j++) {
    while (j > allowed) await new Promise((resolve) => { wake = resolve; });
    const rows = [];
    const decided = [];
    for (let k = j * SLICE; k < Math.min(n, (j + 1) * SLICE); k++) {
      const i = order[k];
      const s = owner[i];
      if (s % parts !== part) continue;
      const subjectId = subjectIdOf(seed, s, subjects.created[s], ids);
      let st = sticky.get(s);
      if (!st) {
        const r0 = prng(mix(subjectSeed, s));
        st = { region: pick(r0, REGIONS), browser: pick(r0, BROWSERS), previous: null, video: r0() < 0.4 };
        sticky.set(s, st);
      }
      const rand = prng(mix(receiptSeed, i));
      const serverMs = Math.round(times[i]);
      const r = makeReceipt(rand, subjectId, serverMs - Math.floor(rand() * 2000), st);
      decided.push({ decidedMs: Date.parse(r.event.clientTime), receipt: r });
      const prevHash = Buffer.from(subjects.head.buffer, s * 32, 32);
      // As the server's ingest does: both canonical texts from one pass.
      const texts = S.canonicalReceiptTexts(r);
      const sealed = S.seal(keys, r, ++subjects.seq[s], new Date(serverMs).toISOString(), prevHash.toString('hex'), texts.full);
      const hash = Buffer.from(sealed.hash, 'hex');
      const row = [subjectId, sealed.seq, r.receiptId, serverMs, sealed.keyId, Buffer.from(r.notice.hash, 'hex'), Buffer.from(prevHash), hash,
        Buffer.from(sealed.signature, 'hex'), S.encodeReceiptBody(r, texts.withoutIds), sealed.canonicalization];
      if (copy) copy.row(row);
      else rows.push(row);
      hash.copy(prevHash);
      const latest = S.summarize(r);
      subjects.latestMs[s] = Date.parse(r.event.clientTime);
      subjects.latestExpires[s] = Date.parse(latest.expiresAt);
      subjects.permits[s] = latest.permits ? 1 : 0;
      st.previous = r.receiptId;
      if (--remaining[s] === 0) sticky.delete(s);
    }
    addCounts(counted, S.countDecisions(decided));
    if (copy) {
      const count = copy.rows;
      const buf = copy.take();
      port.postMessage({ slice: j, count, copy: buf }, [buf.buffer]);
    } else {
      port.postMessage({ slice: j, count: rows.length, rows });
    }
  }
  port.postMessage({ done: true, counted: [...counted.values()] });
}

if (!isMainThread && workerData?.datasetPart) await makePart(workerData.datasetPart, parentPort);

/** Adds decision count rows (insights.ts) into `byKey`, one sum per (day, region, method). */
function addCounts(byKey, rows) {
  for (const row of rows) {
    const key = `${row.day}\u0000${row.region}\u0000${row.method}`;
    const sum = byKey.get(key);
    if (!sum) byKey.set(key, { ...row });
    else for (const k of ['receipts', 'functional', 'analytics', 'advertising', 'gpc']) sum[k] += row[k];
  }
  return byKey;
}

/** The workers' decision counts summed per (day, region, method), in key order (the order rows are locked in). */
const mergeCounts = (rows) => [...addCounts(new Map(), rows)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

/** The column types of a PostgreSQL table, by column name. */
async function columnTypes(client, table) {
  const { rows } = await client.query(
    `SELECT a.attname AS name, t.typname AS type FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, [table]);
  return Object.fromEntries(rows.map((r) => [r.name, r.type]));
}

/** A COPY FROM STDIN (binary) on `client`: write(buffer) with back-pressure, end() when it committed. */
function copyIn(client, table, columns) {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  const done = finished(stream);
  done.catch(() => undefined);
  stream.write(CopyRows.HEADER);
  return {
    async write(buf) {
      if (!stream.write(buf)) await Promise.race([once(stream, 'drain'), done]);
    },
    async end() {
      stream.end(CopyRows.TRAILER);
      await done;
    },
  };
}

/** All rows of one table through one binary COPY. */
async function copyTable(client, table, columns, rows) {
  const types = await columnTypes(client, table);
  const enc = new CopyRows(columns.map((c) => types[c]));
  const copy = copyIn(client, table, columns);
  for (const row of rows) {
    enc.row(row);
    if (enc.at > 4 << 20) await copy.write(enc.take());
  }
  await copy.write(enc.take());
  await copy.end();
}

/**
 * Loads `n` receipts into an empty, migrated database; returns what the measurements need.
 * With `postgresUrl` (the database `driver` opens) rows go in through COPY, otherwise through
 * `driver.insertRows`. `workers` threads seal and encode (default: one per CPU).
 */
export async function bulkLoad(driver, n, seed, { postgresUrl = null, ids = 'time', workers = Number(process.env.BENCH_LOAD_WORKERS) || cpus().length } = {}) {
  const t0 = performance.now();
  const L = layout(n, seed, ids);
  const idOf = (s) => subjectIdOf(seed, s, subjects.created[s], ids);
  const { nSubjects, start, end, subjects } = L;
  let client = null;
  if (postgresUrl) {
    const { default: pg } = await import(join(root, 'packages/server-sync/node_modules/pg/lib/index.js'));
    client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
  }
  let decisionCounts = [];
  try {
    const types = client ? await columnTypes(client, 'receipts') : null;
    // Workers, and what each has posted for slices not yet written.
    const parts = Array.from({ length: workers }, (_, part) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { datasetPart: { L, part, parts: workers, types } } });
      const slices = new Map();
      const counted = [];
      let waiting = null;
      let failed = null;
      const finished = new Promise((resolve, reject) => {
        worker.on('message', (m) => {
          if (m.done) {
            counted.push(...m.counted);
            return resolve();
          }
          slices.set(m.slice, m);
          waiting?.();
        });
        worker.once('error', (err) => {
          failed = err;
          waiting?.();
          reject(err);
        });
      });
      finished.catch(() => undefined);
      return {
        worker, finished, counted,
        async slice(j) {
          while (!slices.has(j)) {
            if (failed) throw failed;
            await new Promise((resolve) => { waiting = resolve; });
          }
          const m = slices.get(j);
          slices.delete(j);
          return m;
        },
      };
    });
    try {
      const nSlices = Math.ceil(n / SLICE);
      let copy = null;
      let inCopy = 0;
      let written = 0;
      let logged = 0;
      for (let j = 0; j < nSlices; j++) {
        for (const p of parts) {
          const m = await p.slice(j);
          if (client) {
            copy ??= copyIn(client, 'receipts', RECEIPT_COLUMNS);
            await copy.write(Buffer.from(m.copy.buffer ?? m.copy, m.copy.byteOffset ?? 0, m.copy.byteLength));
            inCopy += m.count;
          } else if (m.rows.length) {
            const rows = m.rows.map((row) => row.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v)));
            await driver.transaction((tx) => driver.insertRows(tx, insertHead('receipts', RECEIPT_COLUMNS), RECEIPT_COLUMNS.length, rows));
          }
          written += m.count;
        }
        if (copy && (inCopy >= COPY_ROWS || j === nSlices - 1)) {
          await copy.end();
          copy = null;
          inCopy = 0;
        }
        for (const p of parts) p.worker.postMessage({ allowed: j + AHEAD });
        if (written - logged >= 500_000) {
          logged = written;
          log(`  ${written} receipts, ${Math.round(written / ((performance.now() - t0) / 1000))}/s`);
        }
      }
      await Promise.all(parts.map((p) => p.finished));
      decisionCounts = mergeCounts(parts.flatMap((p) => p.counted));
    } finally {
      await Promise.all(parts.map((p) => p.worker.terminate()));
    }

    const subjectRows = function* () {
      for (let s = 0; s < nSubjects; s++) {
        yield [idOf(s), subjects.seq[s], Buffer.from(subjects.head.buffer, s * 32, 32), Math.round(subjects.created[s]), subjects.latestMs[s],
          subjects.permits[s], subjects.latestExpires[s], 'bench', linked[s]];
      }
    };
    const noticeRows = Object.entries(NOTICES).map(([lang, { text, hash }]) => [hash, lang, text, Math.round(start)]);

    // Links and link events: 10% of subjects linked (revoked once their consent expired), a quarter
    // of the others refused.
    const rand = prng(mix(seed, 3));
    const events = [];
    const links = [];
    const linked = new Uint8Array(nSubjects); // 1 for a subject with an active link, as its row says
    for (let s = 0; s < nSubjects; s++) {
      const u = rand();
      if (u >= 0.35) continue;
      const subjectId = idOf(s);
      const joinKey = S.joinKeyOf(keys, `account-${seed}-${s}`);
      const latestMs = subjects.latestMs[s];
      const latestExpires = subjects.latestExpires[s];
      const atMs = Math.round(latestMs + (end - latestMs) * rand());
      if (u < 0.1 && subjects.permits[s]) {
        const linkId = randomUUID();
        const revoked = latestExpires < end ? Math.round(latestExpires) : null;
        links.push([linkId, subjectId, joinKey, atMs, latestExpires, 'bench', revoked, revoked ? 'expired' : null]);
        events.push([atMs, 'linked', linkId, subjectId, joinKey, null]);
        if (revoked) events.push([revoked, 'revoked', linkId, subjectId, joinKey, 'expired']);
        else linked[s] = 1;
      } else if (u >= 0.1) {
        events.push([atMs, 'refused', null, subjectId, joinKey, subjects.permits[s] ? 'consent_expired' : 'consent_required']);
      }
    }
    events.sort((a, b) => a[0] - b[0]);

    if (client) {
      await copyTable(client, 'subjects', SUBJECT_COLUMNS, subjectRows());
      await copyTable(client, 'notices', NOTICE_COLUMNS, noticeRows);
      await copyTable(client, 'links', LINK_COLUMNS, links);
      await copyTable(client, 'link_events', EVENT_COLUMNS, events);
    } else {
      const inserts = async (table, columns, rows) => {
        for (let i = 0; i < rows.length; i += 20_000) {
          await driver.transaction((tx) => driver.insertRows(tx, insertHead(table, columns), columns.length, rows.slice(i, i + 20_000)));
        }
      };
      await inserts('subjects', SUBJECT_COLUMNS, [...subjectRows()]);
      await inserts('notices', NOTICE_COLUMNS, noticeRows);
      await inserts('links', LINK_COLUMNS, links);
      await inserts('link_events', EVENT_COLUMNS, events);
    }
    // The console's counters (the same rows on both engines, through the server's own statements).
    for (let i = 0; i < decisionCounts.length; i += 1000) {
      await driver.transaction((tx) => S.addDecisionCounts(driver, tx, decisionCounts.slice(i, i + 1000), 0));
    }
    const eventsByDay = new Map();
    for (const [atMs, type, , , , reason] of events) {
      const day = Math.floor(atMs / 86_400_000);
      if (!eventsByDay.has(day)) eventsByDay.set(day, []);
      eventsByDay.get(day).push({ type, reason });
    }
    const days = [...eventsByDay];
    for (let i = 0; i < days.length; i += 50) {
      await driver.transaction(async (tx) => {
        for (const [day, dayEvents] of days.slice(i, i + 50)) await S.addLinkEventCounts(driver, tx, dayEvents, day * 86_400_000);
      });
    }
    const seconds = (performance.now() - t0) / 1000;
    log(`  loaded ${n} receipts, ${nSubjects} subjects, ${links.length} links, ${events.length} events in ${seconds.toFixed(0)} s (${Math.round(n / seconds)}/s, ${workers} workers${client ? ', COPY' : ''})`);
    // Who comes back during the measurements, as the data set's visits do: a returning visitor's
    // next decision comes hours to weeks after their previous one (layout()), so the stored
    // subjects that decide again now are those active lately. Drawn as the subject of a random
    // receipt of the last 30 days (the more active, the likelier).
    const recent = [];
    for (let i = 0; i < n; i++) if (L.times[i] >= end - 30 * 86_400_000) recent.push(L.owner[i]);
    return {
      receipts: n, subjects: nSubjects, links: links.length, events: events.length, loadSeconds: seconds,
      subjectId: idOf, recent: Uint32Array.from(recent), ids,
    };
  } finally {
    await client?.end();
  }
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
/**
 * Strings kept in one buffer, read back by index. A load generator that kept millions of ids as
 * an array of strings measured its own garbage collector: at 10M receipts, 2.1M subject ids in
 * its heap put 5 to 11 GC pauses of 17-48 ms into 90 s of latencies at 1,000 req/s, which an
 * empty database's runs did not have (bench/server-sync.md, session 18).
 */
export class PackedStrings {
  /** @param {readonly string[]} list ASCII strings, such as subject ids */
  constructor(list) {
    this.length = list.length;
    this.ends = new Uint32Array(list.length);
    let end = 0;
    for (let i = 0; i < list.length; i++) this.ends[i] = end += list[i].length;
    this.bytes = Buffer.allocUnsafe(end);
    for (let i = 0; i < list.length; i++) this.bytes.latin1Write(list[i], i ? this.ends[i - 1] : 0);
  }
  /** @param {number} i */
  at(i) {
    return this.bytes.latin1Slice(i ? this.ends[i - 1] : 0, this.ends[i]);
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/**
 * The subject of every receipt stored in the data set's last 30 days (a subject once per receipt,
 * so frequent visitors come back more often), from a loaded database, for receiptBodies' `pool`,
 * as PackedStrings. Closes `driver`.
 */
export async function recentSubjects(driver) {
  try {
    const rows = await driver.read.all(`SELECT subject_id FROM receipts
      WHERE server_ms >= (SELECT MAX(server_ms) FROM receipts) - ${30 * 86_400_000}`);
    return new PackedStrings(rows.map((r) => r.subject_id));
  } finally {
    await driver.close();
  }
}

/** SQLite's page size in these files: the unit it reads and writes them in. */
const SQLITE_PAGE = 4096;

/**
 * Copies a SQLite file for a run, a page per write as SQLite itself writes it, and flushes the
 * copy to disk before the run starts.
 *
 * Page by page: a copy made with copy_file_range (`copyFileSync`) left the copy in the kernel's
 * page cache as large folios (ext4 on Linux 6.18), and a 4 KB page written by the server's
 * checkpoints then dirtied the whole folio around it. On the 10M-receipt file that wrote 68 KB to
 * disk per single-receipt request against the 25 KB the server wrote (`write_bytes` against
 * `wchar` in /proc/<pid>/io, bench/server-sync-io.mjs); copied a page at a time, both are 25 KB.
 * A file SQLite wrote itself, page by page, is what a server runs on.
 *
 * The flush: without it, the copy of a 10M-receipt file left 2.3 GB of dirty pages in the page
 * cache, which the server's first fsync of the database file (a checkpoint) then had to write
 * out, during the measurement: commits of a few pages took 50-100 ms behind it.
 */
export function copyDatabaseFile(from, to) {
  const src = openSync(from, 'r');
  const dst = openSync(to, 'w');
  try {
    const chunk = Buffer.allocUnsafe(256 * SQLITE_PAGE);
    for (let at = 0, got; (got = readSync(src, chunk, 0, chunk.length, at)) > 0; at += got) {
      for (let page = 0; page < got; page += SQLITE_PAGE) writeSync(dst, chunk, page, Math.min(SQLITE_PAGE, got - page), at + page);
    }
    fsyncSync(dst);
  } finally {
    closeSync(dst);
    closeSync(src);
  }
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
  const results = await Promise.all(schedules);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  // Answers other than 202, by status (0: the connection failed).
  const statuses = {};
  for (const r of results) {
    for (const [status, count] of Object.entries(r.statuses)) if (status !== '202') statuses[status] = (statuses[status] ?? 0) + count;
  }
  const during = answered.filter(([at]) => at >= start && at <= start + (purge.ms ?? Infinity));
  const ms = during.map(([, latency]) => latency).sort((a, b) => a - b);
  return {
    purge, requests: ms.length, errors, statuses, p50: pct(ms, 50), p99: pct(ms, 99), max: ms.at(-1),
    gap: longestGap(during.map(([at, latency]) => at + latency)),
  };
}

/**
 * Receipts for the load: 70% for stored subjects (chains grow), 30% for new ones (ids made now, in
 * `loaded.ids`' format). Stored subjects come from `loaded` (bulkLoad): by default those active in
 * the data set's last 30 days (`returning: 'recent'`, the visit model the data set was made with),
 * or any subject of the 13 months alike (`'uniform'`, a harsher load: every returning receipt on
 * a random page of every subject-keyed index). On an empty database, or with `loaded.pool` (ids
 * read back from a database), the stored subjects are those of the pool and those this run created.
 */
export function receiptBodies(loaded, returning = 'recent') {
  const TEMPLATE = JSON.stringify(makeReceipt(() => 0.3, '@@subjectId@@', 0, { region: REGIONS[0][0], browser: 'Chrome', previous: null, video: true }))
    .replace(/"receiptId":"[^"]+"/, '"receiptId":"@@receiptId@@"').replace(/"clientTime":"[^"]+"/, '"clientTime":"@@clientTime@@"')
    .replace(/"expiresAt":"[^"]+"/, '"expiresAt":"@@expiresAt@@"')
    .split(/@@(?:receiptId|subjectId|clientTime|expiresAt)@@/);
  const created = [];
  const ids = loaded.ids ?? 'time';
  const storedSubject = () => {
    if (loaded.pool?.length) return loaded.pool.at(Math.floor(Math.random() * loaded.pool.length));
    if (!loaded.subjects) return created.length ? created[Math.floor(Math.random() * created.length)] : null;
    if (returning === 'uniform' || !loaded.recent.length) return loaded.subjectId(Math.floor(Math.random() * loaded.subjects));
    return loaded.subjectId(loaded.recent[Math.floor(Math.random() * loaded.recent.length)]);
  };
  const one = () => {
    const now = Date.now();
    const stored = storedSubject();
    let subjectId = stored;
    if (!stored || Math.random() >= 0.7) {
      subjectId = freshSubjectId(ids);
      created.push(subjectId);
    }
    const [a, b, c, d, e] = TEMPLATE;
    return a + randomUUID() + b + subjectId + c + new Date(now).toISOString() + d + new Date(now + 395 * 86_400_000).toISOString() + e;
  };
  return (n) => (n === 1 ? one() : `{"receipts":[${Array.from({ length: n }, one).join(',')}]}`);
}
