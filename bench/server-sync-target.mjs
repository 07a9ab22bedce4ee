// The server under test for the server-sync benchmarks, in its own process (the load generator
// gets the other core). Prints {"port":N} once listening. For bench/server-sync-scale.mjs and
// bench/server-sync-soak.mjs: BENCH_RETENTION_MONTHS sets the receipt and link retention, SIGUSR2
// runs one retention purge (as the purge timer would) and prints {"purge":{counts...,"ms":N}},
// BENCH_REPORT_MS prints {"report":{eventLoopP99Ms,eventLoopMaxMs,rssMb}} at that interval,
// BENCH_STUB_INGEST=1 answers receipt requests without storing them (the HTTP layer alone),
// BENCH_PAUSES_MS=N prints {"pause":{kind,at,ms}} for each event-loop delay or GC pause of N ms or
// more (bench/pause-monitor.mjs; for bench/server-sync-stalls.mjs).
//   node bench/server-sync-target.mjs bare
//   node bench/server-sync-target.mjs sqlite <dbFile>
//   node bench/server-sync-target.mjs postgres <databaseUrl>
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { monitorPauses } from './pause-monitor.mjs';

const [mode, where] = process.argv.slice(2);

if (mode === 'bare') {
  // The ceiling: read the body, answer like server-sync would, do nothing else.
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' }).end('{"accepted":1,"duplicates":0}');
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
} else {
  const { startServer } = await import(process.env.BENCH_LIB ?? '../packages/server-sync/dist/index.js');
  const server = await startServer({
    port: 0,
    ...(mode === 'postgres' ? { databaseUrl: where } : { dbFile: where }),
    apiKey: 'bench-api-key-0123456789',
    policyVersion: 'bench',
    signingKeys: `bench:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32),
    // Limit high enough never to refuse; the scope stays the default (shared counter on PostgreSQL).
    rateLimit: { limit: 1_000_000_000 },
    sweepIntervalMs: 0,
    purgeIntervalMs: 0,
    ...(process.env.BENCH_RETENTION_MONTHS
      ? { retention: { receiptsMonths: Number(process.env.BENCH_RETENTION_MONTHS), linksMonths: Number(process.env.BENCH_RETENTION_MONTHS) } }
      : {}),
    // Only the tuning knob of the lanes comes from the environment (BENCH_PG_COMMIT_LANES).
    env: process.env.BENCH_PG_COMMIT_LANES ? { ASSENT_PG_COMMIT_LANES: process.env.BENCH_PG_COMMIT_LANES } : {},
    log: () => {},
  });
  // The HTTP layer alone (bench/server-sync-ab.mjs --stub): each request is read, validated and
  // prepared as usual, then answered 202 without storing anything.
  if (process.env.BENCH_STUB_INGEST) server.service.ingest = async (receipts) => ({ accepted: receipts.length, duplicates: 0 });
  console.log(JSON.stringify({ port: server.port }));
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
  process.on('SIGUSR2', () => {
    const t0 = performance.now();
    server.service.purge().then(
      (counts) => console.log(JSON.stringify({ purge: { ...counts, ms: Math.round(performance.now() - t0) } })),
      (err) => console.log(JSON.stringify({ purge: { error: String(err) } })),
    );
  });
  if (Number(process.env.BENCH_PAUSES_MS) > 0) monitorPauses(Number(process.env.BENCH_PAUSES_MS), (pause) => console.log(JSON.stringify({ pause })));
  const every = Number(process.env.BENCH_REPORT_MS ?? 0);
  if (every > 0) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    setInterval(() => {
      console.log(JSON.stringify({ report: {
        eventLoopP99Ms: delay.percentile(99) / 1e6, eventLoopMaxMs: delay.max / 1e6, rssMb: process.memoryUsage().rss / 2 ** 20,
      } }));
      delay.reset();
    }, every).unref();
  }
}
