#!/usr/bin/env node
// Benchmark (not a test) of what a first-time visitor feels from the consent banner, in Chromium:
// time until the banner is readable (in the viewport, fully opaque), long tasks (> 50 ms), Largest
// Contentful Paint and its element, Cumulative Layout Shift and main-thread script time. The same
// page is loaded bare, with Assent (real assent.js, which lazy-loads assent-core.js, assent-ui.js
// and i18n/en.js; bar and box layouts) and with vanilla-cookieconsent 3.1 (its dist JS + CSS, box
// layout, the same four categories), in one run. Pages: `hero`, a marketing landing page (at 1x and
// 4x CPU slowdown), and `sparse`, a short text page where a banner's text can outsize the page's
// own. Responses are gzipped and each is held back by --delay ms (default 40) to stand in for a
// network round trip; the HTTP cache is off.
// Needs the built bundles: `pnpm exec rollup -c` first. Prints a markdown table (medians).
//   node bench/ui.mjs [--runs 7] [--delay 40]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/support/chromium.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 7);
const DELAY = arg('delay', 40);

const files = {
  '/assent.js': 'packages/embed/dist/assent.js',
  '/assent-core.js': 'packages/embed/dist/assent-core.js',
  '/assent-ui.js': 'packages/embed/dist/assent-ui.js',
  '/i18n/en.js': 'packages/embed/dist/i18n/en.js',
  '/cc/cookieconsent.umd.js': 'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
  '/cc/cookieconsent.css': 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
};
const bodies = Object.fromEntries(
  await Promise.all(Object.entries(files).map(async ([path, file]) => [path, gzipSync(await readFile(file), { level: 9 })])),
);

const SERVICES = [
  ['chat', 'Chatterbox live chat', 'functional'],
  ['video', 'Streamly video', 'functional'],
  ['metricly', 'Metricly analytics', 'analytics'],
  ['adreach', 'AdReach pixel', 'advertising'],
];
const siteConfig = (layout) => ({
  policyVersion: 'bench-1',
  privacyPolicyUrl: '/privacy',
  ui: { layout },
  services: SERVICES.map(([id, name, category]) => ({
    id, name, provider: `${name} Inc.`, category, purpose: `What ${name} does.`, hosts: [`${id}.localhost`],
    cookies: [{ name: `${id}_id`, duration: '13 months', purpose: 'Distinguishes visitors.' }],
  })),
});

// vanilla-cookieconsent with the same categories and comparable texts, its default box layout.
const ccRun = `CookieConsent.run({
  hideFromBots: false, // headless Chromium reports navigator.webdriver
  categories: { necessary: { enabled: true, readOnly: true }, functional: {}, analytics: {}, advertising: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Your cookie choices', description: 'We use necessary cookies to run this site. With your consent we also use cookies to remember your settings, measure how the site is used and show personalised ads. Nothing optional runs until you choose.',
      acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customize' },
    preferencesModal: { title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save choices', closeIconLabel: 'Close',
      sections: [
        { title: 'Necessary', description: 'Security, network management and accessibility.', linkedCategory: 'necessary' },
        { title: 'Functional', description: 'Remember your language and settings.', linkedCategory: 'functional' },
        { title: 'Analytics', description: 'Measure how the site is used.', linkedCategory: 'analytics' },
        { title: 'Advertising', description: 'Personalised ads with partners.', linkedCategory: 'advertising' } ] } } } }
});`;

const PAGE_STYLE = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1d24}header{display:flex;gap:24px;padding:16px 32px;border-bottom:1px solid #ddd}
.hero{padding:48px 32px 24px;max-width:880px}.hero h1{font-size:40px;line-height:1.15;margin:0 0 16px}.hero p{font-size:18px;margin:0 0 20px;max-width:640px}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:0 32px}.cards div{border:1px solid #ddd;border-radius:8px;padding:12px}`;

const SPARSE = `<main style="padding:24px 32px"><h1 style="font-size:24px;margin:0 0 8px">Pricing</h1><p>Pay as you go. Volume discounts from 1M minutes.</p></main>`;

const page = (variant, kind) => {
  const head =
    variant === 'cc' ? '<link rel="stylesheet" href="/cc/cookieconsent.css">'
    : variant.startsWith('assent') ? `<script src="/assent.js" data-assent-config="/site-${variant === 'assent-box' ? 'box' : 'bar'}.json" data-assent-region="GB" async></script>`
    : '';
  const tail = variant === 'cc' ? `<script src="/cc/cookieconsent.umd.js"></script><script>${ccRun}</script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vocaro</title><style>${PAGE_STYLE}</style>${head}</head><body>
<header><strong>Vocaro</strong><a href="/product">Product</a><a href="/pricing">Pricing</a><a href="/docs">Docs</a></header>
${kind === 'sparse' ? SPARSE : `<main><section class="hero"><h1>Voice, video and messaging APIs for every conversation</h1>
<p>Build calling, video meetings and omnichannel messaging into your product with one platform and one bill.</p><a href="/signup">Start free</a></section>
<section class="cards"><div>Programmable voice in 100+ countries.</div><div>Video rooms for up to 50 people.</div><div>SMS, WhatsApp and email from one API.</div></section></main>`}
${tail}</body></html>`;
};

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  await new Promise((r) => setTimeout(r, DELAY));
  const gz = bodies[path];
  if (gz) {
    const type = path.endsWith('.css') ? 'text/css' : 'text/javascript';
    return res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' }).end(gz);
  }
  if (path === '/site-bar.json' || path === '/site-box.json')
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(siteConfig(path.includes('box') ? 'box' : 'bar')));
  if (path === '/favicon.ico') return res.writeHead(204).end();
  const [, kind = 'hero', variant = 'none'] = path.split('/');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(variant, kind));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

/** Runs in the page before its scripts: observers, and a per-frame check for a readable banner. */
function probe(selector) {
  const b = (window.__bench = { shown: null, longtasks: [], lcp: null, cls: 0 });
  const where = (el) => (!el ? 'none' : selector && el.closest?.(selector.root) ? 'banner' : el.tagName.toLowerCase());
  new PerformanceObserver((l) => l.getEntries().forEach((e) => b.longtasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    const e = l.getEntries().at(-1);
    b.lcp = { t: e.startTime, el: where(e.element) };
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (b.cls += e.value))).observe({ type: 'layout-shift', buffered: true });
  if (!selector) return;
  const readable = (el) => {
    const r = el.getBoundingClientRect();
    if (!r.height || r.top >= innerHeight || r.bottom <= 0) return false;
    for (let n = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) < 1) return false;
    }
    // Not mid-slide: the panel sits where it will stay (no transform animation running).
    return !el.getAnimations({ subtree: false }).some((a) => a.playState === 'running');
  };
  const check = () => {
    const el = document.querySelector(selector.panel);
    if (el && readable(el)) b.shown = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

const VARIANTS = {
  none: null,
  assent: { root: '.assent-ui', panel: '.assent-ui .a-panel' },
  'assent-box': { root: '.assent-ui', panel: '.assent-ui .a-panel' },
  cc: { root: '#cc-main', panel: '#cc-main .cm' },
};

const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
const ctx = browser.context;

async function measure(kind, variant, cpu) {
  await ctx.clearCookies();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await cdp.send('Performance.enable');
  page.on('pageerror', (e) => console.error(`${variant}: page error: ${e.message}`));
  await page.addInitScript(probe, VARIANTS[variant]);
  await page.goto(`${base}/${kind}/${variant}`, { waitUntil: 'load' });
  if (VARIANTS[variant])
    await page.waitForFunction(() => window.__bench.shown !== null, null, { timeout: 15_000 }).catch(async (err) => {
      console.error(variant, cpu, await page.evaluate(() => [JSON.stringify(window.__bench), document.body.innerHTML.slice(-400)]));
      throw err;
    });
  await page.waitForTimeout(1000); // LCP and long tasks settle
  const r = await page.evaluate(() => window.__bench);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  await page.close();
  return { ...r, script: script * 1000 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? Math.round(x) : '–');

const rows = [];
try {
  for (const [kind, cpu] of [['hero', 1], ['hero', 4], ['sparse', 1]]) {
    for (const variant of Object.keys(VARIANTS)) {
      await measure(kind, variant, cpu); // warm-up, not counted
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(kind, variant, cpu));
      const lcpEls = [...new Set(runs.map((r) => r.lcp?.el ?? 'none'))].join(', ');
      rows.push([
        kind,
        `${cpu}x`,
        { none: 'none', assent: 'Assent (bar)', 'assent-box': 'Assent (box)', cc: 'vanilla-cookieconsent 3.1' }[variant],
        VARIANTS[variant] ? ms(median(runs.map((r) => r.shown))) : '–',
        median(runs.map((r) => r.longtasks.length)),
        ms(median(runs.map((r) => Math.max(0, ...r.longtasks)))),
        ms(median(runs.map((r) => r.lcp?.t ?? NaN))),
        lcpEls,
        median(runs.map((r) => r.cls)).toFixed(3),
        ms(median(runs.map((r) => r.script))),
      ]);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const head = ['page', 'CPU', 'banner', 'banner readable (ms)', 'long tasks', 'longest task (ms)', 'LCP (ms)', 'LCP element', 'CLS', 'script (ms)'];
console.log(`Chromium ${ctx.browser()?.version() ?? ''}, ${RUNS} runs each (medians), ${DELAY} ms per response, gzip, cache off.\n`);
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
