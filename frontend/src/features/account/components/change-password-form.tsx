// Changing the password: the current one is asked again, the new one must keep the
// policy; every other session of the account ends.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { PasswordPolicyHint } from '@/components/forms/password-policy-hint';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { checkPassword } from '@/lib/password-policy';
import type { Account } from '../api/account-types';
import { changePassword } from '../api/change-password';

type FieldName = 'current' | 'next' | 'repeat';

export function ChangePasswordForm({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const broken = next === '' ? 'required' : checkPassword(next, { email: account.email, iin: account.iin });
    const found: Partial<Record<FieldName, string>> = {
      ...(current === '' ? { current: fieldErrorText('required') } : {}),
      ...(broken ? { next: fieldErrorText(broken) } : {}),
      ...(!broken && repeat !== next ? { repeat: t('fieldErrors.mismatch') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await changePassword(current, next);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
    onChanged();
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      {done && (
        <Notice>
          <p>{t('account.password.done')}</p>
        </Notice>
      )}
      <ProblemAlert failure={failure} />
      <Field label={t('account.password.current')} error={errors.current ?? apiErrors.current_password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.password.next')} hint={<PasswordPolicyHint />} error={errors.next ?? apiErrors.new_password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.password.repeat')} error={errors.repeat}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="new-password-repeat"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('account.password.submit')}
        </button>
      </div>
    </form>
  );
}
