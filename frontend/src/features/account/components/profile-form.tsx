// The account's profile: who it is (from the certificate, not editable) and how to reach
// them (email, phone, language of the emails), which the owner may change. A new email address
// is confirmed again through a link sent to it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import { LANGUAGES, LANGUAGE_AUTONYMS, isLanguage } from '@/i18n/languages';
import { problemType, type ApiFailure } from '@/lib/api-client';
import { looksLikeEmail } from '@/lib/password-policy';
import type { Account, Language } from '../api/account-types';
import { updateProfile, type ProfileChanges } from '../api/update-profile';

type Outcome = 'saved' | 'saved-email' | 'unchanged' | null;

export function ProfileForm({ account, onUpdated }: { account: Account; onUpdated: (account: Account) => void }) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const [email, setEmail] = useState(account.email);
  const [phone, setPhone] = useState(account.phone ?? '');
  const [language, setLanguage] = useState<Language>(account.language);
  const [errors, setErrors] = useState<{ email?: string; phone?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    setFailure(null);
    const changes: ProfileChanges = {};
    const found: { email?: string; phone?: string } = {};
    const newEmail = email.trim();
    if (newEmail.toLowerCase() !== account.email.toLowerCase()) {
      if (newEmail === '') found.email = fieldErrorText('required');
      else if (!looksLikeEmail(newEmail)) found.email = fieldErrorText('email');
      else changes.email = newEmail;
    }
    const newPhone = phone.trim();
    if (newPhone !== (account.phone ?? '')) {
      // The API keeps a phone number once given: it can be changed, not removed.
      if (newPhone === '') found.phone = t('account.profile.phoneRequiredOnceGiven');
      else if (newPhone.length < 5 || newPhone.length > 32) found.phone = t('fieldErrors.phone');
      else changes.phone = newPhone;
    }
    if (language !== account.language) changes.language = language;
    setErrors(found);
    if (found.email || found.phone) return;
    if (Object.keys(changes).length === 0) {
      setOutcome('unchanged');
      return;
    }
    setBusy(true);
    const result = await updateProfile(changes);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setEmail(result.data.email);
    setPhone(result.data.phone ?? '');
    setLanguage(result.data.language);
    setOutcome(changes.email ? 'saved-email' : 'saved');
    onUpdated(result.data);
  }

  const emailError =
    errors.email ?? (failure && problemType(failure) === 'email-taken' ? t('fieldErrors.emailTaken') : apiErrors.email);

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      {outcome && (
        <Notice>
          <p>
            {outcome === 'unchanged'
              ? t('account.profile.unchanged')
              : outcome === 'saved-email'
                ? t('account.profile.savedEmail', { email: account.email })
                : t('account.profile.saved')}
          </p>
        </Notice>
      )}
      <ProblemAlert failure={failure} />
      <Field
        label={t('account.profile.email')}
        hint={account.email_verified ? t('account.profile.emailConfirmed') : t('account.profile.emailUnconfirmed')}
        error={emailError}
      >
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
      <Field label={t('account.profile.phone')} hint={t('register.details.phoneHint')} error={errors.phone ?? apiErrors.phone} optional>
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
      <Field label={t('account.profile.language')} hint={t('register.details.languageHint')} error={apiErrors.language}>
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
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('account.profile.save')}
        </button>
      </div>
    </form>
  );
}
