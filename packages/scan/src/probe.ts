/**
 * The script the scanner adds to every frame before the page's own scripts run. It changes no
 * behaviour: it reports each `document.cookie` write (and `cookieStore.set`) with the URL of the
 * script that made it, read from the call stack, and, when asked, fills `data-assent-region` on
 * Assent's script tag the moment the parser inserts it (mutation callbacks run before a parser-inserted
 * script is prepared), as the site's edge would.
 */

/** Name of the binding the probe reports through (`BrowserContext.exposeBinding`). */
export const PROBE_BINDING = '__assentScanReport';

/** What the probe reports for one cookie write. */
export interface ProbeCookieWrite {
  /** The cookie's name as written (`name=value; ...` up to `=`). */
  name: string;
  /** URL of the first script on the call stack that is not the probe; the document's URL for inline scripts. */
  script: string | null;
}

/** The probe's source for a context: `region` set means "fill data-assent-region with it". */
export function probeSource(region: string | null): string {
  return `(${probe.toString()})(${JSON.stringify(PROBE_BINDING)}, ${JSON.stringify(region)});\n//# sourceURL=assent-scan-probe.js`;
}

// Runs in the page: plain browser JavaScript, no imports, no closure over this module.
function probe(binding: string, region: string | null): void {
  const w = window as unknown as Record<string, unknown>;
  const report = (name: string) => {
    const fn = w[binding];
    if (typeof fn !== 'function') return;
    // The first frame outside this probe: http(s) URLs followed by :line:column.
    const frames = (new Error().stack ?? '').match(/https?:\/\/[^\s()]+?(?=:\d+:\d+)/g) ?? [];
    const script = frames.find((u) => !u.includes('assent-scan-probe')) ?? null;
    try {
      (fn as (p: { name: string; script: string | null }) => unknown)({ name, script });
    } catch {
      // The binding may be gone while the page unloads; the write itself must still happen.
    }
  };
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (desc?.set && desc.get) {
    const { get, set } = desc;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: desc.enumerable,
      get() {
        return get.call(this);
      },
      set(value: string) {
        const name = String(value).split(';')[0]!.split('=')[0]!.trim();
        if (name) report(name);
        set.call(this, value);
      },
    });
  }
  const store = (w.CookieStore as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const original = store?.set;
  if (store && typeof original === 'function') {
    store.set = function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      const name = typeof first === 'string' ? first : (first as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name) report(name);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  if (region !== null && window.top === window) {
    const fill = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll('script[data-assent-config]'))) el.setAttribute('data-assent-region', region);
    };
    const observer = new MutationObserver((records) => {
      for (const r of records)
        for (const node of Array.from(r.addedNodes))
          if (node instanceof Element) {
            if (node.matches('script[data-assent-config]')) node.setAttribute('data-assent-region', region);
            else if (node.firstElementChild) fill(node);
          }
    });
    observer.observe(document, { childList: true, subtree: true });
    window.addEventListener('load', () => observer.disconnect(), { once: true });
  }
}
