/**
 * `npm run demo` as a person runs it: `node examples/demo.mjs` prints the console's URL and the key
 * to sign in with, that key signs in as privacy officer, and the month of traffic the demo sends
 * at start is what the console's insights count. On free ports and a throwaway database, so it runs
 * beside a live demo without touching its `.data/`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSession, InsightsResponse } from '../../packages/sdk/src/schema/index.js';
import { repoRoot } from '../../examples/demo-stack.mjs';

let dir: string;
let demo: ChildProcessWithoutNullStreams;
let printed = '';
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assent-demo-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASSENT_SITE_PORT: '0', ASSENT_PORTAL_PORT: '0', ASSENT_THIRD_PARTY_PORT: '0', ASSENT_SYNC_PORT: '0',
    ASSENT_DEMO_DB: join(dir, 'assent.db'),
  };
  delete env.ASSENT_API_KEY;
  demo = spawn(process.execPath, ['examples/demo.mjs'], { cwd: repoRoot, env });
  exited = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
  demo.stdout.setEncoding('utf8');
  demo.stderr.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    demo.stdout.on('data', (chunk: string) => {
      printed += chunk;
      if (printed.includes('Press Ctrl-C to stop.')) resolve();
    });
    demo.stderr.on('data', (chunk: string) => {
      printed += chunk;
    });
    void exited.then((code) => reject(new Error(`the demo exited with ${code} before it was ready:\n${printed}`)));
  });
});

afterAll(async () => {
  if (demo.exitCode === null) {
    demo.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('prints the console URL and demo-admin-key, which signs in as privacy officer; the charts count the month it sent', async () => {
    expect(printed).not.toContain('! not started');
    const line = /^ {2}Privacy console {2}(http:\/\/127\.0\.0\.1:\d+\/console) {3}sign in with (\S+) \(privacy officer\)$/m.exec(printed);
    expect(line, printed).not.toBeNull();
    const url = line?.[1] ?? '';
    const key = line?.[2] ?? '';
    expect(key).toBe('demo-admin-key');
    const sent = /charts: (\d+) decisions of the last 30 days and (\d+) Portal links, sent at start/.exec(printed);
    expect(sent, printed).not.toBeNull();
    const decisions = Number(sent?.[1]);
    expect(decisions).toBeGreaterThan(500);
    expect(Number(sent?.[2])).toBeGreaterThan(0);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="console/assets/console.js">');

    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as ConsoleSession).role).toBe('privacy-officer');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^assent_console=./);

    // The default view: the last 30 days, all regions.
    const insights = await fetch(`${url}/api/insights`, { headers: { cookie } });
    expect(insights.status).toBe(200);
    const body = (await insights.json()) as InsightsResponse;
    expect(body.outcomes.total).toBe(decisions);
    expect(body.decisions.filter((d) => d.total > 0).length).toBeGreaterThanOrEqual(29);
    expect(body.links.reduce((n, d) => n + d.linked, 0)).toBe(Number(sent?.[2]));
  });

  it('stops on SIGTERM with exit code 0', async () => {
    demo.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(printed).toContain('Stopped.');
  });
});
