#!/usr/bin/env node
// Benchmark (not a test) of the script-tag core in Chromium: how long assent.js takes from
// executing to `assent:ready` for a first visitor (assent.js loads the engine, assent-core.js), a
// returning visitor on the fast path (assent.js alone) and the same visitor with the saved verdict
// removed (the engine's path), and what the insertion guard adds to each DOM insertion. Runs at 1x
// and 4x CPU slowdown. Prints a markdown table.
//   node bench/sdk.mjs [--runs 15] [--dist packages/embed/dist]   (--dist: compare another build)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../e2e/support/chromium.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const DIST = process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1] : 'packages/embed/dist';
const bundle = await readFile(`${DIST}/assent.js`);
// Builds from before the split have no engine file: every visit runs assent.js alone.
const engine = await readFile(`${DIST}/assent-core.js`).catch(() => Buffer.from(''));
const config = JSON.stringify({
  policyVersion: 'bench-1',
  privacyPolicyUrl: '/privacy',
  ui: { src: '/stub-ui.js' },
  services: Array.from({ length: 12 }, (_, i) => ({
    id: `svc${i}`, name: `Service ${i}`, provider: `Vendor ${i}`, category: ['functional', 'analytics', 'advertising'][i % 3],
    purpose: 'Bench', hosts: [`v${i}.localhost`], cookies: [{ name: `c${i}_*`, duration: '1 year', purpose: 'Bench' }],
  })),
});
const gated = Array.from({ length: 20 }, (_, i) =>
  `<script type="text/plain" data-assent-category="analytics" data-assent-service="svc1">window.n=(window.n||0)+1</script>`).join('');

const page = (withAssent) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>performance.mark('start');document.addEventListener('assent:ready',()=>performance.mark('ready'))</script>
${withAssent ? `<script src="/assent.js" data-assent-config='${config}' data-assent-region="FR"></script>` : ''}
</head><body><h1>Bench</h1>${gated}</body></html>`;

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname; // assent.js asks for assent-core.js?v=<version>
  if (path === '/assent.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  if (path === '/assent-core.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(engine);
  if (path === '/stub-ui.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.AssentUI={mountUI(){return{open(){}}}}');
  res.writeHead(200, { 'content-type': 'text/html' }).end(page(!req.url.startsWith('/bare')));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
const ctx = browser.context;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** `returning`: false (first visit), 'fast' (saved verdict replayed) or 'engine' (verdict removed). */
async function bootTimes(rate, returning) {
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    await ctx.clearCookies();
    const p = await ctx.newPage();
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    if (returning) {
      await p.goto(base);
      await p.waitForFunction(() => window.Assent);
      await p.evaluate(() => window.Assent.acceptAll());
      if (returning === 'engine') await p.evaluate(() => localStorage.removeItem('assent.snapshot'));
    }
    await p.goto(base);
    await p.waitForFunction(() => performance.getEntriesByName('ready').length === 1);
    out.push(await p.evaluate(() => performance.measure('boot', 'start', 'ready').duration));
    await p.close();
  }
  return out;
}

async function insertCost(rate, withAssent) {
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await p.goto(withAssent ? base : `${base}/bare`);
  if (withAssent) await p.waitForFunction(() => window.Assent);
  const us = await p.evaluate(() => {
    const N = 5000;
    const host = document.createElement('div');
    document.body.append(host);
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const d = document.createElement('div');
      d.innerHTML = '<span>x</span><img alt="" src="/local.png">';
      host.appendChild(d);
    }
    const t = performance.now() - t0;
    host.remove();
    return (t / N) * 1000;
  });
  await p.close();
  return us;
}

const rows = [];
for (const rate of [1, 4]) {
  const first = await bootTimes(rate, false);
  const back = await bootTimes(rate, 'fast');
  const slow = await bootTimes(rate, 'engine');
  // Alternate bare and guarded pages so machine noise hits both alike; report medians.
  const bareRuns = [];
  const guardedRuns = [];
  for (let i = 0; i < 5; i++) {
    bareRuns.push(await insertCost(rate, false));
    guardedRuns.push(await insertCost(rate, true));
  }
  const bare = median(bareRuns);
  const guarded = median(guardedRuns);
  rows.push([
    `${rate}x`,
    ...[first, back, slow].flatMap((xs) => [median(xs).toFixed(1), p95(xs).toFixed(1)]),
    bare.toFixed(1),
    guarded.toFixed(1),
  ]);
}
console.log(`Chromium ${ctx.browser()?.version() ?? ''}, ${RUNS} runs per cell, assent.js ${bundle.length} B, assent-core.js ${engine.length} B`);
console.log('| CPU | first visit boot p50 (ms) | p95 | returning, fast path p50 (ms) | p95 | returning, engine path p50 (ms) | p95 | insert without Assent (µs/op) | insert with guard (µs/op) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
await browser.close();
server.close();
