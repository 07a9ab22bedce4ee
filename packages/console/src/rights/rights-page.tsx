/**
 * Rights requests: look a visitor up by subject id, or a Portal account by its id (its links name
 * the subjects), then read, verify, export or erase the subject.
 */
import type { AccountLinksResponse, ConsoleSession } from '@assent/sdk/schema';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorMessage, useFailure } from '../failure.js';
import type { I18n } from '../i18n.js';
import { LinksTable } from './links-table.js';
import { SubjectView } from './subject-view.js';

const SUBJECT_ID = /^[0-9a-f]{32}$/;

export interface RightsPageProps {
  i18n: I18n;
  session: ConsoleSession;
  /** The subject in the address (`#/rights/<id>`), if any. */
  subjectId: string | null;
  open(subjectId: string | null): void;
  onUnauthorized(): void;
}

export function RightsPage({ i18n, session, subjectId, open, onUnauthorized }: RightsPageProps) {
  const [subjectInput, setSubjectInput] = useState(subjectId ?? '');
  const [subjectError, setSubjectError] = useState('');
  const [accountInput, setAccountInput] = useState('');
  const [account, setAccount] = useState<AccountLinksResponse | null>(null);
  const [failure, fail] = useFailure(onUnauthorized);

  return (
    <>
      <p class="intro">{i18n.t('rightsIntro')}</p>
      <div class="lookups">
        <form
          class="lookup"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const id = subjectInput.trim().toLowerCase();
            if (!SUBJECT_ID.test(id)) return setSubjectError(i18n.t('badSubjectId'));
            setSubjectError('');
            open(id);
          }}
        >
          <label for="subject-id">{i18n.t('subjectId')}</label>
          <input
            id="subject-id"
            name="subject"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="subject-id-hint subject-id-error"
            aria-invalid={subjectError ? 'true' : undefined}
            value={subjectInput}
            onInput={(e) => setSubjectInput(e.currentTarget.value)}
          />
          <span id="subject-id-hint" class="hint">{i18n.t('subjectIdHint')}</span>
          <span id="subject-id-error" class="field-error">{subjectError}</span>
          <button type="submit">{i18n.t('openSubject')}</button>
        </form>
        <form
          class="lookup"
          onSubmit={(e) => {
            e.preventDefault();
            fail(null);
            setAccount(null);
            api.account(accountInput.trim()).then(setAccount, fail);
          }}
        >
          <label for="account-id">{i18n.t('accountId')}</label>
          <input id="account-id" name="account" autocomplete="off" required maxLength={128} value={accountInput} onInput={(e) => setAccountInput(e.currentTarget.value)} />
          <button type="submit">{i18n.t('findAccount')}</button>
        </form>
      </div>
      <ErrorMessage failure={failure} i18n={i18n} />
      {account && (
        <section class="panel" aria-labelledby="account-links">
          <h3 id="account-links">{i18n.t('accountLinks')}</h3>
          <p class="mono">{i18n.t('joinKey')}: {account.joinKey}</p>
          {account.links.length
            ? <LinksTable i18n={i18n} links={account.links} label={i18n.t('accountLinks')} onOpenSubject={(id) => { setSubjectInput(id); open(id); }} />
            : <p>{i18n.t('accountNoLinks')}</p>}
        </section>
      )}
      {subjectId && <SubjectView key={subjectId} i18n={i18n} session={session} subjectId={subjectId} onUnauthorized={onUnauthorized} onErased={() => undefined} />}
    </>
  );
}
