// A preliminary refusal: the grounds, chosen from the service's list, and the reasoned text the
// applicant will read and may object to within the service's period.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import type { PermitType } from '../api/permit-types';
import { useLocalized } from '../lib/format';

export interface RefusalFormProps {
  type: PermitType;
  onSubmit: (grounds: string[], text: string) => Promise<ApiFailure | null>;
}

export function RefusalForm({ type, onSubmit }: RefusalFormProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const groundsError = useId();
  const [grounds, setGrounds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<{ grounds: boolean; text: boolean }>({ grounds: false, text: false });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const absent = { grounds: grounds.length === 0, text: text.trim() === '' };
    setMissing(absent);
    if (absent.grounds || absent.text) {
      const first = absent.grounds
        ? form.current?.querySelector<HTMLElement>('input[type="checkbox"]')
        : form.current?.querySelector<HTMLElement>('textarea');
      first?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const outcome = await onSubmit(grounds, text);
    setBusy(false);
    setFailure(outcome);
  }

  return (
    <form ref={form} className="form form--wide" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('permits.refusal.intro', { days: type.objection_days })}</p>
      <ProblemAlert failure={failure} />
      <fieldset
        className={missing.grounds ? 'choice field--error' : 'choice'}
        aria-describedby={missing.grounds ? groundsError : undefined}
      >
        <legend className="choice__legend">{t('permits.refusal.grounds')}</legend>
        {missing.grounds && (
          <p id={groundsError} className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {t('permits.refusal.groundsMissing')}
          </p>
        )}
        {type.refusal_grounds.map((ground) => (
          <label key={ground.code} className="choice__option">
            <input
              type="checkbox"
              name="grounds"
              value={ground.code}
              checked={grounds.includes(ground.code)}
              onChange={(event) =>
                setGrounds((previous) =>
                  event.target.checked ? [...previous, ground.code] : previous.filter((code) => code !== ground.code),
                )
              }
            />{' '}
            {localized(ground.text)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('permits.refusal.text')}
        hint={t('permits.refusal.textHint')}
        error={missing.text ? t('permits.actions.textMissing') : null}
      >
        {(control) => (
          <textarea {...control} name="refusal-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--danger" disabled={busy}>
        {t('permits.refusal.submit')}
      </button>
    </form>
  );
}
