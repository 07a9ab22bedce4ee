#!/usr/bin/env node
// server-sync soak (not a test): mixed traffic at a fixed rate for a long time, to see that memory,
// event-loop delay and database connections stay flat. Open loop at --rate requests/s (default
// 500): 80% POST /v1/receipts (one receipt, most for subjects already seen), 10% GET
// /v1/subjects/:id, 5% POST /v1/links, 5% GET /v1/links/events (a page of 100 from a recent cursor).
// Every --every seconds (default 60) it prints one row: requests/s answered, p99 latency from the
// scheduled send time, errors, the server's RSS and event-loop delay p99/max (reported by the
// target process) and its open connections to PostgreSQL (pg_stat_activity).
//
//   pnpm exec rollup -c packages/server-sync/build.mjs && node bench/server-sync-soak.mjs [--minutes 30] [--rate 500] [--every 60]
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './pg-cluster.mjs';
import { pct, send } from './server-sync-http.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const MINUTES = Number(opt('minutes', '30'));
const RATE = Number(opt('rate', '500'));
const EVERY_S = Number(opt('every', '60'));
const AUTH = { authorization: 'Bearer bench-api-key-0123456789' };

const { default: pg } = await import(join(here, '../packages/server-sync/node_modules/pg/lib/index.js'));
const cluster = startPostgres();
const stopAll = [];
const cleanup = () => {
  for (const stop of stopAll.reverse()) stop();
  cluster.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

const target = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [join(here, 'server-sync-target.mjs'), 'postgres', cluster.url], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_REPORT_MS: '5000' },
  });
  const t = { child, port: 0, reports: [] };
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      const msg = JSON.parse(out.slice(0, nl));
      out = out.slice(nl + 1);
      if (msg.port) {
        t.port = msg.port;
        resolve(t);
      } else if (msg.report) t.reports.push(msg.report);
    }
  });
  child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
});
stopAll.push(() => {
  target.child.removeAllListeners('exit');
  target.child.kill('SIGKILL');
});

const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
stopAll.push(() => void admin.end());

// ---- traffic ------------------------------------------------------------------------------
const subjects = [];
const receiptBody = () => {
  const now = Date.now();
  const seen = subjects.length > 1000 && Math.random() < 0.7;
  const subjectId = seen ? subjects[Math.floor(Math.random() * subjects.length)] : randomBytes(16).toString('hex');
  // Each subject once: re-adding the drawn ones made frequent subjects ever more frequent, their
  // chains and exports growing through the run: the 30-minute soak of session 6 drifted so
  // (bench/server-sync.md).
  if (!seen && subjects.length < 200_000) subjects.push(subjectId);
  return JSON.stringify({
    schemaVersion: 'assent-receipt/1', receiptId: randomUUID(), subjectId, previousReceiptId: null,
    event: { type: 'given', method: 'accept-all', clientTime: new Date(now).toISOString() },
    jurisdiction: { region: 'FR', regime: 'EEA', model: 'opt-in', source: 'attribute' },
    policyVersion: 'bench', notice: { language: 'fr', hash: 'a'.repeat(64) },
    purposes: {
      necessary: { granted: true, basis: 'necessary' }, functional: { granted: true, basis: 'consent' },
      analytics: { granted: true, basis: 'consent' }, advertising: { granted: Math.random() < 0.5, basis: 'consent' },
    },
    services: { 'web-stats': { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false } },
    validity: { expiresAt: new Date(now + 180 * 86_400_000).toISOString() },
    signals: { gpc: { value: false, honoured: false }, dnt: { value: false, honoured: false }, declaredMinor: false },
    client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/pricing', browser: 'Chrome', uiLanguage: 'fr' },
  });
};
let feedCursor = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function one() {
  const u = Math.random();
  const known = subjects.length ? subjects[Math.floor(Math.random() * subjects.length)] : randomBytes(16).toString('hex');
  if (u < 0.8 || !subjects.length) return send(agent, target.port, 'POST', '/v1/receipts', receiptBody()).then((r) => r.status === 202);
  if (u < 0.9) return send(agent, target.port, 'GET', `/v1/subjects/${known}`, undefined, AUTH).then((r) => r.status === 200 || r.status === 404);
  if (u < 0.95) {
    return send(agent, target.port, 'POST', '/v1/links', JSON.stringify({ subjectId: known, accountId: `acct-${Math.floor(Math.random() * 1e6)}` }), AUTH)
      .then((r) => r.status === 200 || r.status === 201 || r.status === 403 || r.status === 409);
  }
  return send(agent, target.port, 'GET', `/v1/links/events?since=${Math.max(0, feedCursor - 200)}&limit=100`, undefined, AUTH).then((r) => {
    if (r.status !== 200) return false;
    feedCursor = Math.max(feedCursor, JSON.parse(r.body).next);
    return true;
  });
}

// ---- run ----------------------------------------------------------------------------------
const rows = [];
let window = { latencies: [], errors: 0 };
const start = performance.now();
const total = Math.round(RATE * MINUTES * 60);
let sent = 0;
let nextReport = start + EVERY_S * 1000;
const pending = new Set();
console.error(`soak: ${MINUTES} min at ${RATE} req/s against PostgreSQL 15 (fsync on)`);
while (sent < total) {
  const now = performance.now();
  const due = Math.min(total, Math.floor(((now - start) / 1000) * RATE) + 1);
  for (; sent < due; sent++) {
    const scheduled = start + (sent * 1000) / RATE;
    // Counted in the row of the minute it was answered in.
    const p = one().then((ok) => {
      if (ok) window.latencies.push(performance.now() - scheduled);
      else window.errors++;
    }, () => window.errors++);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  if (now >= nextReport) {
    const w = window;
    window = { latencies: [], errors: 0 };
    nextReport += EVERY_S * 1000;
    const reports = target.reports.splice(0);
    const { rows: [conn] } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
    w.latencies.sort((a, b) => a - b);
    const row = {
      minute: ((now - start) / 60_000).toFixed(1),
      rps: w.latencies.length / EVERY_S,
      p99: pct(w.latencies, 99),
      errors: w.errors,
      rssMb: reports.at(-1)?.rssMb ?? NaN,
      loopP99: Math.max(...reports.map((r) => r.eventLoopP99Ms)),
      loopMax: Math.max(...reports.map((r) => r.eventLoopMaxMs)),
      dbConnections: conn.n - 1, // less the soak's own
      inFlight: pending.size,
      load: loadavg()[0],
    };
    rows.push(row);
    console.error(JSON.stringify(row));
  }
  await new Promise((r) => setTimeout(r, 1));
}
await Promise.all(pending);
cleanup();

const f = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
console.log([
  `Soak: ${MINUTES} min at ${RATE} req/s (80% receipts, 10% exports, 5% links, 5% feed), PostgreSQL 15 fsync on, pool 10; one row per ${EVERY_S} s.`,
  '',
  '| minute | answered req/s | p99 ms | errors | requests in flight | server RSS MB | event-loop delay p99 / max ms | PostgreSQL connections | 1-min load average |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.minute} | ${f(r.rps)} | ${f(r.p99, 1)} | ${r.errors} | ${r.inFlight} | ${f(r.rssMb, 1)} | ${f(r.loopP99, 1)} / ${f(r.loopMax, 1)} | ${r.dbConnections} | ${f(r.load, 1)} |`),
].join('\n'));
process.exit(0);
