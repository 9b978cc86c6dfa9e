// Asking for a password-reset link. The answer never tells whether the address belongs to
// an account, so neither does the page.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { looksLikeEmail } from '@/lib/password-policy';
import { requestPasswordReset } from '../api/request-password-reset';

export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = email.trim() === '' ? 'required' : looksLikeEmail(email) ? null : 'email';
    setError(problem ? fieldErrorText(problem) : null);
    setFailure(null);
    if (problem) return;
    setBusy(true);
    const result = await requestPasswordReset(email);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setSentTo(email.trim());
  }

  if (sentTo) {
    return (
      <Notice>
        <p>{t('forgotPassword.sent', { email: sentTo })}</p>
      </Notice>
    );
  }
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert failure={failure} />
      <Field label={t('forgotPassword.email')} error={error ?? apiErrors.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('forgotPassword.submit')}
        </button>
      </div>
    </form>
  );
}
