/**
 * The erase confirmation: a modal `<dialog>` (the browser keeps focus inside it and closes it on
 * Escape) whose Erase button works only once the subject id has been typed again. The server
 * checks the same confirmation.
 */
import type { EraseResponse } from '@assent/sdk/schema';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage, useFailure } from '../failure.js';
import type { I18n } from '../i18n.js';

export interface EraseDialogProps {
  i18n: I18n;
  subjectId: string;
  erase(confirm: string): Promise<EraseResponse>;
  onErased(result: EraseResponse): void;
  onCancel(): void;
  onUnauthorized(): void;
}

export function EraseDialog({ i18n, subjectId, erase, onErased, onCancel, onUnauthorized }: EraseDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, fail] = useFailure(onUnauthorized);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return undefined;
    // The element that opened the dialog gets the focus back when it closes.
    const opener = document.activeElement as HTMLElement | null;
    d.showModal();
    return () => {
      if (d.open) d.close();
      opener?.focus();
    };
  }, []);

  const confirmed = typed.trim() === subjectId;
  return (
    <dialog ref={dialog} class="erase-dialog" aria-labelledby="erase-title" aria-describedby="erase-warning" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!confirmed || busy) return;
          setBusy(true);
          fail(null);
          erase(typed.trim()).then(onErased, fail).finally(() => setBusy(false));
        }}
      >
        <h2 id="erase-title">{i18n.t('eraseTitle')}</h2>
        <p id="erase-warning">{i18n.t('eraseWarning')}</p>
        <p class="mono">{subjectId}</p>
        <label for="erase-confirm">{i18n.t('eraseConfirmLabel')}</label>
        <input id="erase-confirm" autocomplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        <ErrorMessage failure={failure} i18n={i18n} />
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>{i18n.t('cancel')}</button>
          <button type="submit" class="danger" disabled={!confirmed || busy}>{busy ? i18n.t('erasing') : i18n.t('erase')}</button>
        </div>
      </form>
    </dialog>
  );
}
