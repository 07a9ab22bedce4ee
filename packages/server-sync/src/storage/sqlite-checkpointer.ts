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
 * SQLite rewinds the WAL only when a write begins with every frame already copied. So once the WAL
 * holds RESTART_FRAMES pages, the worker asks for a pause of the writer: the driver runs a job in
 * its write queue as housekeeping, between requests' commits (write-queue.ts; only commits wait,
 * the event loop and reads go on), the worker copies the pages committed since its last pass, and
 * the next write rewinds the WAL. (Left to SQLite's
 * auto-checkpoint, that last copy runs in a commit: 50 to 150 ms on the event loop, several times
 * per purge.) A pause lasts at most PAUSE_LIMIT_MS whatever the worker does; one that ends first
 * only leaves the WAL to grow until the next. It takes two fsyncs: at 25 ms most ran out on a busy
 * machine, and the WAL grew to the auto-checkpoint backstop.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints, in ms. */
const INTERVAL_MS = 50;
/** A pass that copies more frames than this is followed by another at once. */
const CATCH_UP_FRAMES = 256;
/** WAL size, in pages (16 MB), past which the worker pauses the writer to let the WAL start over. */
const RESTART_FRAMES = 4096;
/** Longest the writer is paused for the worker, in ms. */
const PAUSE_LIMIT_MS = 50;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const { intervalMs, restartFrames, catchUpFrames } = workerData;
const db = new Database(workerData.file, { fileMustExist: true });
let copied = 0; // frames copied since the WAL last started over
// One PASSIVE pass, or null when another connection is checkpointing.
function pass() {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.busy) return null;
    const fresh = r.checkpointed < copied ? r.checkpointed : r.checkpointed - copied;
    copied = r.checkpointed;
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
  if (r && r.whole && r.log >= restartFrames) {
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
export function startCheckpointer(file: string, pauseWrites: (job: () => Promise<void>) => Promise<void>): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: INTERVAL_MS,
      restartFrames: RESTART_FRAMES,
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
