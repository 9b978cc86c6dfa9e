// The reviewer's itemised request for corrections: each item names a form field, a document of
// the checklist, or nothing (a general remark), and says what to change; a note for the
// applicant may go with them. Items can be added and removed; each needs its message.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { currentLanguage } from '@/i18n';
import type { ApiFailure } from '@/lib/api-client';
import type { CorrectionItem, PermitType } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { fieldLabel, readFormSchema } from '../schema-form/form-schema';

interface Item {
  key: number;
  /** `field:<name>`, `slot:<code>`, or empty for a general remark. */
  target: string;
  message: string;
}

function toCorrection(item: Item): CorrectionItem {
  const message = item.message.trim();
  if (item.target.startsWith('field:')) return { field: item.target.slice(6), message };
  if (item.target.startsWith('slot:')) return { slot: item.target.slice(5), message };
  return { message };
}

export interface CorrectionsEditorProps {
  type: PermitType;
  /** Resolves with the failure to show, or null when sent. */
  onSubmit: (items: CorrectionItem[], comment: string) => Promise<ApiFailure | null>;
}

export function CorrectionsEditor({ type, onSubmit }: CorrectionsEditorProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const language = currentLanguage();
  const fields = readFormSchema(type.form_schema);
  const [items, setItems] = useState<Item[]>([{ key: 0, target: '', message: '' }]);
  const [nextKey, setNextKey] = useState(1);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const change = (key: number, patch: Partial<Item>) =>
    setItems((previous) => previous.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  // Field errors of the server name items by position: `items[0]`.
  const serverErrors: Record<number, string> = {};
  if (failure?.kind === 'problem' && failure.problem.type === 'validation') {
    for (const error of failure.problem.errors ?? []) {
      const index = /^items\[(\d+)\]/.exec(error.field)?.[1];
      if (index !== undefined) serverErrors[Number(index)] ??= t('permits.corrections.editor.unknownTarget');
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const empty = new Set(items.filter((item) => item.message.trim() === '').map((item) => item.key));
    setMissing(empty);
    if (empty.size > 0) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setFailure(null);
    const outcome = await onSubmit(items.map(toCorrection), comment);
    setBusy(false);
    setFailure(outcome);
  }

  return (
    <form ref={form} className="form form--wide" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('permits.corrections.editor.intro')}</p>
      <ProblemAlert failure={failure} />
      <ol className="correction-items">
        {items.map((item, index) => (
          <li key={item.key}>
            <fieldset className="correction-item">
              <legend>{t('permits.corrections.editor.item', { number: index + 1 })}</legend>
              <Field label={t('permits.corrections.editor.target')} error={serverErrors[index] ?? null}>
                {(control) => (
                  <select
                    {...control}
                    name={`items.${index}.target`}
                    value={item.target}
                    onChange={(event) => change(item.key, { target: event.target.value })}
                  >
                    <option value="">{t('permits.corrections.general')}</option>
                    <optgroup label={t('permits.corrections.editor.fields')}>
                      {fields.map((field) => (
                        <option key={field.name} value={`field:${field.name}`}>
                          {fieldLabel(field, language)}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label={t('permits.corrections.editor.documents')}>
                      {type.documents.map((slot) => (
                        <option key={slot.code} value={`slot:${slot.code}`}>
                          {localized(slot.name)}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                )}
              </Field>
              <Field
                label={t('permits.corrections.editor.message')}
                error={missing.has(item.key) ? t('permits.actions.textMissing') : null}
              >
                {(control) => (
                  <textarea
                    {...control}
                    name={`items.${index}.message`}
                    rows={2}
                    value={item.message}
                    onChange={(event) => change(item.key, { message: event.target.value })}
                  />
                )}
              </Field>
              {items.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setItems((previous) => previous.filter((other) => other.key !== item.key))}
                >
                  {t('permits.corrections.editor.removeItem', { number: index + 1 })}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setItems((previous) => [...previous, { key: nextKey, target: '', message: '' }]);
            setNextKey((previous) => previous + 1);
          }}
        >
          {t('permits.corrections.editor.addItem')}
        </button>
      </p>
      <Field label={t('permits.corrections.editor.comment')} optional>
        {(control) => (
          <textarea {...control} name="comment" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('permits.corrections.editor.submit')}
      </button>
    </form>
  );
}
