/**
 * Receipts survive a dead network: a decision made while server-sync is down is kept in the
 * browser across a reload and arrives exactly once when server-sync comes up.
 */
import { createServer as netServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../packages/server-sync/src/index.js';
import { acceptAllRecorded, launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

let site: SiteServer;
let browser: Browser;
let sync: RunningServer | undefined;
let dir: string;
let port: number;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assent-outbox-'));
  port = await freePort();
  site = await startSite();
  browser = await launch();
  site.pages.set('/', {
    body: assentTag(
      {
        policyVersion: 'outbox-1',
        privacyPolicyUrl: '/privacy',
        ui: { src: '/stub-ui.js' },
        serverSync: { url: `http://127.0.0.1:${port}` },
        services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['analytics.localhost'] }],
      },
      { 'data-assent-region': 'FR' },
    ),
  });
});
afterAll(async () => {
  await sync?.close();
  await browser?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

type A = { Assent: { ready: Promise<void>; acceptAll(): void; subjectId: string } };

describe('receipt outbox against a real server-sync', () => {
  it('server-sync down, decision, reload, server-sync up: the receipt arrives exactly once', async () => {
    const w = await watchedPage(browser);
    await w.page.goto(site.url);
    await w.page.waitForFunction(() => (window as unknown as Partial<A>).Assent);
    const subject = await acceptAllRecorded(w.page);
    await w.page.waitForTimeout(300);
    const queued = () => w.page.evaluate(() => JSON.parse(localStorage.getItem('assent.outbox') ?? '[]').length as number);
    expect(await queued()).toBe(1);

    await w.page.reload();
    await w.page.waitForFunction(() => (window as unknown as Partial<A>).Assent);
    await w.page.waitForTimeout(300);
    expect(await queued()).toBe(1);

    sync = await startServer({
      port,
      dbFile: join(dir, 'sync.db'),
      apiKey: 'outbox-test-key-123',
      allowedOrigins: [site.url],
      policyVersion: 'outbox-1',
      demo: true,
      sweepIntervalMs: 0,
      purgeIntervalMs: 0,
    });
    // The outbox retries with backoff; a reload also flushes at once. Do both, twice, to prove no duplicates.
    await w.page.reload();
    await expect.poll(queued, { timeout: 10_000 }).toBe(0);
    await w.page.reload();
    await w.page.waitForTimeout(500);

    const res = await fetch(`${sync.url}/v1/subjects/${subject}`, { headers: { authorization: 'Bearer outbox-test-key-123' } });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { receipts: Array<{ receipt?: { receiptId: string }; receiptId?: string }> };
    expect(data.receipts).toHaveLength(1);
    await w.page.close();
  });
});
