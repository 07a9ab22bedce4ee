/**
 * The console's shell: sign-in or the signed-in layout (header, navigation, one page at a time,
 * chosen by the address's fragment: `#/insights`, `#/rights`, `#/rights/<subject id>`, `#/audit`).
 */
import type { ConsoleSession } from '@assent/sdk/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { AuditPage } from './audit/audit-page.js';
import { i18n as makeI18n, initialLang, LANGS, type Lang, type MessageKey } from './i18n.js';
import { InsightsPage } from './insights/insights-page.js';
import { Login } from './login.js';
import { RightsPage } from './rights/rights-page.js';

type Route = { page: 'insights' } | { page: 'rights'; subjectId: string | null } | { page: 'audit' };

export function routeOf(hash: string): Route {
  const m = /^#\/(insights|rights|audit)(?:\/([0-9a-f]{32}))?$/.exec(hash);
  if (m?.[1] === 'rights') return { page: 'rights', subjectId: m[2] ?? null };
  if (m?.[1] === 'audit') return { page: 'audit' };
  return { page: 'insights' };
}

const LANG_KEY = 'assent-console-lang';

function savedLang(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => initialLang(savedLang(), navigator.languages ?? [navigator.language]));
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const [session, setSession] = useState<ConsoleSession | null | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('appName');
  }, [lang]);
  useEffect(() => {
    api.session().then(setSession, () => setSession(null));
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // A new page: its heading takes the focus, as a page load would start there.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [route.page]);

  const onUnauthorized = useCallback(() => {
    setSession(null);
    setNotice(makeI18n(lang).t('sessionEnded'));
  }, [lang]);

  const chooseLang = (l: Lang) => {
    setLang(l);
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      // Private browsing without storage: the choice lasts for this page.
    }
  };

  if (session === undefined) return <p role="status" class="status">{i18n.t('loading')}</p>;
  if (session === null) {
    return (
      <>
        <Header i18n={i18n} lang={lang} chooseLang={chooseLang} session={null} onSignOut={() => undefined} />
        <Login i18n={i18n} notice={notice} onSignedIn={(s) => { setNotice(''); setSession(s); }} />
      </>
    );
  }

  const officer = session.role === 'privacy-officer';
  const pages: { page: Route['page']; label: MessageKey }[] = [
    { page: 'insights', label: 'nav.insights' },
    ...(officer ? [{ page: 'rights' as const, label: 'nav.rights' as const }, { page: 'audit' as const, label: 'nav.audit' as const }] : []),
  ];
  const title: MessageKey = route.page === 'insights' ? 'insightsTitle' : route.page === 'rights' ? 'rightsTitle' : 'auditTitle';
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); heading.current?.focus(); }}>{i18n.t('skip')}</a>
      <Header
        i18n={i18n}
        lang={lang}
        chooseLang={chooseLang}
        session={session}
        onSignOut={() => {
          api.logout(session.csrfToken).finally(() => {
            setSession(null);
            setNotice('');
          });
        }}
      />
      <nav aria-label={i18n.t('navLabel')}>
        <ul>
          {pages.map((p) => (
            <li><a href={`#/${p.page}`} aria-current={route.page === p.page ? 'page' : undefined}>{i18n.t(p.label)}</a></li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <h1 ref={heading} tabIndex={-1}>{i18n.t(title)}</h1>
        {route.page !== 'insights' && !officer
          ? <p role="alert">{i18n.t('needsOfficer')}</p>
          : route.page === 'insights'
            ? <InsightsPage i18n={i18n} onUnauthorized={onUnauthorized} />
            : route.page === 'rights'
              ? <RightsPage
                  i18n={i18n}
                  session={session}
                  subjectId={route.subjectId}
                  open={(id) => { location.hash = id ? `#/rights/${id}` : '#/rights'; }}
                  onUnauthorized={onUnauthorized}
                />
              : <AuditPage i18n={i18n} onUnauthorized={onUnauthorized} />}
      </main>
    </>
  );
}

function Header({ i18n, lang, chooseLang, session, onSignOut }: {
  i18n: ReturnType<typeof makeI18n>; lang: Lang; chooseLang(l: Lang): void; session: ConsoleSession | null; onSignOut(): void;
}) {
  return (
    <header class="top">
      <p class="brand">{i18n.t('appName')}</p>
      <div class="who">
        <div class="lang">
          <label for="console-lang">{i18n.t('language')}</label>
          <select id="console-lang" value={lang} onChange={(e) => chooseLang(e.currentTarget.value as Lang)}>
            {LANGS.map((l) => <option value={l} lang={l}>{l === 'en' ? 'English' : 'Français'}</option>)}
          </select>
        </div>
        {session && (
          <>
            <span class="user">{i18n.t('signedInAs', { user: session.user, role: i18n.t(`role.${session.role}` as MessageKey) })}</span>
            <button type="button" class="secondary" onClick={onSignOut}>{i18n.t('signOut')}</button>
          </>
        )}
      </div>
    </header>
  );
}
