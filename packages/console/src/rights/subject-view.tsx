/**
 * One subject: its receipts as a timeline (each with the notice text shown at that decision), the
 * chain's verification, its links and link events; export as JSON, erase after typing its id.
 */
import type { ChainVerification, ConsoleSession, EraseResponse, SealedReceipt, SubjectExport } from '@assent/sdk/schema';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { downloadText } from '../download.js';
import { ErrorMessage, useFailure } from '../failure.js';
import type { I18n, MessageKey } from '../i18n.js';
import { EraseDialog } from './erase-dialog.js';
import { LinkEventsTable, LinksTable } from './links-table.js';

export interface SubjectViewProps {
  i18n: I18n;
  session: ConsoleSession;
  subjectId: string;
  onUnauthorized(): void;
  onErased(result: EraseResponse): void;
}

export function SubjectView({ i18n, session, subjectId, onUnauthorized, onErased }: SubjectViewProps) {
  const [data, setData] = useState<SubjectExport | null>(null);
  const [check, setCheck] = useState<{ result: ChainVerification; at: string } | null>(null);
  const [busy, setBusy] = useState<'load' | 'verify' | 'export' | null>('load');
  const [erased, setErased] = useState<EraseResponse | null>(null);
  const [erasing, setErasing] = useState(false);
  const [failure, fail] = useFailure(onUnauthorized);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api.subject(subjectId).then(
      (d) => {
        setData(d);
        setCheck({ result: d.chain, at: d.exportedAt });
      },
      fail,
    ).finally(() => setBusy(null));
  }, [subjectId]);
  // Once loaded, the subject's heading takes the focus, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (data || erased) heading.current?.focus();
  }, [data !== null, erased !== null]);

  const verify = () => {
    setBusy('verify');
    fail(null);
    api.verify(subjectId).then((result) => setCheck({ result, at: new Date().toISOString() }), fail).finally(() => setBusy(null));
  };
  const exportJson = () => {
    setBusy('export');
    fail(null);
    api.exportSubject(subjectId).then(
      (d) => downloadText(`subject-${subjectId}.json`, `${JSON.stringify(d, null, 2)}\n`, 'application/json'),
      fail,
    ).finally(() => setBusy(null));
  };

  const title = i18n.t('subjectTitle', { id: subjectId });
  if (erased) {
    return (
      <section class="panel subject" aria-labelledby="subject-title">
        <h3 id="subject-title" tabIndex={-1} ref={heading}>{title}</h3>
        <p role="status" class="success">{i18n.t('erased', { receipts: erased.receipts, links: erased.links, tombstone: erased.tombstoneId })}</p>
      </section>
    );
  }
  if (!data) {
    return (
      <section class="panel subject" aria-label={title}>
        <p role="status">{busy === 'load' ? i18n.t('loading') : ''}</p>
        <ErrorMessage failure={failure} i18n={i18n} />
      </section>
    );
  }

  const notices = new Map(data.notices.map((n) => [n.hash, n]));
  return (
    <section class="panel subject" aria-labelledby="subject-title">
      <h3 id="subject-title" tabIndex={-1} ref={heading} class="mono-title">{title}</h3>
      <p>{i18n.t('receiptsCount', { count: i18n.n(data.receipts.length) })}</p>
      <div class="actions">
        <button type="button" onClick={verify} disabled={busy !== null}>{busy === 'verify' ? i18n.t('verifying') : i18n.t('verifyAgain')}</button>
        <button type="button" onClick={exportJson} disabled={busy !== null}>{i18n.t('exportJson')}</button>
        {session.role === 'privacy-officer' && (
          <button type="button" class="danger" onClick={() => setErasing(true)} disabled={busy !== null}>{i18n.t('eraseSubject')}</button>
        )}
      </div>
      <ErrorMessage failure={failure} i18n={i18n} />

      <h4>{i18n.t('chain')}</h4>
      {check && (
        <div class={check.result.valid ? 'verdict ok' : 'verdict bad'} role="status" data-chain={check.result.valid ? 'valid' : 'invalid'}>
          <p>
            {check.result.valid
              ? i18n.t('chainValid', { count: i18n.n(check.result.receipts) })
              : i18n.t('chainInvalid', { problems: check.result.problems.map((p) => `#${p.seq}: ${p.problem}`).join('; ') })}
          </p>
          <p class="hint">{i18n.t('verifiedAt', { time: i18n.time(check.at) })}</p>
        </div>
      )}

      <h4>{i18n.t('timeline')}</h4>
      <ol class="timeline">
        {data.receipts.map((r) => <ReceiptItem i18n={i18n} sealed={r} notice={r.receipt.notice.hash ? notices.get(r.receipt.notice.hash) : undefined} />)}
      </ol>

      <h4>{i18n.t('links')}</h4>
      {data.links.length ? <LinksTable i18n={i18n} links={data.links} label={i18n.t('links')} /> : <p>{i18n.t('noLinks')}</p>}
      <h4>{i18n.t('linkEvents')}</h4>
      {data.linkEvents.length ? <LinkEventsTable i18n={i18n} events={data.linkEvents} /> : <p>{i18n.t('noLinkEvents')}</p>}

      {erasing && (
        <EraseDialog
          i18n={i18n}
          subjectId={subjectId}
          onCancel={() => setErasing(false)}
          erase={(confirm) => api.erase(subjectId, confirm, session.csrfToken)}
          onErased={(result) => {
            setErasing(false);
            setErased(result);
            onErased(result);
          }}
          onUnauthorized={onUnauthorized}
        />
      )}
    </section>
  );
}

function ReceiptItem({ i18n, sealed, notice }: { i18n: I18n; sealed: SealedReceipt; notice: { language: string; text: string } | undefined }) {
  const r = sealed.receipt;
  const onOff = (granted: boolean) => (granted ? i18n.t('on') : i18n.t('off'));
  const basis = (b: string) => i18n.t(`basis.${b}` as MessageKey);
  const signal = (s: { value: boolean; honoured: boolean }) =>
    `${s.value ? i18n.t('yes') : i18n.t('no')}${s.value ? ` (${s.honoured ? i18n.t('honoured') : i18n.t('notHonoured')})` : ''}`;
  return (
    <li class="receipt">
      <h5>{i18n.t('receiptHeading', { seq: sealed.seq, event: i18n.t(`event.${r.event.type}` as MessageKey), time: i18n.time(r.event.clientTime) })}</h5>
      <dl>
        <dt>{i18n.t('method')}</dt><dd>{i18n.t(`method.${r.event.method}` as MessageKey)}</dd>
        <dt>{i18n.t('decidedAt')}</dt><dd>{i18n.time(r.event.clientTime)}</dd>
        <dt>{i18n.t('storedAt')}</dt><dd>{i18n.time(sealed.serverTime)}</dd>
        <dt>{i18n.t('jurisdiction')}</dt><dd>{`${r.jurisdiction.region ?? i18n.t('unknownRegion')} · ${r.jurisdiction.regime} · ${r.jurisdiction.model}`}</dd>
        <dt>{i18n.t('policy')}</dt><dd>{r.policyVersion}</dd>
        <dt>{i18n.t('source')}</dt><dd>{`${r.client.source} · ${r.client.origin}${r.client.path} · ${r.client.browser} · ${r.client.uiLanguage}`}</dd>
        <dt>{i18n.t('validUntil')}</dt><dd>{i18n.time(r.validity.expiresAt)}</dd>
        <dt>{i18n.t('signals')}</dt>
        <dd>{`${i18n.t('gpcSignal', { value: signal(r.signals.gpc) })} · ${i18n.t('dntSignal', { value: signal(r.signals.dnt) })}${r.signals.declaredMinor ? ` · ${i18n.t('minor')}` : ''}`}</dd>
        <dt>{i18n.t('categories')}</dt>
        <dd>
          <ul class="states">
            {(['necessary', 'functional', 'analytics', 'advertising'] as const).map((c) => (
              <li>{`${c === 'necessary' ? c : i18n.t(`category.${c}` as MessageKey)}: ${onOff(r.purposes[c].granted)} (${basis(r.purposes[c].basis)})`}</li>
            ))}
          </ul>
        </dd>
        {Object.keys(r.services).length > 0 && (
          <>
            <dt>{i18n.t('services')}</dt>
            <dd>
              <ul class="states">
                {Object.entries(r.services).map(([id, s]) => <li>{`${id}: ${onOff(s.granted)} (${basis(s.basis)})`}</li>)}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary>{i18n.t('noticeShown', { language: r.notice.language })}</summary>
        {notice ? <p class="notice-text" lang={notice.language}>{notice.text}</p> : <p>{i18n.t('noticeMissing')}</p>}
      </details>
      <details>
        <summary>{i18n.t('seal')}</summary>
        <dl class="mono">
          <dt>seq</dt><dd>{sealed.seq}</dd>
          <dt>hash</dt><dd>{sealed.hash}</dd>
          <dt>prevHash</dt><dd>{sealed.prevHash}</dd>
          <dt>keyId</dt><dd>{sealed.keyId}</dd>
          <dt>signature</dt><dd>{sealed.signature}</dd>
        </dl>
      </details>
    </li>
  );
}
