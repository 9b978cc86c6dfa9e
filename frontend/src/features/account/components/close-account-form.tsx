// Closing the account: the password again, to be sure it is the owner. Sessions end; the
// identity and the address are freed for a new registration; what the law requires is kept.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { closeAccount } from '../api/close-account';

export function CloseAccountForm({ onClosed }: { onClosed: () => void }) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; confirmed?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = {
      ...(password === '' ? { password: fieldErrorText('required') } : {}),
      ...(!confirmed ? { confirmed: t('account.close.confirmMissing') } : {}),
    };
    setErrors(found);
    if (found.password || found.confirmed) return;
    setBusy(true);
    const result = await closeAccount(password);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    onClosed();
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('account.close.intro')}</p>
      <ProblemAlert failure={failure} />
      <Field label={t('account.close.password')} error={errors.password ?? apiErrors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="close-password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <Field
        className="field--checkbox"
        label={t('account.close.confirm')}
        error={errors.confirmed}
      >
        {(control) => (
          <input
            {...control}
            type="checkbox"
            name="close-confirm"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {t('account.close.submit')}
        </button>
      </div>
    </form>
  );
}
