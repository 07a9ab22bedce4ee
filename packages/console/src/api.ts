/**
 * Calls to server-sync's console API (same origin, the session in an HttpOnly cookie). State
 * changes carry the session's CSRF token in `X-CSRF-Token`. Every failure becomes an ApiError with
 * the HTTP status (0 when the server did not answer), so views can say what happened.
 */
import type {
  AccountLinksResponse, AuditLogResponse, ChainVerification, ConsoleSession, EraseResponse, InsightsResponse, SubjectExport,
} from '@assent/sdk/schema';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, message: string, readonly retryAfterSeconds: number | null = null) {
    super(message);
  }
}

/** The API root, relative to the console page (`/console` → `/console/api/`). */
const ROOT = 'console/api/';

async function call<T>(method: string, path: string, options: { csrf?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(ROOT + path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, data?.error ?? res.statusText, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  login: (key: string) => call<ConsoleSession>('POST', 'login', { body: { key } }),
  session: () => call<ConsoleSession>('GET', 'session'),
  logout: (csrf: string) => call<void>('POST', 'logout', { csrf }),
  insights: (q: { from: string; to: string; region: string }) =>
    call<InsightsResponse>('GET', `insights?from=${enc(q.from)}&to=${enc(q.to)}&region=${enc(q.region)}`),
  subject: (id: string) => call<SubjectExport>('GET', `subjects/${enc(id)}`),
  exportSubject: (id: string) => call<SubjectExport>('GET', `subjects/${enc(id)}/export`),
  verify: (id: string) => call<ChainVerification>('GET', `subjects/${enc(id)}/verify`),
  account: (accountId: string) => call<AccountLinksResponse>('GET', `accounts/${enc(accountId)}/links`),
  erase: (id: string, confirm: string, csrf: string) => call<EraseResponse>('DELETE', `subjects/${enc(id)}`, { csrf, body: { confirm } }),
  audit: (before: number | null) => call<AuditLogResponse>('GET', `audit${before === null ? '' : `?before=${before}`}`),
};
