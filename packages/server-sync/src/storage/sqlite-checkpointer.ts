/**
 * WAL checkpoints off the event loop. A checkpoint copies committed pages from the WAL into the
 * database file and fsyncs both. Run by SQLite inside a commit on the main thread (its
 * auto-checkpoint, then at 10,000 pages) it held the event loop for 70 to 230 ms, twice a second
 * during a retention purge, which dirties a page per deleted receipt.
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints, which never wait for the
 * writer or for readers: every 50 ms, so that each one writes and fsyncs little (rarer, larger ones
 * made the writer's own fsyncs wait up to 150 ms behind theirs), and again at once while a pass
 * finds many new pages. That alone never lets the WAL start over while commits keep arriving:
 * SQLite rewinds the WAL only when a write begins with every frame already copied. So the worker
 * asks for a pause of the writer now and then: the driver runs a job in its write queue as
 * housekeeping, between requests' commits (write-queue.ts; only commits wait, the event loop and
 * reads go on), the worker copies the pages committed since its last pass, and the next write
 * rewinds the WAL. (Left to SQLite's auto-checkpoint, that last copy runs in a commit: 50 to 150
 * ms on the event loop, several times per purge.) A pause lasts at most PAUSE_LIMIT_MS whatever
 * the worker does; one that ends first only leaves the WAL to grow until the next. It takes two
 * fsyncs: at 25 ms most ran out on a busy machine, and the WAL grew to the auto-checkpoint backstop.
 *
 * How often: a pause costs the commits that wait through it an fsync of the database file, whose
 * time grows with how far apart its dirty pages lie: 5-10 ms on a small file, 30-55 ms on one of
 * 10M receipts, and more while the disk is slow to flush. Pausing whenever the WAL held 16 MB,
 * about once a second at 1,000 receipts/s, those pauses were most of the requests over 50 ms at
 * 10M in such runs, with p99 at 15-140 ms against 5-18 on an empty file (bench/server-sync.md,
 * session 17). So the worker pauses the writer once the WAL holds WalRestart.minPages and the WAL
 * has not started over (nor a pause been tried) for WalRestart.everyMs, or at once past
 * WalRestart.maxPages: under a steady load at most one pause in 10 s, and a WAL of 16 to 256 MB.
 * (The WAL also starts over by itself when a write begins just after a pass that no commit
 * overlapped, as on a small file at moderate load.)
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints, in ms. */
const INTERVAL_MS = 50;
/** A pass that copies more frames than this is followed by another at once. */
const CATCH_UP_FRAMES = 256;
/** When the worker lets the WAL start over; see above. Pages are SQLite's, of 4 KB. */
export interface WalRestart {
  /** No pause while the WAL holds fewer pages than this. */
  minPages: number;
  /** Past this many pages, a pause at every pass until the WAL starts over. */
  maxPages: number;
  /** Below maxPages, no pause within this many ms of the WAL's last start or the last pause. */
  everyMs: number;
}

export const WAL_RESTART: WalRestart = { minPages: 4096, maxPages: 65536, everyMs: 10_000 };

/** Longest the writer is paused for the worker, in ms. */
const PAUSE_LIMIT_MS = 50;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const { intervalMs, restart, catchUpFrames } = workerData;
const db = new Database(workerData.file, { fileMustExist: true });
let copied = 0; // frames copied since the WAL last started over
let logged = 0; // frames in the WAL at the last pass
let startedOver = performance.now(); // when a pass last found the WAL started over, or the worker began
let paused = -Infinity; // when a pause was last asked for
// One PASSIVE pass, or null when another connection is checkpointing.
function pass() {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.busy) return null;
    const fresh = r.checkpointed < copied ? r.checkpointed : r.checkpointed - copied;
    if (r.log < logged) startedOver = performance.now();
    copied = r.checkpointed;
    logged = r.log;
    // whole: no reader holds back part of the WAL, so that it may start over.
    return { log: r.log, fresh, whole: r.checkpointed === r.log };
  } catch {
    return null;
  }
}
function tick() {
  // A pass that copied many frames took long enough for the writer to add more: catch up.
  let r = pass();
  for (let i = 0; r && r.fresh > catchUpFrames && i < 4; i++) r = pass();
  const now = performance.now();
  if (r && r.whole && r.log >= restart.minPages
      && (r.log >= restart.maxPages || now - Math.max(startedOver, paused) >= restart.everyMs)) {
    paused = now;
    parentPort.postMessage('pause');
    timer = setTimeout(tick, 10 * intervalMs); // should the answer never come
  } else timer = setTimeout(tick, intervalMs);
}
let timer = setTimeout(tick, intervalMs);
parentPort.on('message', (m) => {
  clearTimeout(timer);
  if (m === 'paused') {
    pass();
    parentPort.postMessage('resumed');
    timer = setTimeout(tick, intervalMs);
  } else {
    db.close();
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for `file` (already in WAL mode). `pauseWrites` runs a job where no
 * write transaction is open and none begins until the job settles: the driver's write queue, in
 * its background lane.
 */
export function startCheckpointer(
  file: string,
  pauseWrites: (job: () => Promise<void>) => Promise<void>,
  restart: WalRestart = WAL_RESTART,
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: INTERVAL_MS,
      restart,
      catchUpFrames: CATCH_UP_FRAMES,
    },
  });
  worker.unref();
  // A failing worker only means larger WALs: SQLite's auto-checkpoint still bounds them.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped = false;
  let resume: (() => void) | null = null;
  const pause = () =>
    new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(limit);
        resume = null;
        resolve();
      };
      const limit = setTimeout(end, PAUSE_LIMIT_MS);
      if (stopped) return end();
      resume = end;
      worker.postMessage('paused');
    });
  worker.on('message', (m: unknown) => {
    if (m === 'resumed') resume?.();
    else if (m === 'pause' && !stopped) void pauseWrites(pause).catch(() => undefined);
  });
  return {
    async stop() {
      stopped = true;
      resume?.();
      worker.postMessage('stop');
      // A pass under way finishes first; past 2 s the driver closes its connections without waiting.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      void worker.terminate();
    },
  };
}
