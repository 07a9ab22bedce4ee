/** What went wrong with a call, said in the user's language; a 401 sends the user back to sign in. */
import { useCallback, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import type { I18n } from './i18n.js';

export type Failure = ApiError | null;

/** `[failure, fail]`: `fail(err)` keeps the error, or hands a lost session to `onUnauthorized`; `fail(null)` clears it. */
export function useFailure(onUnauthorized: () => void): [Failure, (err: unknown) => void] {
  const [failure, setFailure] = useState<Failure>(null);
  const fail = useCallback((err: unknown) => {
    if (err === null) return setFailure(null);
    if (err instanceof ApiError && err.status === 401) return onUnauthorized();
    setFailure(err instanceof ApiError ? err : new ApiError(0, String(err)));
  }, [onUnauthorized]);
  return [failure, fail];
}

/** The text of a failure. */
export function failureText(failure: ApiError, i18n: I18n): string {
  if (failure.status === 0) return i18n.t('networkError');
  if (failure.status === 403 && /privacy-officer/.test(failure.message)) return i18n.t('needsOfficer');
  if (failure.status === 404 && /subject/.test(failure.message)) return i18n.t('noSuchSubject');
  return i18n.t('serverError', { status: failure.status, error: failure.message });
}

export function ErrorMessage({ failure, i18n }: { failure: Failure; i18n: I18n }) {
  return <p class="error" role="alert">{failure ? failureText(failure, i18n) : ''}</p>;
}
