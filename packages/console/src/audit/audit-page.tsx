/** The audit log: every console action, newest first, in pages of 50. */
import type { AuditEntry } from '@assent/sdk/schema';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorMessage, useFailure } from '../failure.js';
import type { I18n, MessageKey } from '../i18n.js';
import { ScrollTable } from '../table.js';

export function AuditPage({ i18n, onUnauthorized }: { i18n: I18n; onUnauthorized: () => void }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, fail] = useFailure(onUnauthorized);

  const load = (before: number | null) => {
    setLoading(true);
    fail(null);
    api.audit(before).then((page) => {
      setEntries((old) => (before === null ? page.entries : [...old, ...page.entries]));
      setNext(page.next);
    }, fail).finally(() => setLoading(false));
  };
  useEffect(() => load(null), []);

  return (
    <>
      <p class="intro">{i18n.t('auditIntro')}</p>
      <ErrorMessage failure={failure} i18n={i18n} />
      <p role="status" class="status">{loading ? i18n.t('loading') : entries.length ? '' : i18n.t('noAudit')}</p>
      {entries.length > 0 && (
        <ScrollTable
          label={i18n.t('auditTitle')}
          tableClass="audit"
          head={['#', i18n.t('when'), i18n.t('who'), i18n.t('role'), i18n.t('action'), i18n.t('result'), i18n.t('reference')]}
        >
          {entries.map((e) => (
            <tr data-action={e.action} data-outcome={e.outcome}>
              <th scope="row">{e.id}</th>
              <td>{i18n.time(e.at)}</td>
              <td>{e.actor || '—'}</td>
              <td>{e.role ? i18n.t(`role.${e.role}` as MessageKey) : '—'}</td>
              <td>{i18n.t(`action.${e.action}` as MessageKey)}</td>
              <td>{i18n.t(`result.${e.outcome}` as MessageKey)}</td>
              <td class="mono">{e.reference ?? ''}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {next !== null && <button type="button" class="secondary" disabled={loading} onClick={() => load(next)}>{i18n.t('olderEntries')}</button>}
    </>
  );
}
