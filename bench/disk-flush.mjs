#!/usr/bin/env node
// What a commit's flush costs on this machine's disk while another thread writes pages at random
// places of a file and flushes it, as SQLite's checkpoint worker does (not a test). The main thread
// writes 64 pages at a time into a 16 MB file (a WAL), flushes it with fdatasync and spins 3 ms (a
// commit's own work), for --seconds; a worker thread writes --pages random 4 KB pages into the last
// --span-mb of --file and fsyncs it every --every ms. Prints the flushes' mean and quantiles.
//
//   node bench/disk-flush.mjs --file <a large file to scribble on, e.g. a copy of the 10M SQLite file> [--span-mb <all>]
//     [--pages 700] [--every 50] [--seconds 8]
//   node bench/disk-flush.mjs --file none        # the flushes alone
//
// The file's pages are overwritten with junk: give it a copy. Its scratch WAL goes to a temp dir.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { option } from './cli-args.mjs';
import { pct } from './server-sync-http.mjs';

const PAGE = 4096;

if (!isMainThread) {
  const { file, first, span, pages, every } = workerData;
  const fd = fs.openSync(file, 'r+');
  const page = Buffer.alloc(PAGE, 7);
  let stop = false;
  parentPort.on('message', () => (stop = true));
  const pass = () => {
    if (stop) {
      fs.closeSync(fd);
      parentPort.postMessage('stopped');
      return;
    }
    for (let i = 0; i < pages; i++) fs.writeSync(fd, page, 0, PAGE, (first + Math.floor(Math.random() * span)) * PAGE);
    fs.fsyncSync(fd);
    setTimeout(pass, every);
  };
  pass();
} else {
  const file = option('file', 'none');
  const seconds = Number(option('seconds', '8'));
  const scratch = fs.mkdtempSync(join(tmpdir(), 'bench-flush-'));
  const walFile = join(scratch, 'wal');
  const walPages = 4096;
  fs.writeFileSync(walFile, Buffer.alloc(walPages * PAGE));
  const wal = fs.openSync(walFile, 'r+');
  fs.fsyncSync(wal);
  let worker = null;
  let where = 'no other writes';
  if (file !== 'none') {
    const filePages = Math.floor(fs.statSync(file).size / PAGE);
    const span = Math.min(filePages, Math.floor((Number(option('span-mb', String(filePages * PAGE / 2 ** 20))) * 2 ** 20) / PAGE));
    const pages = Number(option('pages', '700'));
    const every = Number(option('every', '50'));
    worker = new Worker(new URL(import.meta.url), { workerData: { file, first: filePages - span, span, pages, every } });
    where = `${pages} random pages every ${every} ms within the last ${Math.round((span * PAGE) / 2 ** 20)} MB of a ${Math.round((filePages * PAGE) / 2 ** 20)} MB file`;
  }
  const commit = Buffer.alloc(64 * PAGE, 3);
  const ms = [];
  let at = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    fs.writeSync(wal, commit, 0, commit.length, at * PAGE);
    at = (at + 64) % walPages;
    const t0 = performance.now();
    fs.fdatasyncSync(wal);
    ms.push(performance.now() - t0);
    const spin = performance.now() + 3;
    while (performance.now() < spin);
  }
  if (worker) {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
  }
  fs.closeSync(wal);
  fs.rmSync(scratch, { recursive: true, force: true });
  ms.sort((a, b) => a - b);
  const q = (p) => pct(ms, p).toFixed(2);
  console.log(`${where}: ${ms.length} flushes of 64 pages, mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)} ms, p50 ${q(50)}, p90 ${q(90)}, p99 ${q(99)}`);
}
