/** Typed calls to the Portal demo back end (examples/portal/server.mjs). */

/** What server-sync answered to a link attempt, as the back end reports it. */
export type LinkOutcome =
  | { status: 'linked'; link: Record<string, unknown> }
  | { status: 'refused'; reason: string; detail?: unknown }
  | { status: 'error'; message: string };

export interface PortalSession {
  email: string;
  accountId: string;
  lastLink: LinkOutcome | null;
}

export interface ActiveLinks {
  links?: Array<Record<string, unknown>>;
  error?: string;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${path} answered ${res.status}`);
  return body;
}

const post = (path: string, body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body ?? {}),
});

export const portalApi = {
  session: () => call<{ session: PortalSession | null }>('/api/session').then((r) => r.session),
  login: (email: string) => call<{ session: PortalSession; link: LinkOutcome }>('/api/login', post('/api/login', { email })),
  logout: () => call<{ session: null }>('/api/logout', post('/api/logout')),
  /** Tries the link again (after the visitor changed their consent). */
  relink: () => call<{ link: LinkOutcome }>('/api/link', post('/api/link')).then((r) => r.link),
  activeLinks: () => call<ActiveLinks>('/api/links'),
};
