// Runs in every document of the test page before its own scripts (Playwright's addInitScript),
// with the library's `banner` selectors (libraries.mjs). All times are `performance.now()`: ms from
// the navigation's start. It records:
// - `rootAt`: when the banner element is first in the document (MutationObserver: its callback
//   runs at the microtask checkpoint right after the insertion);
// - `paintedAt`, `visibleAt`, `settledAt`: checked once per animation frame, in a
//   requestAnimationFrame callback, after the root is in. A rAF callback runs just before that
//   frame's style, layout and paint, so the state it reads is what that frame paints. Each rule
//   looks at every first-layer button (the visitor's means to answer: when they are readable, so is
//   the banner's text beside them) and needs each one inside the viewport, `visibility: visible`,
//   not under `display: none`, with:
//     painted  — a non-empty box and an effective opacity (product over its ancestors) above 0;
//     visible  — drawn at ≥ 50 % of its layout size (getBoundingClientRect against offsetWidth /
//                offsetHeight, so a scale-in counts once half-grown) and effective opacity ≥ 0.5
//                (text at half contrast or better: readable). This is the headline figure;
//     settled  — full size, opacity 1, and no CSS animation or transition running on the banner,
//                inside it or on its ancestors (where it will stay).
//   Why rAF and not screenshots: the same rule applies to every library's DOM whatever its CSS does
//   (fade, slide, scale), at frame resolution (16.7 ms), without the screencast's own cost on the
//   main thread and the GPU process; `painted` alone would count a fade-in's first, invisible
//   frame, or a 1 %-scale first frame, as "visible", which is why `visible` needs half size and half
//   opacity. All three are reported.
// - long tasks (`longtask` entries: start, duration), every LCP entry (time, size, element tag,
//   whether the element is inside the library's banner container) and the layout shifts' sum (CLS).
export function probe(sel) {
  const b = (window.__bench = { rootAt: null, paintedAt: null, visibleAt: null, settledAt: null, longtasks: [], lcp: [], cls: 0 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.lcp.push({ t: e.startTime, size: e.size, tag: e.element ? e.element.tagName.toLowerCase() : 'removed', banner: !!(sel && e.element?.closest?.(sel.container)) });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) b.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  if (!sel) return; // the page alone: no banner to watch

  const root = () => document.querySelector(sel.root);
  const watch = new MutationObserver(() => {
    if (!root()) return;
    b.rootAt = performance.now();
    watch.disconnect();
    requestAnimationFrame(frame);
  });
  watch.observe(document, { childList: true, subtree: true });

  const state = (btn) => {
    const r = btn.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth)) return null;
    if (getComputedStyle(btn).visibility !== 'visible') return null;
    let opacity = 1;
    for (let n = btn; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none') return null;
      opacity *= Number(s.opacity);
    }
    // offsetWidth/Height: the layout size, untransformed (rounded to whole pixels, hence the 1 px slack).
    const w = btn.offsetWidth || r.width;
    const h = btn.offsetHeight || r.height;
    return { opacity, scale: Math.min(r.width / w, r.height / h), full: Math.abs(r.width - w) <= 1 && Math.abs(r.height - h) <= 1 };
  };
  const animating = (el) =>
    document.getAnimations().some((a) => {
      const t = a.effect?.target;
      return a.playState === 'running' && t && (el.contains(t) || t.contains(el)) && a.effect.getComputedTiming().endTime !== Infinity;
    });
  function frame() {
    const el = root();
    const states = el ? [...el.querySelectorAll(sel.buttons)].map(state) : [];
    const all = (ok) => states.length > 0 && states.every((s) => s && ok(s));
    const now = performance.now();
    if (all((s) => s.opacity > 0)) b.paintedAt ??= now;
    if (all((s) => s.opacity >= 0.5 && s.scale >= 0.5)) b.visibleAt ??= now;
    if (all((s) => s.opacity >= 0.999 && s.full) && !animating(el)) b.settledAt = now;
    else requestAnimationFrame(frame);
  }
}
