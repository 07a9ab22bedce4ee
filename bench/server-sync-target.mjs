// The server under test for bench/server-sync.mjs, in its own process (the load generator gets
// the other core). Prints {"port":N} once listening.
//   node bench/server-sync-target.mjs bare
//   node bench/server-sync-target.mjs sqlite <dbFile>
//   node bench/server-sync-target.mjs postgres <databaseUrl>
import { createServer } from 'node:http';

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
    // Only the tuning knob of the lanes comes from the environment (BENCH_PG_COMMIT_LANES).
    env: process.env.BENCH_PG_COMMIT_LANES ? { ASSENT_PG_COMMIT_LANES: process.env.BENCH_PG_COMMIT_LANES } : {},
    log: () => {},
  });
  console.log(JSON.stringify({ port: server.port }));
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}
