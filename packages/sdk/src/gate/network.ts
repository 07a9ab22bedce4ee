/**
 * The network hold: `fetch`, `XMLHttpRequest`, `navigator.sendBeacon` and `new Image()` sources
 * toward a host that may not be contacted now. While the config is still loading (a config URL),
 * every cross-origin call waits and is judged again once the config has arrived: it then goes, or
 * is refused like a network error. With `gate.interceptNetwork`, calls toward the hosts of services
 * not granted are refused from then on; without it, the hold ends with the wait.
 */
import { holdDetachedImages, patcher, undo, type Blocked, type Restore } from './guard.js';

type Win = Window & typeof globalThis;

/**
 * Installs the hold on a window. `blocked` says who holds a URL now (category `pending`: wait for
 * `settled`, then ask again); `settled` resolves once the config has arrived. Returns a function
 * that restores every patched method (calls already waiting are still judged when they resume).
 */
export function installNetworkGuard(win: Win, blocked: Blocked, settled: () => Promise<void>): () => void {
  const restore: Restore = [() => holdDetachedImages(false)];
  const patch = patcher(restore);
  holdDetachedImages(true);
  const refusal = (category: string) => new TypeError(`[assent] blocked until "${category}" is granted`);

  patch(win, 'fetch', (orig) =>
    function guarded(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const hit = blocked(input instanceof Request ? input.url : String(input));
      if (!hit) return orig.call(win, input, init);
      return hit.category === 'pending' ? settled().then(() => guarded(input, init)) : Promise.reject(refusal(hit.category));
    });

  const urls = new WeakMap<XMLHttpRequest, string>();
  const xhr = win.XMLHttpRequest.prototype;
  patch(xhr, 'open', (orig) =>
    function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, String(args[1]));
      return orig.apply(this, args);
    });
  patch(xhr, 'send', (orig) =>
    function guarded(this: XMLHttpRequest, ...args: unknown[]): void {
      const hit = blocked(urls.get(this) ?? '');
      if (!hit) return orig.apply(this, args);
      if (hit.category === 'pending') return void settled().then(() => guarded.apply(this, args));
      // Fail like a network error would, without the request leaving the page.
      setTimeout(() => ['error', 'loadend'].forEach((t) => this.dispatchEvent(new win.ProgressEvent(t))));
    });

  patch(win.Navigator.prototype, 'sendBeacon', (orig) =>
    function (this: Navigator, url: string, data?: BodyInit) {
      const hit = blocked(String(url));
      if (!hit) return orig.call(this, url, data);
      if (hit.category !== 'pending') return false;
      // Queued, as a beacon is: it leaves once the config says it may.
      void settled().then(() => !blocked(String(url)) && orig.call(this, url, data));
      return true;
    });
  return undo(restore);
}
