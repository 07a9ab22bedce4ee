// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, OUTBOX_CAP } from '../src/sync/outbox.js';
import type { Receipt } from '../src/schema/receipt.js';

const receipt = (n: number) => ({ receiptId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }) as Receipt;
const win = window as Window & typeof globalThis;
let bodies: string[][] = [];
let status = 202;
let online = true;

beforeEach(() => {
  localStorage.clear();
  bodies = [];
  status = 202;
  online = true;
  vi.stubGlobal('fetch', vi.fn(async (_u: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    bodies.push((JSON.parse(String(init.body)) as { receipts: Receipt[] }).receipts.map((r) => r.receiptId));
    return new Response('{}', { status });
  }));
});
afterEach(() => vi.unstubAllGlobals());

describe('ReceiptOutbox', () => {
  it('persists before sending and removes only what server-sync accepted', async () => {
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win });
    o.add(receipt(1));
    expect(JSON.parse(localStorage.getItem('assent.outbox')!)).toHaveLength(1);
    await o.flush();
    expect(bodies).toEqual([[receipt(1).receiptId]]);
    expect(o.pending()).toEqual([]);
    o.destroy();
  });

  it('offline: keeps receipts across a reload and delivers each exactly once later', async () => {
    online = false;
    const first = createOutbox({ endpoint: 'http://s/v1/receipts', win, baseDelay: 10_000 });
    first.add(receipt(1));
    first.add(receipt(2));
    first.add(receipt(2)); // a retry of the same receipt is not queued twice
    await first.flush();
    expect(first.pending().map((r) => r.receiptId)).toEqual([receipt(1).receiptId, receipt(2).receiptId]);
    first.destroy();
    online = true;
    const second = createOutbox({ endpoint: 'http://s/v1/receipts', win }); // the page reloaded
    await vi.waitFor(() => expect(bodies.flat()).toHaveLength(2));
    expect(new Set(bodies.flat()).size).toBe(2);
    expect(second.pending()).toEqual([]);
    second.destroy();
  });

  it('retries with backoff after a server error', async () => {
    vi.useFakeTimers();
    status = 503;
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win, baseDelay: 1000 });
    o.add(receipt(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies).toHaveLength(1);
    status = 202;
    await vi.advanceTimersByTimeAsync(1000);
    expect(bodies).toHaveLength(2);
    expect(o.pending()).toEqual([]);
    o.destroy();
    vi.useRealTimers();
  });

  it('drops what server-sync rejects as invalid instead of retrying forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    status = 400;
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win });
    o.add(receipt(1));
    await o.flush();
    expect(o.pending()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('rejected 1 receipt(s) with 400'));
    o.destroy();
  });

  it(`is bounded: beyond ${OUTBOX_CAP} the oldest are dropped with a warning`, async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    online = false;
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win, baseDelay: 60_000 });
    for (let i = 0; i < OUTBOX_CAP + 3; i++) o.add(receipt(i));
    const ids = o.pending().map((r) => r.receiptId);
    expect(ids).toHaveLength(OUTBOX_CAP);
    expect(ids[0]).toBe(receipt(3).receiptId);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropping the oldest 1'));
    o.destroy();
  });

  it('hands the queue to sendBeacon when the page is hidden', () => {
    online = false;
    const beacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win, baseDelay: 60_000 });
    o.add(receipt(7));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalledWith('http://s/v1/receipts', JSON.stringify({ receipts: [receipt(7)] }));
    expect(o.pending()).toHaveLength(1); // kept until a response confirms it
    o.destroy();
  });

  it('works with localStorage unavailable (memory only)', async () => {
    const getter = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const o = createOutbox({ endpoint: 'http://s/v1/receipts', win });
    o.add(receipt(1));
    await o.flush();
    expect(bodies).toEqual([[receipt(1).receiptId]]);
    getter.mockRestore();
    o.destroy();
  });
});
