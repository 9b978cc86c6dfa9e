// Asks the administrator why: every action on an account states a reason, which is
// emailed to the owner and kept in the audit log. A modal <dialog>, so focus stays inside it and
// Escape cancels.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';

export interface ReasonDialogProps {
  title: string;
  explanation: string;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves with the failure to show, or null when done (the dialog then closes). */
  onConfirm: (reason: string) => Promise<ApiFailure | null>;
  onClose: () => void;
}

export function ReasonDialog({ title, explanation, confirmLabel, danger = false, onConfirm, onClose }: ReasonDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const absent = reason.trim() === '';
    setMissing(absent);
    if (absent) return;
    setBusy(true);
    const outcome = await onConfirm(reason);
    setBusy(false);
    setFailure(outcome);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <p>{explanation}</p>
        <ProblemAlert failure={failure} />
        <Field label={t('admin.reason.label')} hint={t('admin.reason.hint')} error={missing ? t('admin.reason.missing') : null}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={4}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('admin.reason.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
