/**
 * The Portal demo app: an npm integration of Assent. It builds its consent instance from the
 * same site config as the marketing site, so the shared cookie carries one decision for both;
 * the banner appears only when that decision is missing or outdated.
 */
import { createConsent, type Consent, type SiteConfigInput } from '@assent/sdk';
import { mountUI } from '@assent/banner-ui';
import { portalApi } from './api.js';
import { createPortalAnalytics } from './analytics.js';
import { mountWidget } from '@assent/sdk/widget';
import { dashboardView, loginView, type Actions, type AppState } from './views.js';

interface Boot {
  region: string | null;
  marketingUrl: string;
  analyticsUrl: string;
}

/** Wait before re-asking server-sync after a change, so the new receipt has been delivered. */
const RECEIPT_SETTLE_MS = 1500;
const LINK_POLL_MS = 3000;

function readBoot(): Boot {
  const raw = document.getElementById('portal-boot')?.textContent ?? '{}';
  return JSON.parse(raw) as Boot;
}

/** The CSP nonce of this page, so the banner UI can add its styles under a strict policy. */
function pageNonce(): string | undefined {
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
}

function wireUI(consent: Consent): void {
  mountWidget(consent);
  // Shows the first layer only if this visitor must decide; afterwards the UI follows every
  // `consent.open(view)` ("Cookie settings", "Manage consent").
  mountUI(consent, { view: 'banner', nonce: pageNonce() });
}

async function start(root: HTMLElement): Promise<void> {
  const boot = readBoot();
  const config = (await (await fetch('/site.json')).json()) as SiteConfigInput;
  const consent = createConsent(config, {
    ...(boot.region ? { region: boot.region, regionSource: 'attribute' as const } : {}),
    source: 'portal',
  });
  await consent.ready;
  wireUI(consent);

  // Portal analytics runs only while analytics is granted, and stops the moment it is withdrawn.
  const analytics = createPortalAnalytics(boot.analyticsUrl);
  let cancelStart = consent.whenGranted('analytics', () => analytics.start());
  consent.onWithdraw('analytics', () => {
    analytics.stop();
    cancelStart();
    cancelStart = consent.whenGranted('analytics', () => analytics.start());
  });

  const state: AppState = { email: '', session: null, link: null, active: null, busy: false, error: null };
  let shown = '';
  const render = () => {
    // Re-render only when something visible changed, and keep keyboard focus where it was:
    // the link status is polled, and a poll must not pull focus away from the visitor.
    const signature = JSON.stringify([state.session, state.link, state.active, state.busy, state.error, consent.get(), analytics.running, analytics.hits]);
    if (signature === shown) return;
    shown = signature;
    const focused = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement.id : '';
    root.replaceChildren(state.session ? dashboardView(state, actions, consent, analytics) : loginView(state, actions));
    if (focused) document.getElementById(focused)?.focus();
  };
  const refreshLinks = async () => {
    if (!state.session) return;
    state.active = await portalApi.activeLinks().catch((e: Error) => ({ error: e.message }));
    render();
  };
  const relink = async () => {
    if (!state.session) return;
    state.link = await portalApi.relink().catch((e: Error) => ({ status: 'error' as const, message: e.message }));
    await refreshLinks();
  };

  const actions: Actions = {
    login(email) {
      state.busy = true;
      state.error = null;
      render();
      portalApi
        .login(email)
        .then(({ session, link }) => {
          state.session = session;
          state.link = link;
          analytics.track('login');
          return refreshLinks();
        })
        .catch((e: Error) => {
          state.error = e.message;
        })
        .finally(() => {
          state.busy = false;
          render();
        });
    },
    logout() {
      void portalApi.logout().finally(() => {
        state.session = null;
        state.link = null;
        state.active = null;
        render();
      });
    },
    relink: () => void relink(),
    manageConsent: () => consent.open('preferences'),
  };

  analytics.onChange(render);
  consent.on('change', ({ decisions, previous }) => {
    render();
    if (decisions.analytics !== previous.analytics) setTimeout(() => void relink(), RECEIPT_SETTLE_MS);
  });
  setInterval(() => void refreshLinks(), LINK_POLL_MS);

  const existing = await portalApi.session().catch(() => null);
  if (existing) {
    state.session = existing;
    state.link = existing.lastLink;
    await refreshLinks();
  }
  render();
  analytics.track('page_view');
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((err: Error) => {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `The Portal could not start: ${err.message}`;
    root.replaceChildren(p);
  });
}
