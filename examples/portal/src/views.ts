/** The Portal's screens, built as plain DOM from the app state. */
import type { Consent } from '@assent/sdk';
import type { ActiveLinks, LinkOutcome, PortalSession } from './api.js';
import type { PortalAnalytics } from './analytics.js';
import { h } from './dom.js';

export interface AppState {
  /** The email being typed, kept across re-renders. */
  email: string;
  session: PortalSession | null;
  link: LinkOutcome | null;
  active: ActiveLinks | null;
  busy: boolean;
  error: string | null;
}

export interface Actions {
  login(email: string): void;
  logout(): void;
  relink(): void;
  manageConsent(): void;
}

/** Why a link was refused, in words a Portal user understands. */
const REASONS: Record<string, string> = {
  consent_required: 'you have not accepted analytics cookies, so your website and Portal activity stay separate.',
  consent_expired: 'your consent has expired; you will be asked again on the website.',
  policy_outdated: 'the cookie policy changed since you decided; please review your choices.',
  subject_unknown: 'we have no consent record for this browser yet.',
};

export function loginView(state: AppState, actions: Actions): HTMLElement {
  const input = h('input', {
    id: 'email',
    type: 'email',
    name: 'email',
    required: true,
    autocomplete: 'email',
    oninput: (e: Event) => {
      state.email = (e.target as HTMLInputElement).value;
    },
  });
  input.value = state.email;
  const form = h(
    'form',
    {
      className: 'card login',
      'aria-labelledby': 'login-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        actions.login(input.value);
      },
    },
    h('h1', { id: 'login-title' }, 'Log in to the Portal'),
    h('p', { className: 'hint' }, 'Demo login: any email address works, there is no password.'),
    h('label', { for: 'email' }, 'Email'),
    input,
    h('button', { id: 'login-submit', type: 'submit', className: 'button', disabled: state.busy }, state.busy ? 'Logging in…' : 'Log in'),
    state.error ? h('p', { role: 'alert', className: 'error' }, state.error) : null,
  );
  return form;
}

function linkStatus(link: LinkOutcome | null): HTMLElement {
  if (!link) return h('p', {}, 'No link attempt yet.');
  if (link.status === 'linked') {
    const key = typeof link.link.joinKey === 'string' ? link.link.joinKey : null;
    return h(
      'div',
      {},
      h('p', { className: 'status status--ok' }, 'Linked: your website analytics are merged with your Portal activity, because you accepted analytics cookies.'),
      key ? h('p', { className: 'mono' }, `Pseudonymous join key: ${key}`) : null,
    );
  }
  if (link.status === 'refused') {
    return h('p', { className: 'status status--no' }, `Not linked (${link.reason}): ${REASONS[link.reason] ?? 'server-sync refused the link.'}`);
  }
  return h('p', { className: 'status status--error', role: 'alert' }, `Link check failed: ${link.message}`);
}

function activeLinks(active: ActiveLinks | null): HTMLElement {
  if (!active) return h('p', {}, 'Checking active links…');
  if (active.error) return h('p', {}, `Active links unavailable: ${active.error}`);
  const n = active.links?.length ?? 0;
  return h('p', {}, `Active links for this account: ${n}`);
}

function consentSummary(consent: Consent): HTMLElement {
  const d = consent.get();
  const rows = (['functional', 'analytics', 'advertising'] as const).map((c) =>
    h('li', {}, h('span', {}, c), h('strong', { className: d[c] ? 'granted' : 'refused' }, d[c] ? 'granted' : 'refused')),
  );
  return h('ul', { className: 'decisions' }, ...rows);
}

function analyticsStatus(analytics: PortalAnalytics): HTMLElement {
  return h(
    'p',
    {},
    analytics.running
      ? `Portal analytics: running (${analytics.hits} event${analytics.hits === 1 ? '' : 's'} sent).`
      : 'Portal analytics: stopped (analytics cookies not granted).',
  );
}

export function dashboardView(state: AppState, actions: Actions, consent: Consent, analytics: PortalAnalytics): HTMLElement {
  const session = state.session!;
  return h(
    'div',
    { className: 'dashboard' },
    h('div', { className: 'dashboard__head' },
      h('h1', {}, `Welcome, ${session.email}`),
      h('button', { id: 'logout', type: 'button', className: 'button button--ghost', onclick: () => actions.logout() }, 'Log out'),
    ),
    h('p', { className: 'mono' }, `Account ${session.accountId}`),
    h('section', { className: 'card', 'aria-labelledby': 'link-title' },
      h('h2', { id: 'link-title' }, 'Website analytics link'),
      h('div', { role: 'status', id: 'link-status' }, linkStatus(state.link)),
      activeLinks(state.active),
      h('button', { id: 'relink', type: 'button', className: 'button button--ghost', onclick: () => actions.relink() }, 'Check link again'),
    ),
    h('section', { className: 'card', 'aria-labelledby': 'consent-title' },
      h('h2', { id: 'consent-title' }, 'Your cookie choices'),
      h('p', {}, 'The same choices as on the website: one decision for both.'),
      consentSummary(consent),
      analyticsStatus(analytics),
      h('button', { id: 'manage-consent', type: 'button', className: 'button', onclick: () => actions.manageConsent() }, 'Manage consent'),
    ),
  );
}
