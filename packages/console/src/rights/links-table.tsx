/** Links and link events as tables. */
import type { Link, LinkEvent } from '@assent/sdk/schema';
import type { I18n, MessageKey } from '../i18n.js';

const reasonText = (i18n: I18n, reason: string | null): string => (reason ? i18n.t(`reason.${reason}` as MessageKey) : '');

export function LinksTable({ i18n, links, label, onOpenSubject }: { i18n: I18n; links: Link[]; label: string; onOpenSubject?: (id: string) => void }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{i18n.t('link')}</th>
            <th scope="col">{i18n.t('subjectId')}</th>
            <th scope="col">{i18n.t('created')}</th>
            <th scope="col">{i18n.t('consentExpires')}</th>
            <th scope="col">{i18n.t('policy')}</th>
            <th scope="col">{i18n.t('revoked')}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr>
              <th scope="row" class="mono">{l.linkId.slice(0, 8)}</th>
              <td class="mono">
                {onOpenSubject
                  ? <button type="button" class="link" onClick={() => onOpenSubject(l.subjectId)}>{l.subjectId}</button>
                  : l.subjectId}
              </td>
              <td>{i18n.time(l.createdAt)}</td>
              <td>{i18n.time(l.consentExpiresAt)}</td>
              <td>{l.policyVersion}</td>
              <td>{l.revokedAt ? `${i18n.time(l.revokedAt)} (${reasonText(i18n, l.revokedReason)})` : i18n.t('active')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LinkEventsTable({ i18n, events }: { i18n: I18n; events: LinkEvent[] }) {
  return (
    <div class="table-wrap" role="region" aria-label={i18n.t('linkEvents')} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{i18n.t('type')}</th>
            <th scope="col">{i18n.t('at')}</th>
            <th scope="col">{i18n.t('link')}</th>
            <th scope="col">{i18n.t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr>
              <th scope="row">{e.id}</th>
              <td>{i18n.t(`linkType.${e.type}` as MessageKey)}</td>
              <td>{i18n.time(e.at)}</td>
              <td class="mono">{e.linkId?.slice(0, 8) ?? ''}</td>
              <td>{reasonText(i18n, e.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
