/**
 * Holds dynamic insertions: a script, iframe or image that page code or a tag manager adds after
 * load, aimed at a host a configured service lists, is neutralised before the browser sees its
 * URL and activated later by the gate like any static placeholder.
 *
 * Caught: `appendChild`, `insertBefore`, `replaceChild`, `append`, `prepend`, `before`, `after`,
 * `replaceWith`, `insertAdjacentElement`, HTML parsed through `innerHTML`, `outerHTML` and
 * `insertAdjacentHTML`, `setAttribute('src')` (and `setAttributeNS` without a namespace) and the
 * `src` property of scripts, iframes and connected images, whatever the URL's spelling; while the
 * network is held (network.ts), `new Image()` sources too. Not caught: `document.write` during
 * load, CSS `url()`,
 * `<link rel=preload>`, WebSocket and workers (documented in the README).
 */
import { ACTIVE, CATEGORY, SERVICE } from './activate.js';

/** Who holds a URL: a configured service (its id and category), or `pending` before the config. */
export interface Holder {
  id: string;
  category: string;
}

/** The holder of a URL that may not load now (see `installGuard`), or `undefined`. */
export type Blocked = (url: string) => Holder | undefined;

type Win = Window & typeof globalThis;
export type Restore = Array<() => void>;

const MEDIA = 'script[src],iframe[src],img[src],img[srcset],script[data-assent-category],iframe[data-assent-category],img[data-assent-category]';

// Images not yet in the document load at once: they are held only while the network is held.
let detachedImages = false;
/** Holds (or stops holding) images given a source before they are in the document (`new Image()`). */
export const holdDetachedImages = (on: boolean) => void (detachedImages = on);

const firstUrl = (srcset: string | null | undefined) => srcset?.trim().split(/[\s,]/)[0];

/** Replaces a method (or, with `key` `set`, a setter) on an object; the restorers undo it. */
export const patcher =
  (restore: Restore) =>
  (target: object, name: string, wrap: (orig: Function) => Function, key: 'value' | 'set' = 'value'): void => {
    const desc = Object.getOwnPropertyDescriptor(target, name);
    if (typeof desc?.[key] !== 'function') return;
    Object.defineProperty(target, name, { ...desc, [key]: wrap(desc[key]) });
    restore.push(() => Object.defineProperty(target, name, desc));
  };

export const undo = (restore: Restore) => () => restore.splice(0).reverse().forEach((f) => f());

/**
 * Installs the guard on a window: `blocked` says who holds a URL that may not load now, `held`
 * hears of every element held (and of every held or gated element inserted again), so the gate
 * can release it when its grant comes, and `changed` of gated markup parsed from HTML. Returns a
 * function that restores every patched method.
 */
export function installGuard(win: Win, blocked: Blocked, held: (el: Element) => void, changed: () => void): () => void {
  const restore: Restore = [];
  const patch = patcher(restore);
  const proto = win.Element.prototype;
  // The unpatched attribute methods, so holding an element never re-enters the guard.
  const { setAttribute, removeAttribute } = proto;

  /**
   * Holds `el` when `url` is blocked: a script becomes `text/plain` (its original type kept in
   * `data-assent-type`); an iframe or image keeps its URL only in `data-src`/`data-srcset`.
   * `attr` and `value` are a source being set now. Returns true when held.
   */
  const hold = (el: Element, url: string | null | undefined, attr?: string, value?: string): boolean => {
    const hit = !el.hasAttribute(ACTIVE) && url && blocked(url);
    if (!hit) return false;
    const set = (name: string, v: string) => setAttribute.call(el, name, v);
    set(CATEGORY, hit.category);
    set(SERVICE, hit.id);
    if (el.localName === 'script') {
      const type = el.getAttribute('type');
      if (type && type !== 'text/plain') set('data-assent-type', type);
      set('type', 'text/plain');
      if (attr) set(attr, value!);
    } else
      for (const a of ['src', 'srcset']) {
        const v = a === attr ? value! : el.getAttribute(a);
        if (v === null) continue;
        set(`data-${a}`, v);
        removeAttribute.call(el, a);
      }
    held(el);
    return true;
  };

  /**
   * Holds every blocked element in an inserted node; `scripts` false means parsed HTML (whose
   * scripts never run, and whose elements are copies). Returns whether it held any.
   */
  const holdTree = (node: unknown, scripts: boolean): boolean => {
    let any = false;
    const visit = (el: Element) => {
      const name = el.localName;
      // Held before (say, given its source while outside the document) or gated in its markup:
      // the gate decides again once it is in, so a grant that came meanwhile releases it.
      if (el.hasAttribute(CATEGORY) && !el.hasAttribute(ACTIVE)) return scripts ? held(el) : changed();
      if (name !== 'script' || (scripts && el.getAttribute('type') !== 'text/plain'))
        any = hold(el, el.getAttribute('src') ?? (name === 'img' ? firstUrl(el.getAttribute('srcset')) : undefined)) || any;
    };
    // Most insertions are a text node or an element with no element inside: no selector runs then.
    if (node instanceof Element && /^(?:script|iframe|img)$/.test(node.localName) && node.matches(MEDIA)) visit(node);
    if ((node instanceof Element || node instanceof DocumentFragment) && node.firstElementChild) node.querySelectorAll(MEDIA).forEach(visit);
    return any;
  };

  // Insertion methods: inspect every node argument before the browser connects it. The first
  // three live on Node.prototype, the others on Element.prototype; `patch` skips what is absent.
  // `insertBefore(node, child)` and `replaceChild(node, child)` insert only their first argument:
  // the second is a node already in place (say, the running tag manager a vendor script is put
  // before), which must not be touched. The others insert every node they are given.
  const inserting = (only?: 1) => (orig: Function) =>
    function (this: Node, ...args: unknown[]) {
      for (const a of only ? args.slice(0, 1) : args) holdTree(a, true);
      return orig.apply(this, args);
    };
  for (const target of [win.Node.prototype, proto])
    for (const name of ['appendChild', 'insertBefore', 'replaceChild', 'append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement'])
      patch(target, name, inserting(name === 'insertBefore' || name === 'replaceChild' ? 1 : undefined));

  // Parsed HTML with an iframe or image: parse into an inert template (the patched setter passes
  // a template's HTML through as it is), hold what it contains, then insert that. Any such HTML:
  // what a URL's text says (entities, percent-encoding, line breaks) is not what it loads.
  const sanitize = (html: unknown): unknown => {
    if (typeof html !== 'string' || !/<(?:iframe|img)/i.test(html)) return html;
    const t = win.document.createElement('template');
    t.innerHTML = html;
    // Nothing held: the HTML as given (no serializing what needs no change).
    return holdTree(t.content, false) ? t.innerHTML : html;
  };
  for (const name of ['innerHTML', 'outerHTML'])
    patch(
      proto,
      name,
      (set) =>
        function (this: Element, v: unknown) {
          set.call(this, this instanceof win.HTMLTemplateElement ? v : sanitize(v));
        },
      'set',
    );
  patch(proto, 'insertAdjacentHTML', (orig) =>
    function (this: Element, pos: string, html: unknown) {
      return orig.call(this, pos, sanitize(html));
    });

  // Late sources on existing elements: decide before the browser sees the URL. The other
  // routes below come here: the `src`/`srcset` properties reflect the attribute, and without a
  // namespace setAttributeNS sets the element's own attribute.
  patch(proto, 'setAttribute', (orig) =>
    function (this: Element, name: string, value: string) {
      const n = String(name).toLowerCase();
      const v = String(value);
      const tag = this.localName;
      if (
        (n === 'src' || n === 'srcset') &&
        /^(?:script|iframe|img)$/.test(tag) &&
        (tag !== 'img' || this.isConnected || detachedImages) &&
        hold(this, n === 'src' ? v : firstUrl(v), n, v)
      )
        return;
      return orig.call(this, name, value);
    });
  patch(proto, 'setAttributeNS', (orig) =>
    function (this: Element, ns: string | null, name: string, value: string) {
      return !ns && /^src(?:set)?$/.test(name) ? this.setAttribute(name, value) : orig.call(this, ns, name, value);
    });
  for (const ctor of [win.HTMLScriptElement, win.HTMLIFrameElement, win.HTMLImageElement])
    for (const prop of ['src', 'srcset'])
      patch(
        ctor.prototype,
        prop,
        () =>
          function (this: Element, v: string) {
            this.setAttribute(prop, v);
          },
        'set',
      );

  return undo(restore);
}
