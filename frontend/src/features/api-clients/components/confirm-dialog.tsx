// Asks before an action that cannot be taken back (a new secret stops the old one; revoking is for
// good). A modal <dialog>, so focus stays inside it and Escape cancels; closing it returns focus
// to the button that opened it.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, body, confirmLabel, danger = false, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // jsdom has no showModal(); an open dialog is enough there.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    return () => {
      if (typeof element.close === 'function') element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="api-client-confirm"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <p id={bodyId}>{body}</p>
      <div className="form__actions">
        <button type="button" className={danger ? 'button button--danger' : 'button'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        {/* Cancelling is where focus starts: the action cannot be taken back. */}
        <button type="button" className="button button--secondary" disabled={busy} autoFocus onClick={onCancel}>
          {t('apiClients.confirm.cancel')}
        </button>
      </div>
    </dialog>
  );
}
