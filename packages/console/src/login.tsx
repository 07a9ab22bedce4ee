/** Sign-in: one password field for the access key (or the server's API key). */
import type { ConsoleSession } from '@assent/sdk/schema';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { failureText } from './failure.js';
import type { I18n } from './i18n.js';

export function Login({ i18n, notice, onSignedIn }: { i18n: I18n; notice: string; onSignedIn: (s: ConsoleSession) => void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <main id="main" class="login">
      <h1 ref={heading} tabIndex={-1}>{i18n.t('signInTitle')}</h1>
      <p>{i18n.t('signInIntro')}</p>
      <p role="status" class="status">{notice}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          api.login(key).then(onSignedIn, (err: unknown) => {
            if (err instanceof ApiError && err.status === 401) setError(i18n.t('wrongKey'));
            else if (err instanceof ApiError && err.status === 429) setError(i18n.t('tooManyAttempts', { minutes: Math.ceil((err.retryAfterSeconds ?? 60) / 60) }));
            else setError(err instanceof ApiError ? failureText(err, i18n) : String(err));
          }).finally(() => setBusy(false));
        }}
      >
        {/* A hidden user name lets password managers file the key under this console. */}
        <input type="text" name="username" autocomplete="username" value="assent-console" hidden readOnly />
        <label for="access-key">{i18n.t('accessKey')}</label>
        <input
          id="access-key"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby="login-error"
          aria-invalid={error ? 'true' : undefined}
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p id="login-error" class="error" role="alert">{error}</p>
        <button type="submit" disabled={busy}>{busy ? i18n.t('signingIn') : i18n.t('signIn')}</button>
      </form>
    </main>
  );
}
