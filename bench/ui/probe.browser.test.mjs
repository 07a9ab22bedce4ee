// The banner timing rules of bench/ui.mjs (probe.mjs), in Chromium: painted, visible (half size
// and half opacity), settled (full size, opaque, no animation), whatever the banner's CSS does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumBrowser } from '../../e2e/support/chromium.mjs';
import { probe } from './probe.mjs';

const SEL = { container: '#cb', root: '#cb .panel', buttons: 'button' };
let browser;
beforeAll(async () => (browser = await launchChromiumBrowser()));
afterAll(() => browser?.close());

/**
 * Loads a page whose script inserts the banner after 100 ms and then runs `show(panel)`; returns
 * the probe's record once the banner settled, or at `until` ms.
 */
async function timings(css, show, until = 4000) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.route('http://bench.test/', (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><style>${css}</style><body><p>Page</p><script>
setTimeout(() => {
  window.insertedAt = performance.now();
  const cb = document.createElement('div'); cb.id = 'cb';
  cb.innerHTML = '<div class="panel"><p>Cookies?</p><button>Accept all</button><button>Reject all</button></div>';
  document.body.append(cb);
  (${show})(cb.firstChild);
}, 100);</script></body>`,
      }),
    );
    await page.addInitScript(probe, SEL);
    await page.goto('http://bench.test/');
    await page.waitForFunction((ms) => window.__bench.settledAt !== null || performance.now() > ms, until, { polling: 50 });
    return await page.evaluate(() => ({ ...window.__bench, insertedAt: window.insertedAt }));
  } finally {
    await ctx.close();
  }
}

describe('banner timing rules', () => {
  it('a fade-in: painted at its first frame, visible at half opacity, settled when the transition ends', async () => {
    const t = await timings('.panel{opacity:0;transition:opacity 600ms linear}.panel.in{opacity:1}', (p) =>
      requestAnimationFrame(() => requestAnimationFrame(() => p.classList.add('in'))),
    );
    expect(t.rootAt - t.insertedAt).toBeLessThan(5);
    expect(t.paintedAt - t.insertedAt).toBeLessThan(120);
    expect(t.visibleAt - t.paintedAt).toBeGreaterThan(200); // about 300 ms at half opacity
    expect(t.visibleAt - t.paintedAt).toBeLessThan(450);
    expect(t.settledAt - t.paintedAt).toBeGreaterThan(500); // the 600 ms transition
  });

  it('a 1 % first frame (painted, not yet visible), full size from the next: visible and settled together', async () => {
    const t = await timings('.panel.enter{transform:scale(.01)}', (p) => {
      p.classList.add('enter');
      requestAnimationFrame(() => requestAnimationFrame(() => p.classList.remove('enter')));
    });
    expect(t.paintedAt).not.toBeNull();
    expect(t.visibleAt).toBeGreaterThan(t.paintedAt);
    expect(t.settledAt).toBe(t.visibleAt);
  });

  it('buttons outside the viewport or hidden are not visible', async () => {
    const off = await timings('.panel{position:fixed;top:2000px}', () => {}, 1000);
    expect([off.paintedAt, off.visibleAt, off.settledAt]).toEqual([null, null, null]);
    const hidden = await timings('.panel button+button{visibility:hidden}', () => {}, 1000);
    expect(hidden.rootAt).not.toBeNull();
    expect(hidden.visibleAt).toBeNull();
  });
});
