/**
 * Interactive API docs at /docs: Swagger UI served from the installed swagger-ui-dist package (no
 * CDN), under a CSP that allows only this origin; in Chromium it renders the operations without a
 * CSP violation and without a request leaving the server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../e2e/support/chromium.mjs';
import { startServer, type RunningServer } from '../src/server.js';
import { checkedFetch } from './http-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0, dbFile: ':memory:', apiKey: 'docs-test-api-key-01', policyVersion: 'p1', signingKeys: `k1:${'11'.repeat(32)}`,
    joinKey: '33'.repeat(32), env: {}, log: () => {},
  });
});
afterAll(() => server.close());

describe('/docs', () => {
  it('serves a page with a strict CSP and the UI files from swagger-ui-dist, nothing from elsewhere', async () => {
    const { res, text } = await checkedFetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/<script>(?!<)/); // no inline script
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      const asset = await fetch(`${server.url}/docs/${file}`);
      expect(asset.status).toBe(200);
      expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(swaggerUi, file)))).toBe(true);
    }
    expect(await (await fetch(`${server.url}/docs/init.js`)).text()).toContain("url: 'v1/openapi.json'");
  });

  it.skipIf(!existsSync(CHROMIUM))('renders the operations in Chromium, offline and without a CSP violation', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${server.url}/docs`);
      await page.getByText('Store consent receipts').first().waitFor({ timeout: 15_000 });
      await page.getByText('Export everything stored about a subject').first().waitFor();
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
      expect(requests).toContain(`${server.url}/v1/openapi.json`);
    } finally {
      await browser.close();
    }
  }, 30_000);
});
