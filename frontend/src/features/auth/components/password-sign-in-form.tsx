// Signing in with the email (or the IIN) and the password. A refusal is explained: a wrong login
// or password, an account locked after repeated failures (with when to try again, and the ways
// out: the EDS or a password reset), or one blocked by an administrator.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { paths } from '@/config/paths';
import type { ApiFailure } from '@/lib/api-client';
import { signInWithPassword } from '../api/sign-in-with-password';
import { useAuth } from '../hooks/use-auth';

export function PasswordSignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { startSession } = useAuth();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const absent = { login: login.trim() === '', password: password === '' };
    setMissing(absent);
    if (absent.login || absent.password) return;
    setBusy(true);
    setFailure(null);
    const result = await signInWithPassword(login, password);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      setPassword('');
      return;
    }
    startSession(result.data);
    onSignedIn();
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert failure={failure} />
      <Field
        label={t('signIn.password.login')}
        hint={t('signIn.password.loginHint')}
        error={missing.login ? t('fieldErrors.required') : apiErrors.login}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="login"
            autoComplete="username"
            spellCheck={false}
            value={login}
            onChange={(event) => setLogin(event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('signIn.password.password')}
        error={missing.password ? t('fieldErrors.required') : apiErrors.password}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('signIn.password.submit')}
        </button>
        <Link to={paths.forgotPassword}>{t('signIn.password.forgot')}</Link>
      </div>
    </form>
  );
}
