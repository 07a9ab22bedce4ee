/**
 * Holds dynamic insertions: a script, iframe or image that page code or a tag manager adds after
 * load, aimed at a host a configured service lists, is neutralised before the browser sees its
 * URL and activated later by the gate like any static placeholder.
 *
 * Caught: `appendChild`, `insertBefore`, `replaceChild`, `append`, `prepend`, `before`, `after`,
 * `replaceWith`, `insertAdjacentElement`, HTML parsed through `innerHTML`, `outerHTML` and
 * `insertAdjacentHTML`, `setAttribute('src')` and the `src` property of scripts, iframes and
 * connected images. With `interceptNetwork`: `new Image()` sources, `fetch`, `XMLHttpRequest`
 * and `navigator.sendBeacon` too. Not caught: `document.write` during load, CSS `url()`,
 * `<link rel=preload>`, WebSocket and workers (documented in the README).
 */
import { ACTIVE } from './activate.js';

/** How the guard asks whether a URL may load now. */
export interface Classifier {
  /** The service id and category that own the URL, if it is gated and not allowed now. */
  blocked(url: string): { service: string; category: string } | undefined;
  /** Called when an element was held, so the gate can release it later. */
  held(el: Element): void;
  /** Cheap pre-check: could this HTML reference a blocked host at all? */
  mentions(html: string): boolean;
}

const MEDIA = 'script[src],iframe[src],img[src],img[srcset]';
const MEDIA_TAG = /^(?:script|iframe|img)$/;
type Proto = Record<string, unknown>;
type Hit = { service: string; category: string };

// The unpatched attribute methods, so holding an element never re-enters the guard. Captured
// when the guard is installed, never at import (the module must load without a DOM).
let setAttr: Element['setAttribute'] | undefined;
let removeAttr: Element['removeAttribute'] | undefined;

// Images not yet in the document load at once; they are held only with `interceptNetwork`.
let detachedImages = false;

const firstUrl = (srcset: string | null | undefined) => srcset?.trim().split(/[\s,]/)[0];

/**
 * Marks an element as held by its service: a script becomes `text/plain` (its original type is
 * kept in `data-assent-type`); an iframe or image keeps its URL only in `data-src`/`data-srcset`.
 */
function mark(el: Element, hit: Hit, attr?: string, value?: string): void {
  setAttr ??= Element.prototype.setAttribute;
  removeAttr ??= Element.prototype.removeAttribute;
  setAttr.call(el, 'data-assent-category', hit.category);
  setAttr.call(el, 'data-assent-service', hit.service);
  if (el.localName === 'script') {
    const type = el.getAttribute('type');
    if (type && type !== 'text/plain') setAttr.call(el, 'data-assent-type', type);
    setAttr.call(el, 'type', 'text/plain');
    if (attr) setAttr.call(el, attr, value!);
    return;
  }
  for (const a of ['src', 'srcset']) {
    const v = a === attr ? value! : el.getAttribute(a);
    if (v === null) continue;
    setAttr.call(el, `data-${a}`, v);
    removeAttr.call(el, a);
  }
}

/** Neutralises one element if its URL is blocked. Returns true when it was held. */
export function holdElement(el: Element, c: Classifier): boolean {
  if (el.hasAttribute(ACTIVE) || (el.localName === 'script' && el.getAttribute('type') === 'text/plain')) return false;
  const url = el.getAttribute('src') ?? (el.localName === 'img' ? firstUrl(el.getAttribute('srcset')) : undefined);
  const hit = url && c.blocked(url);
  if (!hit) return false;
  mark(el, hit);
  c.held(el);
  return true;
}

function holdTree(node: unknown, c: Classifier, scripts: boolean): void {
  if (!(node instanceof Node)) return;
  const visit = (el: Element) => (scripts || el.localName !== 'script') && holdElement(el, c);
  if (node instanceof Element && node.matches(MEDIA)) visit(node);
  if (node instanceof Element || node instanceof DocumentFragment) node.querySelectorAll(MEDIA).forEach(visit);
}

/**
 * Installs the guard on a window. Returns a function that restores every patched method.
 */
/** Replaces a method on a prototype; the returned restorers undo it. */
function patcher(restore: Array<() => void>) {
  return (proto: object, name: string, wrap: (orig: Function) => Function) => {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || typeof desc.value !== 'function') return;
    (proto as Proto)[name] = wrap(desc.value);
    restore.push(() => Object.defineProperty(proto, name, desc));
  };
}

const undo = (restore: Array<() => void>) => () => restore.splice(0).reverse().forEach((f) => f());

export function installGuard(win: Window & typeof globalThis, c: Classifier): () => void {
  const restore: Array<() => void> = [];
  setAttr = win.Element.prototype.setAttribute;
  removeAttr = win.Element.prototype.removeAttribute;
  const patch = patcher(restore);
  const patchSetter = (proto: object, name: string, wrap: (set: (v: unknown) => void) => (this: Element, v: unknown) => void) => {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc?.set) return;
    Object.defineProperty(proto, name, { ...desc, set: wrap(desc.set) });
    restore.push(() => Object.defineProperty(proto, name, desc));
  };

  // Insertion methods: inspect every node argument before the browser connects it.
  const inserting = (orig: Function) =>
    function (this: Node, ...args: unknown[]) {
      for (const a of args) holdTree(a, c, true);
      return orig.apply(this, args);
    };
  for (const name of ['appendChild', 'insertBefore', 'replaceChild']) patch(win.Node.prototype, name, inserting);
  for (const name of ['append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement'])
    patch(win.Element.prototype, name, inserting);

  // Parsed HTML: parse into an inert template, hold what it contains, then insert that.
  // Scripts parsed this way never run, so they are left as they are.
  const doc = win.document;
  const tplSet = Object.getOwnPropertyDescriptor(win.Element.prototype, 'innerHTML')?.set;
  const sanitize = (html: unknown): unknown => {
    if (typeof html !== 'string' || !tplSet || !/<(?:iframe|img)/i.test(html) || !c.mentions(html)) return html;
    const t = doc.createElement('template');
    tplSet.call(t, html);
    holdTree(t.content, c, false);
    return t.innerHTML;
  };
  for (const name of ['innerHTML', 'outerHTML'])
    patchSetter(win.Element.prototype, name, (set) => function (v) {
      set.call(this, this instanceof win.HTMLTemplateElement ? v : sanitize(v));
    });
  patch(win.Element.prototype, 'insertAdjacentHTML', (orig) =>
    function (this: Element, pos: string, html: unknown) {
      return orig.call(this, pos, sanitize(html));
    });

  // Late sources on existing elements: decide before the browser sees the URL.
  const late = (el: Element, attr: string, value: unknown): boolean => {
    if (!MEDIA_TAG.test(el.localName) || el.hasAttribute(ACTIVE)) return false;
    if (el.localName === 'img' && !el.isConnected && !detachedImages) return false;
    const v = String(value);
    const hit = c.blocked((attr === 'srcset' ? firstUrl(v) : v) ?? '');
    if (!hit) return false;
    mark(el, hit, attr, v);
    c.held(el);
    return true;
  };
  patch(win.Element.prototype, 'setAttribute', (orig) =>
    function (this: Element, name: string, value: string) {
      const n = String(name).toLowerCase();
      if ((n === 'src' || n === 'srcset') && late(this, n, value)) return;
      return orig.call(this, name, value);
    });
  for (const ctor of [win.HTMLScriptElement, win.HTMLIFrameElement, win.HTMLImageElement])
    for (const prop of ['src', 'srcset'])
      patchSetter(ctor.prototype, prop, (set) => function (v) {
        if (!late(this, prop, v)) set.call(this, v);
      });

  return undo(restore);
}

/**
 * With `gate.interceptNetwork`: refuses `fetch`, `XMLHttpRequest` and `navigator.sendBeacon`
 * toward blocked hosts, and holds `new Image()` sources that are not yet in the document.
 */
export function installNetworkGuard(win: Window & typeof globalThis, c: Classifier): () => void {
  const restore: Array<() => void> = [];
  const patch = patcher(restore);
  detachedImages = true;
  restore.push(() => (detachedImages = false));
  const refuse = (url: string) => c.blocked(url);
  const fetch0 = win.fetch;
  if (fetch0) {
    win.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      const url = input instanceof Request ? input.url : String(input);
      const hit = refuse(url);
      return hit ? Promise.reject(new TypeError(`[assent] blocked until "${hit.category}" is granted`)) : fetch0.call(win, input, init);
    } as typeof fetch;
    restore.push(() => (win.fetch = fetch0));
  }
  const urls = new WeakMap<XMLHttpRequest, string>();
  patch(win.XMLHttpRequest.prototype, 'open', (orig) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, String(args[1]));
      return orig.apply(this, args);
    });
  patch(win.XMLHttpRequest.prototype, 'send', (orig) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      if (!refuse(urls.get(this) ?? '')) return orig.apply(this, args);
      // Fail like a network error would, without the request leaving the page.
      setTimeout(() => ['error', 'loadend'].forEach((t) => this.dispatchEvent(new win.ProgressEvent(t))));
    });
  if ('sendBeacon' in win.navigator)
    patch(win.Navigator.prototype, 'sendBeacon', (orig) =>
      function (this: Navigator, url: string, data?: BodyInit) {
        return refuse(String(url)) ? false : orig.call(this, url, data);
      });
  return undo(restore);
}
