/**
 * Holds dynamic insertions: a script, iframe or image that page code or a tag manager adds after
 * load, aimed at a host a configured service lists, is neutralised before the browser sees its
 * URL and activated later by the gate like any static placeholder.
 *
 * Caught: `appendChild`, `insertBefore`, `replaceChild`, `append`, `prepend`, `before`, `after`,
 * `replaceWith`, `insertAdjacentElement`, HTML parsed through `innerHTML`, `outerHTML` and
 * `insertAdjacentHTML`, `setAttribute('src')` (and `setAttributeNS` without a namespace) and the
 * `src` property of scripts, iframes and connected images, whatever the URL's spelling. With
 * `interceptNetwork`: `new Image()` sources, `fetch`, `XMLHttpRequest` and `navigator.sendBeacon`
 * too. Not caught: `document.write` during load, CSS `url()`,
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
type Restore = Array<() => void>;

const MEDIA = 'script[src],iframe[src],img[src],img[srcset]';

// Images not yet in the document load at once; they are held only with `interceptNetwork`.
let detachedImages = false;

const firstUrl = (srcset: string | null | undefined) => srcset?.trim().split(/[\s,]/)[0];

/** Replaces a method (or, with `key` `set`, a setter) on an object; the restorers undo it. */
const patcher =
  (restore: Restore) =>
  (target: object, name: string, wrap: (orig: Function) => Function, key: 'value' | 'set' = 'value'): void => {
    const desc = Object.getOwnPropertyDescriptor(target, name);
    if (typeof desc?.[key] !== 'function') return;
    Object.defineProperty(target, name, { ...desc, [key]: wrap(desc[key]) });
    restore.push(() => Object.defineProperty(target, name, desc));
  };

const undo = (restore: Restore) => () => restore.splice(0).reverse().forEach((f) => f());

/**
 * Installs the guard on a window: `blocked` says who holds a URL that may not load now, `held`
 * hears of every element held, so the gate can release it later. Returns a function that
 * restores every patched method.
 */
export function installGuard(win: Win, blocked: Blocked, held: (el: Element) => void): () => void {
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
   * Holds every blocked element in an inserted node; `scripts` false skips scripts (parsed HTML
   * never runs them). Returns whether it held any.
   */
  const holdTree = (node: unknown, scripts: boolean): boolean => {
    let any = false;
    const visit = (el: Element) => {
      const name = el.localName;
      if (name !== 'script' || (scripts && el.getAttribute('type') !== 'text/plain'))
        any = hold(el, el.getAttribute('src') ?? (name === 'img' ? firstUrl(el.getAttribute('srcset')) : undefined)) || any;
    };
    if (node instanceof Element && node.matches(MEDIA)) visit(node);
    if (node instanceof Element || node instanceof DocumentFragment) node.querySelectorAll(MEDIA).forEach(visit);
    return any;
  };

  // Insertion methods: inspect every node argument before the browser connects it. The first
  // three live on Node.prototype, the others on Element.prototype; `patch` skips what is absent.
  const inserting = (orig: Function) =>
    function (this: Node, ...args: unknown[]) {
      for (const a of args) holdTree(a, true);
      return orig.apply(this, args);
    };
  for (const target of [win.Node.prototype, proto])
    for (const name of ['appendChild', 'insertBefore', 'replaceChild', 'append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement'])
      patch(target, name, inserting);

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

/**
 * With `gate.interceptNetwork`: refuses `fetch`, `XMLHttpRequest` and `navigator.sendBeacon`
 * toward blocked hosts, and holds `new Image()` sources that are not yet in the document.
 */
export function installNetworkGuard(win: Win, blocked: Blocked): () => void {
  const restore: Restore = [() => (detachedImages = false)];
  const patch = patcher(restore);
  detachedImages = true;
  patch(win, 'fetch', (orig) =>
    function (input: RequestInfo | URL, init?: RequestInit) {
      const hit = blocked(input instanceof Request ? input.url : String(input));
      return hit ? Promise.reject(new TypeError(`[assent] blocked until "${hit.category}" is granted`)) : orig.call(win, input, init);
    });
  const urls = new WeakMap<XMLHttpRequest, string>();
  const xhr = win.XMLHttpRequest.prototype;
  patch(xhr, 'open', (orig) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, String(args[1]));
      return orig.apply(this, args);
    });
  patch(xhr, 'send', (orig) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      if (!blocked(urls.get(this) ?? '')) return orig.apply(this, args);
      // Fail like a network error would, without the request leaving the page.
      setTimeout(() => ['error', 'loadend'].forEach((t) => this.dispatchEvent(new win.ProgressEvent(t))));
    });
  patch(win.Navigator.prototype, 'sendBeacon', (orig) =>
    function (this: Navigator, url: string, data?: BodyInit) {
      return !blocked(String(url)) && orig.call(this, url, data);
    });
  return undo(restore);
}
