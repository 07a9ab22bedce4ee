/**
 * ReceiptOutbox: every receipt is written to localStorage before anything is sent, then
 * delivered to server-sync in batches (fetch with keepalive; sendBeacon when the page is
 * hidden), retried with exponential backoff and jitter, and removed only once server-sync
 * accepted it. server-sync is idempotent on receipt id, so a beacon followed by a retry, or two
 * tabs flushing the same queue, never stores a receipt twice. The page never waits for it.
 */
import type { Receipt } from '../schema/receipt.js';

/** The localStorage key of queued receipts; `assent.js` checks it to hand delivery to the engine. */
export const OUTBOX_KEY = 'assent.outbox';
const KEY = OUTBOX_KEY;
/** Most receipts kept while server-sync is unreachable; the oldest are dropped beyond it. */
export const OUTBOX_CAP = 50;
/** Receipts per request: keepalive bodies are limited to 64 KB. */
const BATCH = 10;
const MAX_DELAY = 5 * 60_000;

export interface OutboxOptions {
  endpoint: string;
  win: Window & typeof globalThis;
  /** First retry delay in ms (doubles each failure, with jitter). */
  baseDelay?: number;
}

export interface ReceiptOutbox {
  add(receipt: Receipt): void;
  /** Sends what is queued now; resolves when this attempt ended. */
  flush(): Promise<void>;
  pending(): Receipt[];
  destroy(): void;
}

function storageOf(win: Window): Storage | null {
  try {
    const s = win.localStorage;
    s.setItem(`${KEY}.probe`, '1');
    s.removeItem(`${KEY}.probe`);
    return s;
  } catch {
    return null; // disabled or full: keep the queue in memory for this page
  }
}

export function createOutbox({ endpoint, win, baseDelay = 1000 }: OutboxOptions): ReceiptOutbox {
  const storage = storageOf(win);
  let memory: Receipt[] = [];
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<void> | undefined;

  const load = (): Receipt[] => {
    if (!storage) return memory;
    try {
      const v = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as Receipt[]) : [];
    } catch {
      return [];
    }
  };
  const save = (q: Receipt[]) => {
    memory = q;
    try {
      storage?.setItem(KEY, JSON.stringify(q));
    } catch {
      console.warn('[assent] could not persist the receipt outbox; keeping it in memory');
    }
  };
  const remove = (ids: Set<string>) => save(load().filter((r) => !ids.has(r.receiptId)));

  const schedule = () => {
    clearTimeout(timer);
    const delay = Math.min(MAX_DELAY, baseDelay * 2 ** Math.max(0, failures - 1)) * (0.5 + Math.random() / 2);
    timer = setTimeout(() => void flush(), delay);
  };

  async function send(): Promise<void> {
    const batch = load().slice(0, BATCH);
    if (!batch.length) return;
    let res: Response;
    try {
      res = await win.fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ receipts: batch }),
        keepalive: true,
        credentials: 'omit',
      });
    } catch {
      failures++;
      return schedule();
    }
    if (res.ok) {
      failures = 0;
      remove(new Set(batch.map((r) => r.receiptId)));
      if (load().length) return send();
    } else if (res.status === 400 || res.status === 413) {
      // The server will never take these as they are: drop them rather than retry forever.
      console.warn(`[assent] server-sync rejected ${batch.length} receipt(s) with ${res.status}; dropped`);
      remove(new Set(batch.map((r) => r.receiptId)));
    } else {
      failures++;
      schedule();
    }
  }

  function flush(): Promise<void> {
    return (inflight ??= send().finally(() => (inflight = undefined)));
  }

  // When the page is hidden, fetch may be cut off: hand what is queued to the beacon too.
  const onHide = () => {
    if (win.document.visibilityState !== 'hidden') return;
    const q = load().slice(0, BATCH);
    if (q.length && win.navigator.sendBeacon) win.navigator.sendBeacon(endpoint, JSON.stringify({ receipts: q }));
  };
  win.addEventListener('visibilitychange', onHide);
  win.addEventListener('pagehide', onHide);
  win.addEventListener('online', flush);

  if (load().length) setTimeout(() => void flush());

  return {
    add(receipt) {
      const q = load().filter((r) => r.receiptId !== receipt.receiptId);
      q.push(receipt);
      if (q.length > OUTBOX_CAP) {
        console.warn(`[assent] receipt outbox over ${OUTBOX_CAP}; dropping the oldest ${q.length - OUTBOX_CAP}`);
        q.splice(0, q.length - OUTBOX_CAP);
      }
      save(q);
      void flush();
    },
    flush,
    pending: load,
    destroy() {
      clearTimeout(timer);
      win.removeEventListener('visibilitychange', onHide);
      win.removeEventListener('pagehide', onHide);
      win.removeEventListener('online', flush);
    },
  };
}

/**
 * Whether no receipt waits in the outbox an earlier page left in `storage`. A damaged outbox
 * counts as waiting: the engine, which reads it, deals with it.
 */
export function outboxIsEmpty(storage: Storage): boolean {
  try {
    const raw = storage.getItem(KEY);
    return raw === null || (JSON.parse(raw) as unknown[]).length === 0;
  } catch {
    return false;
  }
}
