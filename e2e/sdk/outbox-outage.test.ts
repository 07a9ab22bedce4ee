/**
 * Receipts made while server-sync's PostgreSQL is down: server-sync answers 503 with Retry-After,
 * the browser's outbox keeps the decisions, and once the database is back it delivers them, each
 * stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../packages/server-sync/src/index.js';
import { canRunOwnCluster, ownCluster, type OwnCluster } from '../../packages/server-sync/test/pg-cluster.js';
import { acceptAllRecorded, launch, watchedPage, type Browser } from '../support/browser.js';
import { assentTag, startSite, type SiteServer } from '../support/site-server.js';

const KEY = 'outage-test-api-key-1';
let site: SiteServer;
let browser: Browser;
let sync: RunningServer;
let cluster: OwnCluster;

type A = { Assent: { ready: Promise<void>; acceptAll(): void; rejectAll(): void; subjectId: string } };

describe.skipIf(!canRunOwnCluster)('receipt outbox while server-sync\'s database is down', () => {
  beforeAll(async () => {
    cluster = await ownCluster();
    site = await startSite();
    sync = await startServer({
      port: 0, databaseUrl: cluster.url, apiKey: KEY, allowedOrigins: [site.url], policyVersion: 'outage-1', demo: true,
      sweepIntervalMs: 0, purgeIntervalMs: 0, statementTimeoutMs: 1000, log: () => undefined,
    });
    browser = await launch();
    site.pages.set('/', {
      body: assentTag(
        {
          policyVersion: 'outage-1',
          privacyPolicyUrl: '/privacy',
          ui: { src: '/stub-ui.js' },
          serverSync: { url: sync.url },
          services: [{ id: 'stats', name: 'Stats', provider: 'Stats', category: 'analytics', purpose: 'Stats', hosts: ['analytics.localhost'] }],
        },
        { 'data-assent-region': 'FR' },
      ),
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await sync?.close();
    await cluster?.remove();
  });

  it('keeps the decisions made during the outage and delivers them once the database is back', async () => {
    await cluster.stop();
    const health = await fetch(`${sync.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, database: 'unavailable' });

    const w = await watchedPage(browser);
    const answers: number[] = [];
    w.page.on('response', (r) => {
      if (r.url().endsWith('/v1/receipts')) answers.push(r.status());
    });
    await w.page.goto(site.url);
    await w.page.waitForFunction(() => (window as unknown as Partial<A>).Assent);
    const subject = await acceptAllRecorded(w.page);
    const queued = () => w.page.evaluate(() => JSON.parse(localStorage.getItem('assent.outbox') ?? '[]').length as number);
    await expect.poll(() => answers.includes(503), { timeout: 10_000 }).toBe(true);
    await w.page.evaluate(() => (window as unknown as A).Assent.rejectAll());
    await w.page.waitForTimeout(300);
    expect(await queued()).toBe(2);

    await cluster.start();
    // The outbox retries with backoff; a reload flushes at once.
    await w.page.reload();
    await expect.poll(queued, { timeout: 15_000 }).toBe(0);

    const res = await fetch(`${sync.url}/v1/subjects/${subject}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { receipts: { receipt: { receiptId: string; event: { method: string } } }[]; chain: { valid: boolean } };
    expect(data.receipts.map((r) => r.receipt.event.method)).toEqual(['accept-all', 'reject-all']);
    expect(new Set(data.receipts.map((r) => r.receipt.receiptId)).size).toBe(2);
    expect(data.chain.valid).toBe(true);
    await w.page.close();
  }, 60_000);
});
