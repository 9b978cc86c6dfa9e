// Step 2 of registration: the contact details and the password of the account
// whose identity the signed challenge proved. The password rules are shown and checked as the
// server checks them; the server's refusals are shown at their fields. Once registered, the person
// is signed in with the new password and asked to confirm their email address.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '@/components/forms/field';
import { PasswordPolicyHint } from '@/components/forms/password-policy-hint';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import { paths } from '@/config/paths';
import { currentLanguage } from '@/i18n';
import { LANGUAGES, LANGUAGE_AUTONYMS, isLanguage } from '@/i18n/languages';
import { problemType, type ApiFailure } from '@/lib/api-client';
import { checkPassword, looksLikeEmail } from '@/lib/password-policy';
import type { SignedChallenge } from '@/lib/signed-challenge';
import { registerAccount, type Language, type RegistrationConsent } from '../api/register-account';
import { signInWithPassword } from '../api/sign-in-with-password';
import { useAuth } from '../hooks/use-auth';

type FieldName = 'email' | 'password' | 'passwordRepeat' | 'phone';

export interface RegistrationFormProps {
  signed: SignedChallenge;
  /** The signed acceptances of the agreements in force, sent with the registration. */
  consents?: readonly RegistrationConsent[];
  onRegistered: (email: string) => void;
  /** The signed challenge was spent or expired before the form was sent: sign a new one. */
  onChallengeExpired: () => void;
  /** The server asks for the acceptance of agreements (403 `consent-required`): show them again. */
  onConsentRequired?: () => void;
}

export function RegistrationForm({
  signed,
  consents = [],
  onRegistered,
  onChallengeExpired,
  onConsentRequired,
}: RegistrationFormProps) {
  const { t } = useTranslation();
  const { startSession } = useAuth();
  const fieldErrorText = useFieldErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [passwordRepeat, setPasswordRepeat] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  function validate(): Partial<Record<FieldName, string>> {
    const found: Partial<Record<FieldName, string>> = {};
    if (email.trim() === '') found.email = fieldErrorText('required');
    else if (!looksLikeEmail(email)) found.email = fieldErrorText('email');
    if (password === '') found.password = fieldErrorText('required');
    else {
      const broken = checkPassword(password, { email, iin: signed.holder?.iin });
      if (broken) found.password = fieldErrorText(broken);
    }
    if (!found.password && passwordRepeat !== password) found.passwordRepeat = t('fieldErrors.mismatch');
    const trimmedPhone = phone.trim();
    if (trimmedPhone !== '' && (trimmedPhone.length < 5 || trimmedPhone.length > 32)) {
      found.phone = t('fieldErrors.phone');
    }
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;

    setBusy(true);
    const registered = await registerAccount(signed, { email, password, language, phone, consents });
    if (!registered.ok) {
      setBusy(false);
      if (problemType(registered.failure) === 'eds-challenge-expired') {
        onChallengeExpired();
        return;
      }
      setFailure(registered.failure);
      return;
    }
    // Registered: sign in straight away, so the person can go on to their account.
    const signedIn = await signInWithPassword(registered.data.email, password);
    setBusy(false);
    if (signedIn.ok) startSession(signedIn.data);
    onRegistered(registered.data.email);
  }

  const type = failure ? problemType(failure) : null;
  function errorOf(field: FieldName): string | undefined {
    if (errors[field]) return errors[field];
    if (field === 'email' && type === 'email-taken') return t('fieldErrors.emailTaken');
    return field === 'passwordRepeat' ? undefined : apiErrors[field];
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert
        failure={failure}
        explain={{
          'consent-required': t('register.consents.required'),
          'eds-identity-mismatch': t('register.consents.otherPerson'),
        }}
      >
        {type === 'consent-required' && onConsentRequired && (
          <p>
            <button type="button" className="button button--secondary" onClick={onConsentRequired}>
              {t('register.consents.review')}
            </button>
          </p>
        )}
        {type === 'identity-taken' && (
          <p>
            <Link to={paths.login}>{t('register.details.signInInstead')}</Link>
          </p>
        )}
      </ProblemAlert>

      <Field label={t('register.details.email')} hint={t('register.details.emailHint')} error={errorOf('email')}>
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
      <Field label={t('register.details.password')} hint={<PasswordPolicyHint />} error={errorOf('password')}>
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
      <Field label={t('register.details.passwordRepeat')} error={errorOf('passwordRepeat')}>
        {(control) => (
          <input
            {...control}
            type="password"
            name="new-password-repeat"
            autoComplete="new-password"
            value={passwordRepeat}
            onChange={(event) => setPasswordRepeat(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('register.details.language')} hint={t('register.details.languageHint')} error={apiErrors.language}>
        {(control) => (
          <select
            {...control}
            name="language"
            value={language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) setLanguage(event.target.value);
            }}
          >
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {LANGUAGE_AUTONYMS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('register.details.phone')}
        hint={t('register.details.phoneHint')}
        error={errorOf('phone')}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="tel"
            name="phone"
            autoComplete="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('register.details.submit')}
        </button>
      </div>
    </form>
  );
}
