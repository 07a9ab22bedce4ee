#!/usr/bin/env node
// The HTTP layer of two builds of server-sync, in process (not a test): each build's `node:http`
// request listener (createServer().handler) is handed `POST /v1/receipts` requests as Node's HTTP
// server would hand them (an IncomingMessage and a ServerResponse over an in-memory socket), with
// storage stubbed (service.ingest answers without storing). No sockets, no HTTP parsing, no load
// generator: what is left is everything from the listener to the answer's bytes (routing,
// middleware, body reading, JSON, validation, metrics, the response). Each build runs in its own
// child process; the parent alternates chunks between them and reads each child's own CPU time.
//
//   pnpm exec rollup -c && node bench/server-sync-inproc.mjs <A: module> <B: module> [--per 1|50] [--rounds 20] [--chunk 2000]
//
// A and B are builds of @assent/server-sync's index.js (see bench/server-sync-ab.mjs). The bodies
// are those of the other server-sync benchmarks (server-sync-receipts.mjs), `--per` receipts each.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ratioLine, receiptBody } from './server-sync-receipts.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    per: { type: 'string', default: '1' }, rounds: { type: 'string', default: '20' }, chunk: { type: 'string', default: '2000' },
    child: { type: 'string' },
  },
});
const PER = Number(values.per);

/** A connection as Node's HTTP server hands it to a request: a peer address, writes discarded. */
class Connection extends Duplex {
  remoteAddress = '127.0.0.1';
  remotePort = 50000;
  remoteFamily = 'IPv4';
  encrypted = false;
  written = 0;
  _read() {}
  _write(chunk, _encoding, callback) {
    this.written += chunk.length;
    callback();
  }
  _writev(chunks, callback) {
    for (const { chunk } of chunks) this.written += chunk.length;
    callback();
  }
  setTimeout() {
    return this;
  }
}

/** One request through `handler`; resolves with the answer's status once it has been written. */
function serve(handler, socket, payload) {
  const req = new IncomingMessage(socket);
  req.method = 'POST';
  req.url = '/v1/receipts';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  const length = String(payload.length);
  req.headers = { host: '127.0.0.1:8787', 'content-type': 'application/json', 'content-length': length };
  req.rawHeaders = ['Host', '127.0.0.1:8787', 'Content-Type', 'application/json', 'Content-Length', length];
  req.push(payload);
  req.push(null);
  req.complete = true;
  const res = new ServerResponse(req);
  res.shouldKeepAlive = true;
  res.assignSocket(socket);
  return new Promise((done, fail) => {
    res.once('finish', () => {
      res.detachSocket(socket);
      res.emit('close');
      done(res.statusCode);
    });
    res.once('error', fail);
    handler(req, res);
  });
}

async function child(lib) {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-inproc-'));
  const { createServer } = await import(lib);
  const app = await createServer({
    dbFile: join(scratch, 'db.sqlite'), apiKey: 'bench-api-key-0123456789', policyVersion: 'bench', signingKeys: `bench:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32), rateLimit: { limit: 1_000_000_000 }, sweepIntervalMs: 0, purgeIntervalMs: 0, log: () => {},
  });
  app.service.ingest = async (receipts) => ({ accepted: receipts.length, duplicates: 0 });
  const socket = new Connection();
  process.on('message', async ({ run, bodies }) => {
    if (run === undefined) {
      await app.close();
      rmSync(scratch, { recursive: true, force: true });
      process.exit(0);
    }
    const payloads = bodies.map((b) => Buffer.from(b));
    const before = process.cpuUsage();
    let failed = 0;
    for (let i = 0; i < run; i++) if ((await serve(app.handler, socket, payloads[i % payloads.length])) !== 202) failed++;
    const used = process.cpuUsage(before);
    process.send({ cpuUs: used.user + used.system, failed });
  });
  process.send({ ready: true });
}

async function parent() {
  const [a, b] = positionals.map((p) => resolve(p));
  if (!a || !b) {
    console.error('usage: node bench/server-sync-inproc.mjs <A: module> <B: module> [--per 1|50] [--rounds 20] [--chunk 2000]');
    process.exit(2);
  }
  const ROUNDS = Number(values.rounds);
  const CHUNK = Number(values.chunk);
  const bodies = Array.from({ length: 200 }, () => receiptBody(PER));
  let finished = false;
  const start = (lib) => new Promise((ready) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child', lib], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.once('message', () => ready(proc));
    proc.once('exit', (code) => {
      if (finished) return;
      console.error(`${lib} exited with ${code}`);
      process.exit(1);
    });
  });
  const run = (proc, n) => new Promise((done) => {
    proc.once('message', (m) => {
      if (m.failed) throw new Error(`${m.failed} requests were not answered 202`);
      done(m.cpuUs);
    });
    proc.send({ run: n, bodies });
  });
  const loadBefore = loadavg()[0];
  const targets = [{ name: 'A', proc: await start(a) }, { name: 'B', proc: await start(b) }];
  for (const t of targets) await run(t.proc, 2 * CHUNK); // warm-up
  const cpu = { A: 0, B: 0 };
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = {};
    for (const t of r % 2 ? [...targets].reverse() : targets) {
      round[t.name] = await run(t.proc, CHUNK);
      cpu[t.name] += round[t.name];
    }
    ratios.push(round.B / round.A);
  }
  finished = true;
  for (const t of targets) t.proc.send({});
  const us = (total) => total / (ROUNDS * CHUNK);
  console.log(`in process (storage stubbed), ${PER} receipt(s) per request, ${ROUNDS} × ${CHUNK} requests each; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`CPU per request: A ${us(cpu.A).toFixed(1)} µs, B ${us(cpu.B).toFixed(1)} µs, ${ratioLine(cpu.A, cpu.B, ratios)}`);
}

await (values.child ? child(values.child) : parent());
