/**
 * The tag gate: nothing but `necessary` runs, loads or sets cookies before its category (and
 * service) is granted. Static placeholders are activated on grant, dynamic insertions to service
 * hosts are held, and a withdrawal deletes the category's cookies.
 */
import type { SiteConfig } from '../config/types.js';
import { OPTIONAL_CATEGORIES, type OptionalCategory } from '../schema/receipt.js';
import { ACTIVE, activateMedia, activateScripts } from './activate.js';
import { installGuard, installNetworkGuard } from './guard.js';
import { serviceForUrl } from './hosts.js';
import type { PlaceholderActions } from './placeholder.js';

export { deleteServiceCookies } from './cookies.js';

/** What the gate asks its owner. */
export interface GateHost {
  allows(category: OptionalCategory, serviceId?: string): boolean;
  /** "Allow <category>" on a placeholder: the visitor grants the category. */
  grant(category: OptionalCategory): void;
  /**
   * Draws the stand-in for a blocked embed, or returns `undefined` when it cannot yet (the
   * script tag's fast path has no labels; it loads the engine, whose refresh draws it).
   */
  placeholder(provider: string, category: OptionalCategory, on: PlaceholderActions): HTMLElement | undefined;
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
  /** Asks the current owner to grant a category (a placeholder's "Allow" button). */
  grant(category: OptionalCategory): void;
  destroy(): void;
}

const SELECTOR = 'script[type="text/plain"][data-assent-category],iframe[data-assent-category],img[data-assent-category]';
const CATEGORY = 'data-assent-category';
const SERVICE = 'data-assent-service';
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
    const msg = `[assent] unknown ${what} "${name}" on a gated element; it stays blocked`;
    if (!warned.has(msg)) console.warn(msg);
    warned.add(msg);
    return false;
  };
  const serviceOf = (url: string | null) => serviceForUrl(url, doc.baseURI, config!.services);

  /** Cheap pre-check before parsing URLs: does the text name a service host at all? */
  function mentions(text: string): boolean {
    // Before the config arrives any absolute URL may be third-party.
    if (!config) return /(?:https?:)?\/\//i.test(text);
    const lower = text.toLowerCase();
    return config.services.some((s) => s.hosts.some((h) => lower.includes(h.replace(/^\*\./, '').split(':')[0]!)));
  }

  const classifier = {
    blocked(url: string) {
      if (!mentions(url)) return undefined;
      if (!config) {
        // Before the config arrives every cross-origin URL is suspect: hold it, decide later.
        try {
          const u = new URL(url, doc.baseURI);
          return u.origin !== win.location.origin && /^https?:$/.test(u.protocol) ? { id: '', category: 'pending' } : undefined;
        } catch {
          return undefined;
        }
      }
      const svc = serviceOf(url);
      return svc && !host?.allows(svc.category, svc.id) ? svc : undefined;
    },
    held(el: Element) {
      if (!el.isConnected) detached.add(el);
    },
    mentions,
  };
  const removeGuard = installGuard(win, classifier);
  let removeNetworkGuard = () => {};

  /** Whether a held element may run now; re-classifies elements held before the config came. */
  function allowed(el: Element): boolean {
    let category = el.getAttribute(CATEGORY);
    let service = el.getAttribute(SERVICE) || undefined;
    if (category === 'pending' && config) {
      const svc = serviceOf(el.getAttribute('src') ?? el.getAttribute('data-src'));
      if (!svc) return true;
      el.setAttribute(CATEGORY, (category = svc.category));
      el.setAttribute(SERVICE, (service = svc.id));
    }
    if (!isCategory(category)) return category !== 'pending' && unknown('category', category);
    if (service && config && !config.services.some((s) => s.id === service)) return unknown('service', service);
    return !!host?.allows(category, service);
  }

  let running: Promise<void> = Promise.resolve();

  async function refresh(): Promise<void> {
    const scripts: HTMLScriptElement[] = [];
    for (const el of [...doc.querySelectorAll(SELECTOR), ...detached]) {
      if (el.hasAttribute(ACTIVE)) continue;
      const ok = allowed(el);
      if (el.localName === 'script') {
        if (ok) scripts.push(el as HTMLScriptElement);
      } else if (!ok) {
        if (el.isConnected && config) ensurePlaceholder(el as HTMLElement);
      } else if (el.hasAttribute('data-src') || el.hasAttribute('data-srcset')) {
        detached.delete(el);
        placeholders.get(el)?.remove();
        activateMedia(el as HTMLIFrameElement | HTMLImageElement);
      }
    }
    // Scripts activate one batch at a time so a later refresh never overtakes an earlier one.
    return (running = running.then(() => activateScripts(doc, scripts)));
  }

  const placeholders = new WeakMap<Element, HTMLElement>();

  function ensurePlaceholder(el: HTMLElement): void {
    const category = el.getAttribute(CATEGORY);
    if (!isCategory(category) || placeholders.has(el) || el.getAttribute('data-assent-placeholder') === 'none') return;
    if (el.localName === 'img' && (el.getAttribute('width') === '1' || el.getAttribute('height') === '1')) return;
    let provider = config?.services.find((s) => s.id === el.getAttribute(SERVICE))?.provider;
    try {
      provider ??= new URL(el.getAttribute('data-src') ?? '', doc.baseURI).hostname;
    } catch {
      provider = '?';
    }
    const ph = host?.placeholder(provider, category, {
      loadOnce: () => {
        ph?.remove();
        placeholders.delete(el);
        activateMedia(el as HTMLIFrameElement | HTMLImageElement);
      },
      // The owner at click time: the script tag's engine may have taken over since.
      allow: () => host?.grant(category),
    });
    if (!ph) return;
    placeholders.set(el, ph);
    el.hidden = true;
    el.before(ph);
  }

  // Elements parsed after assent.js ran are found once the document is parsed.
  const onParsed = () => void refresh();
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', onParsed, { once: true });

  return {
    refresh,
    configure(c, h) {
      config = c;
      host = h;
      // A second owner (the script tag's engine taking over from its fast path) keeps the one guard.
      removeNetworkGuard();
      removeNetworkGuard = c.gate.interceptNetwork ? installNetworkGuard(win, classifier) : () => {};
      void refresh();
    },
    grant: (category) => host?.grant(category),
    destroy() {
      doc.removeEventListener('DOMContentLoaded', onParsed);
      removeGuard();
      removeNetworkGuard();
    },
  };
}
