/**
 * The tag gate: nothing but `necessary` runs, loads or sets cookies before its category (and
 * service) is granted. Everything it holds (scripts, iframes and images marked in the page's
 * markup, and those the guard held as page code or a tag manager inserted them, before or after
 * the config arrived) is kept in one registry and released by one path, whenever the grant comes.
 * A withdrawal deletes the category's cookies.
 */
import type { SiteConfig } from '../config/types.js';
import { OPTIONAL_CATEGORIES, type OptionalCategory } from '../schema/receipt.js';
import { ACTIVE, CATEGORY, SERVICE, activateMedia, activateScripts } from './activate.js';
import { installGuard } from './guard.js';
import { httpUrl, serviceAt } from './hosts.js';
import { installNetworkGuard } from './network.js';


/** What the gate asks its owner. */
export interface GateHost {
  allows(category: OptionalCategory, serviceId?: string): boolean;
  /**
   * Puts a stand-in before a blocked embed (see `placeholderFor`) whose "Load once" calls
   * `loadOnce`, and returns it; or returns `undefined` when there is none (the embed opts out, or
   * the labels have not arrived yet: the next refresh asks again).
   */
  placeholder(el: HTMLElement, category: OptionalCategory, loadOnce: () => void): HTMLElement | undefined;
}

/** A gate installed on a page. */
export interface Gate {
  /** Activates everything now allowed (call after each decision). */
  refresh(): Promise<void>;
  /**
   * Supplies the config and the owner once known. Until then every cross-origin script, iframe
   * and image inserted by page code is held, and released (or kept) once the config says. A later
   * owner (the script tag's engine after `assent.js`) takes over the same registry.
   */
  configure(config: SiteConfig, host: GateHost): void;
  destroy(): void;
}

/** Options of {@link createGate}. */
export interface GateOptions {
  /**
   * Hold `fetch`, `XMLHttpRequest`, `sendBeacon` and `new Image()` toward every other origin until
   * the config arrives (the script tag does this when its config is a URL). Afterwards the config's
   * `gate.interceptNetwork` decides.
   */
  holdNetwork?: boolean;
}

const SELECTOR = 'script[type="text/plain"][data-assent-category],iframe[data-assent-category],img[data-assent-category]';
const isCategory = (c: string | null): c is OptionalCategory => OPTIONAL_CATEGORIES.includes(c as OptionalCategory);

/** Document order, with elements outside the document after those in it. */
const pageOrder = (a: Element, b: Element) =>
  a.isConnected !== b.isConnected ? (a.isConnected ? -1 : 1) : a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1;

/** Creates the gate and installs the dynamic-insertion guard at once. */
export function createGate(win: Window & typeof globalThis, options: GateOptions = {}): Gate {
  const doc = win.document;
  let config: SiteConfig | undefined;
  let host: GateHost | undefined;
  let configured!: () => void;
  const settled = new Promise<void>((r) => (configured = r));
  /** Every element waiting for a grant: marked in markup or held by the guard, in the document or not. */
  const held = new Set<Element>();
  const warned = new Set<string>();
  /** Warns once per page about a gated element that names something the config lacks. */
  const unknown = (what: string, name: string | null | undefined) => {
    const msg = `[assent] unknown ${what} "${name}": its gated element stays blocked`;
    if (!warned.has(msg)) console.warn(msg);
    warned.add(msg);
    return false;
  };

  /**
   * The service a URL loads from, decided on the parsed URL, never on its spelling (an encoded or
   * split host parses the same). Before the config arrives every cross-origin URL is suspect:
   * `pending`, held and decided later.
   */
  const owner = (url: string | null) => {
    const u = httpUrl(url, doc.baseURI);
    return u && (config ? serviceAt(u, config.services) : u.origin !== win.location.origin ? { id: '', category: 'pending' } : undefined);
  };
  const blocked = (url: string) => {
    const svc = owner(url);
    return svc && !host?.allows(svc.category as OptionalCategory, svc.id) ? svc : undefined;
  };
  // A held (or gated) element inserted now is judged once it is in: a grant may have come meanwhile.
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void refresh();
    });
  };
  const removeGuard = installGuard(win, blocked, (el) => (held.add(el), soon()), soon);
  // Network calls: all of them held while the config loads; afterwards only with interceptNetwork.
  const networkBlocked = (url: string) => (!config || config.gate.interceptNetwork ? blocked(url) : undefined);
  let removeNetworkGuard = options.holdNetwork ? installNetworkGuard(win, networkBlocked, () => settled) : undefined;

  /** Whether a held element may run now; re-classifies elements held before the config came. */
  function allowed(el: Element): boolean {
    let category = el.getAttribute(CATEGORY);
    let service = el.getAttribute(SERVICE) || undefined;
    if (category === 'pending' && config) {
      const svc = owner(el.getAttribute('src') ?? el.getAttribute('data-src'));
      if (!svc) return true;
      el.setAttribute(CATEGORY, (category = svc.category));
      el.setAttribute(SERVICE, (service = svc.id));
    }
    if (!isCategory(category)) return category !== 'pending' && unknown('category', category);
    if (service && config && !config.services.some((s) => s.id === service)) return unknown('service', service);
    return !!host?.allows(category, service);
  }

  let running: Promise<void> = Promise.resolve();
  // The stand-in drawn for each blocked embed, removed when the embed activates.
  const placeholders = new WeakMap<Element, HTMLElement>();
  /** Activates a held iframe or image, in place of its stand-in. */
  const release = (el: Element) => {
    held.delete(el);
    placeholders.get(el)?.remove();
    activateMedia(el as HTMLIFrameElement | HTMLImageElement);
  };

  /** The one release path: everything in the registry that may run now runs, in page order. */
  async function refresh(): Promise<void> {
    for (const el of doc.querySelectorAll(SELECTOR)) held.add(el);
    const scripts: HTMLScriptElement[] = [];
    for (const el of [...held].sort(pageOrder)) {
      if (el.hasAttribute(ACTIVE)) {
        held.delete(el);
        continue;
      }
      const ok = allowed(el);
      if (el.localName === 'script') {
        // A script runs once it is in the document; until then it stays registered.
        if (ok && el.isConnected) scripts.push(el as HTMLScriptElement), held.delete(el);
      } else if (!ok) {
        const category = el.getAttribute(CATEGORY);
        if (el.isConnected && config && isCategory(category) && !placeholders.has(el)) {
          const ph = host?.placeholder(el as HTMLElement, category, () => release(el));
          if (ph) placeholders.set(el, ph);
        }
      } else if (el.hasAttribute('data-src') || el.hasAttribute('data-srcset')) release(el);
      else held.delete(el);
    }
    // Scripts activate one batch at a time so a later refresh never overtakes an earlier one.
    return (running = running.then(() => activateScripts(scripts)));
  }

  // Elements parsed after assent.js ran are found once the document is parsed.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', refresh, { once: true });

  return {
    refresh,
    configure(c, h) {
      config = c;
      host = h;
      // The network hold stays only where the config asks for it.
      if (c.gate.interceptNetwork) removeNetworkGuard ??= installNetworkGuard(win, networkBlocked, () => settled);
      else removeNetworkGuard = void removeNetworkGuard?.();
      configured();
      void refresh();
    },
    destroy() {
      doc.removeEventListener('DOMContentLoaded', refresh);
      removeGuard();
      removeNetworkGuard?.();
    },
  };
}
