/**
 * Turns held elements into live ones. Scripts are recreated (a parsed `text/plain` script never
 * runs, even with its type changed) with every attribute and the nonce, in the order given: consecutive external
 * scripts load in parallel but execute in order (`async = false`), and an inline script waits
 * for the external ones before it.
 */

/** Marks an element Assent has activated, so it is never activated twice. */
export const ACTIVE = 'data-assent-active';
/** The category and service a gated element waits for. */
export const CATEGORY = 'data-assent-category';
export const SERVICE = 'data-assent-service';

/**
 * A runnable copy of a held script: a clone keeps every attribute, the text and the nonce
 * (browsers hide the nonce attribute after parsing, but cloning copies the nonce itself), and
 * unlike the held element it runs once inserted.
 */
function cloneScript(held: HTMLScriptElement): HTMLScriptElement {
  const s = held.cloneNode(true) as HTMLScriptElement;
  const type = held.getAttribute('data-assent-type');
  if (type) s.type = type;
  else s.removeAttribute('type');
  s.setAttribute(ACTIVE, '');
  if (s.src) s.async = false;
  return s;
}

/**
 * Settles when the script has run or failed to load, or after 10 s: a vendor host that never
 * answers must not hold back every later release (the browser still runs ordered scripts in order).
 */
const loaded = (s: HTMLScriptElement) =>
  new Promise((resolve) => {
    s.addEventListener('load', resolve);
    s.addEventListener('error', resolve);
    setTimeout(resolve, 10_000);
  });

/** Activates scripts in order; resolves when the last has run. */
export async function activateScripts(scripts: HTMLScriptElement[]): Promise<void> {
  let pending: Promise<unknown>[] = [];
  for (const held of scripts) {
    if (!held.isConnected) continue;
    const live = cloneScript(held);
    if (!live.src && pending.length) {
      await Promise.all(pending);
      pending = [];
      if (!held.isConnected) continue;
    }
    held.replaceWith(live);
    if (live.src) pending.push(loaded(live));
  }
  await Promise.all(pending);
}

/** Gives an iframe or image its real source (`srcset` first, so the browser picks from it). */
export function activateMedia(el: HTMLIFrameElement | HTMLImageElement): void {
  // Marked first: the guard lets an active element's sources through.
  el.setAttribute(ACTIVE, '');
  for (const a of ['srcset', 'src']) {
    const v = el.getAttribute(`data-${a}`);
    if (v) el.setAttribute(a, v);
  }
  el.hidden = false;
}
