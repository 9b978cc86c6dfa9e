// Setting a new password with the token from the emailed link. Every session of the
// account ends, this browser's included, so the person signs in again with the new password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { PasswordPolicyHint } from '@/components/forms/password-policy-hint';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import { paths } from '@/config/paths';
import { problemType, type ApiFailure } from '@/lib/api-client';
import { checkPassword } from '@/lib/password-policy';
import { resetPassword } from '../api/reset-password';
import { useAuth } from '../hooks/use-auth';

export function ResetPasswordForm({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const { account, forgetSession } = useAuth();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        {t('resetPassword.noToken')} <Link to={paths.forgotPassword}>{t('resetPassword.askAgain')}</Link>
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const broken = password === '' ? 'required' : checkPassword(password, { email: account?.email, iin: account?.iin });
    const found = {
      ...(broken ? { password: fieldErrorText(broken) } : {}),
      ...(!broken && repeat !== password ? { repeat: t('fieldErrors.mismatch') } : {}),
    };
    setErrors(found);
    setFailure(null);
    if (found.password || found.repeat) return;
    setBusy(true);
    const result = await resetPassword(token, password);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    if (account) forgetSession();
    setDone(true);
  }

  if (done) {
    return (
      <>
        <Notice>
          <p>{t('resetPassword.done')}</p>
        </Notice>
        <p>
          <Link to={paths.login}>{t('resetPassword.signIn')}</Link>
        </p>
      </>
    );
  }
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert failure={failure} explain={{ 'token-invalid': t('resetPassword.invalid') }}>
        {failure && problemType(failure) === 'token-invalid' && (
          <p>
            <Link to={paths.forgotPassword}>{t('resetPassword.askAgain')}</Link>
          </p>
        )}
      </ProblemAlert>
      <Field label={t('resetPassword.password')} hint={<PasswordPolicyHint />} error={errors.password ?? apiErrors.new_password}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('resetPassword.repeat')} error={errors.repeat}>
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
          {t('resetPassword.submit')}
        </button>
      </div>
    </form>
  );
}
