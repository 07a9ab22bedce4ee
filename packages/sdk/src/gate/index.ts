/**
 * The tag gate: nothing but `necessary` runs, loads or sets cookies before its category (and
 * service) is granted. Static placeholders are activated on grant, dynamic insertions to service
 * hosts are held, and a withdrawal deletes the category's cookies.
 */
import type { SiteConfig } from '../config/types.js';
import { OPTIONAL_CATEGORIES, type OptionalCategory } from '../schema/receipt.js';
import { ACTIVE, CATEGORY, SERVICE, activateMedia, activateScripts } from './activate.js';
import { installGuard, installNetworkGuard } from './guard.js';
import { httpUrl, serviceAt } from './hosts.js';

export { deleteServiceCookies } from './cookies.js';

/** What the gate asks its owner. */
export interface GateHost {
  allows(category: OptionalCategory, serviceId?: string): boolean;
  /**
   * Puts a stand-in before a blocked embed (see `placeholderFor`) whose "Load once" calls
   * `loadOnce`, and returns it; or returns `undefined` when there is none (the embed opts out,
   * or the script tag's fast path has no labels yet: it loads the engine, whose refresh draws it).
   */
  placeholder(el: HTMLElement, category: OptionalCategory, loadOnce: () => void): HTMLElement | undefined;
}

/** A gate installed on a page. */
export interface Gate {
  /** Activates everything now allowed (call after each decision). */
  refresh(): Promise<void>;
  /**
   * Supplies the config and the owner once known. Until then every cross-origin script, iframe
   * and image inserted by page code is held, and released (or kept) once the config says.
   */
  configure(config: SiteConfig, host: GateHost): void;
  destroy(): void;
}

const SELECTOR = 'script[type="text/plain"][data-assent-category],iframe[data-assent-category],img[data-assent-category]';
const isCategory = (c: string | null): c is OptionalCategory => OPTIONAL_CATEGORIES.includes(c as OptionalCategory);

/** Creates the gate and installs the dynamic-insertion guard at once. */
export function createGate(win: Window & typeof globalThis): Gate {
  const doc = win.document;
  let config: SiteConfig | undefined;
  let host: GateHost | undefined;
  const detached = new Set<Element>();
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
  // Held elements outside the document are found here on refresh; the others by the selector.
  const removeGuard = installGuard(win, blocked, (el) => el.isConnected || detached.add(el));
  let removeNetworkGuard = () => {};

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
    detached.delete(el);
    placeholders.get(el)?.remove();
    activateMedia(el as HTMLIFrameElement | HTMLImageElement);
  };

  async function refresh(): Promise<void> {
    const scripts: HTMLScriptElement[] = [];
    for (const el of [...doc.querySelectorAll(SELECTOR), ...detached]) {
      if (el.hasAttribute(ACTIVE)) continue;
      const ok = allowed(el);
      if (el.localName === 'script') {
        if (ok) scripts.push(el as HTMLScriptElement);
      } else if (!ok) {
        const category = el.getAttribute(CATEGORY);
        if (el.isConnected && config && isCategory(category) && !placeholders.has(el)) {
          const ph = host?.placeholder(el as HTMLElement, category, () => release(el));
          if (ph) placeholders.set(el, ph);
        }
      } else if (el.hasAttribute('data-src') || el.hasAttribute('data-srcset')) release(el);
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
      // A second owner (the script tag's engine taking over from its fast path) keeps the one guard.
      removeNetworkGuard();
      removeNetworkGuard = c.gate.interceptNetwork ? installNetworkGuard(win, blocked) : () => {};
      void refresh();
    },
    destroy() {
      doc.removeEventListener('DOMContentLoaded', refresh);
      removeGuard();
      removeNetworkGuard();
    },
  };
}
