// A step that takes a comment or a reason and one button: withdraw, accept, return. A required
// text left empty is caught here. (The objection, a signed act, has its own form.)
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';

export interface TextActionFormProps {
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  submitLabel: string;
  danger?: boolean;
  intro?: ReactNode;
  /** Resolves with the failure to show, or null when done. */
  onSubmit: (text: string) => Promise<ApiFailure | null>;
}

export function TextActionForm({ name, label, hint, required, submitLabel, danger = false, intro, onSubmit }: TextActionFormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const absent = required && text.trim() === '';
    setMissing(absent);
    if (absent) {
      textarea.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const outcome = await onSubmit(text);
    setBusy(false);
    setFailure(outcome);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      {intro}
      <ProblemAlert failure={failure} />
      <Field label={label} hint={hint} optional={!required} error={missing ? t('permits.actions.textMissing') : null}>
        {(control) => (
          <textarea
            {...control}
            ref={textarea}
            name={name}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
