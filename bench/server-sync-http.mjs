// HTTP load for the server-sync benchmarks: open-loop fixed rate (latency from each request's
// scheduled time, so no coordinated omission) and closed-loop maximum throughput, on keep-alive
// connections to 127.0.0.1.
import { Agent, request } from 'node:http';

export const CONNECTIONS = 64;

/** Sends one request; resolves to `{ status, body }` (status 0 on a connection error). */
export function send(agent, port, method, path, payload, headers = {}) {
  return new Promise((resolve) => {
    const req = request(
      {
        agent, host: '127.0.0.1', port, method, path,
        headers: payload === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const parts = [];
        res.on('data', (d) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(parts).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end(payload);
  });
}

/** POST /v1/receipts; resolves to the status. */
export const postReceipts = (agent, port, payload) => send(agent, port, 'POST', '/v1/receipts', payload).then((r) => r.status);

/** `n` POSTs of `body()` over `connections` keep-alive connections; throws unless every one was answered 202. */
export async function postMany(agent, port, n, connections, body) {
  let sent = 0;
  let failed = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (sent < n) {
      sent++;
      if ((await postReceipts(agent, port, body())) !== 202) failed++;
    }
  }));
  if (failed) throw new Error(`${failed} requests were not answered 202`);
}

/** The server's group commits so far, from its own histogram: [transactions, receipts in them]. */
export async function groupCommits(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN);
  return [value('assent_ingest_batch_receipts_count'), value('assent_ingest_batch_receipts_sum')];
}

export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/**
 * Open loop at `rate` req/s for `seconds`, each request's body from `body()`; latency measured
 * from its scheduled time. `onLatency(ms, at)` sees every answered request.
 */
export async function fixedRate(port, rate, seconds, body, onLatency = () => {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let errors = 0;
  const statuses = {};
  const pending = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const scheduled = start + (sent * 1000) / rate;
      pending.push(postReceipts(agent, port, body()).then((status) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 202) {
          const ms = performance.now() - scheduled;
          latencies.push(ms);
          onLatency(ms, scheduled);
        } else errors++;
      }));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: total, receipts: latencies.length, errors, statuses, p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) };
}

/** Closed loop: CONNECTIONS workers posting `perRequest` receipts (bodies from `body(n)`) as fast as answered. */
export async function maxThroughput(port, perRequest, seconds, body) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let ok = 0;
  let errors = 0;
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const status = await postReceipts(agent, port, body(perRequest));
      if (status === 202) {
        ok++;
        latencies.push(performance.now() - t);
      } else errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: ok / elapsed, receiptsPerSecond: (ok * perRequest) / elapsed, receipts: ok * perRequest, errors, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}
