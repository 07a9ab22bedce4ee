/** Links and link events as tables. */
import type { Link, LinkEvent } from '@assent/sdk/schema';
import type { I18n, MessageKey } from '../i18n.js';
import { ScrollTable } from '../table.js';

const reasonText = (i18n: I18n, reason: string | null): string => (reason ? i18n.t(`reason.${reason}` as MessageKey) : '');

export function LinksTable({ i18n, links, label, onOpenSubject }: { i18n: I18n; links: Link[]; label: string; onOpenSubject?: (id: string) => void }) {
  return (
    <ScrollTable label={label} head={[i18n.t('link'), i18n.t('subjectId'), i18n.t('created'), i18n.t('consentExpires'), i18n.t('policy'), i18n.t('revoked')]}>
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
    </ScrollTable>
  );
}

export function LinkEventsTable({ i18n, events }: { i18n: I18n; events: LinkEvent[] }) {
  return (
    <ScrollTable label={i18n.t('linkEvents')} head={['#', i18n.t('type'), i18n.t('at'), i18n.t('link'), i18n.t('reason')]}>
      {events.map((e) => (
        <tr>
          <th scope="row">{e.id}</th>
          <td>{i18n.t(`linkType.${e.type}` as MessageKey)}</td>
          <td>{i18n.time(e.at)}</td>
          <td class="mono">{e.linkId?.slice(0, 8) ?? ''}</td>
          <td>{reasonText(i18n, e.reason)}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
