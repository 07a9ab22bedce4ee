/**
 * The script-tag entry (`assent.js`): reads its own `data-assent-*` attributes, installs the
 * gate at once (before the config arrives, cross-origin insertions are held), boots the core as
 * `window.Assent`, mounts the footer widget, and fetches the UI bundle only when the visitor must
 * decide or opens a view. Any failure leaves every gated tag blocked.
 */
import { createConsent } from '../consent.js';
import { createGate } from '../gate/index.js';
import type { SiteConfigInput } from '../config/types.js';
import type { Consent, UIView } from '../types.js';
import { mountWidget } from './widget.js';

interface UIModule {
  mountUI(consent: Consent, options: { view: UIView; nonce?: string }): { open(view: UIView): void };
}
type AssentWindow = Window & typeof globalThis & { Assent?: Consent | Array<(a: Consent) => void>; AssentUI?: UIModule };

const win = window as AssentWindow;
const doc = document;
const script = (doc.currentScript ?? doc.querySelector('script[data-assent-config]')) as HTMLScriptElement | null;
const attr = (name: string) => script?.getAttribute(`data-assent-${name}`) ?? null;
const nonce = script?.nonce || undefined;
const fire = (name: string, detail: unknown) => doc.dispatchEvent(new CustomEvent(`assent:${name}`, { detail }));

async function loadConfig(): Promise<SiteConfigInput> {
  const src = attr('config');
  if (!src) throw new Error('data-assent-config is missing');
  if (src.trim().startsWith('{')) return JSON.parse(src) as SiteConfigInput;
  const res = await fetch(new URL(src, doc.baseURI), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`config ${src} answered ${res.status}`);
  return (await res.json()) as SiteConfigInput;
}

function uiLoader(consent: Consent): (view: UIView) => void {
  let ui: Promise<UIModule> | undefined;
  const src = new URL(consent.config.ui.src ?? attr('ui') ?? 'assent-ui.js', script?.src || doc.baseURI).href;
  let handle: { open(view: UIView): void } | undefined;
  return (view) => {
    if (handle) return; // the mounted UI listens to `open` itself
    ui ??= new Promise<UIModule>((resolve, reject) => {
      const s = doc.createElement('script');
      s.src = src;
      if (nonce) s.nonce = nonce;
      s.onload = () => (win.AssentUI ? resolve(win.AssentUI) : reject(new Error('assent-ui.js did not define AssentUI')));
      s.onerror = () => reject(new Error(`could not load ${src}`));
      doc.head.append(s);
    });
    ui.then(
      (m) => (handle = m.mountUI(consent, { view, nonce })),
      (err: Error) => console.error(`[assent] ${err.message}`),
    );
  };
}

// The gate goes in before anything else: while the config loads, every cross-origin script,
// iframe and image that page code inserts is held, then released or kept once the config says.
const gate = createGate(win);

async function boot(): Promise<void> {
  const config = await loadConfig();
  const regionAttr = attr('region');
  const consent = createConsent(config, {
    ...(regionAttr !== null && { region: regionAttr, regionSource: 'attribute' as const }),
    source: 'website',
    gate,
  });
  // Page code that ran before this async script may have queued callbacks: `(window.Assent ||= []).push(fn)`.
  const queued = win.Assent;
  win.Assent = consent;
  const showUI = uiLoader(consent);
  consent.on('open', ({ view }) => showUI(view));
  consent.on('change', (d) => fire('change', d));
  consent.on('withdraw', (d) => fire('withdraw', d));
  doc.addEventListener('click', (e) => {
    const opener = (e.target as Element | null)?.closest?.('[data-assent-open]');
    if (!opener) return;
    e.preventDefault();
    const view = opener.getAttribute('data-assent-open');
    consent.open(view === 'privacy-choices' ? view : 'preferences');
  });
  const widget = () => mountWidget(consent);
  if (doc.body) widget();
  else doc.addEventListener('DOMContentLoaded', widget, { once: true });
  await consent.ready;
  if (Array.isArray(queued)) for (const fn of queued) if (typeof fn === 'function') fn(consent);
  fire('ready', { decisions: consent.get(), needsDecision: consent.needsDecision });
  if (consent.needsDecision) showUI('banner');
}

boot().catch((err: Error) => console.error(`[assent] not started, every gated tag stays blocked: ${err.message}`));
