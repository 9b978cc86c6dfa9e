// Registering an API client of the organisation: its name, its scopes (each explained), and
// optionally the public half of a key pair (private_key_jwt); without one the client gets a
// secret, which the page shows once. The API refuses a session begun with a password (409), and
// an individual's account (403); ClientProblem says what to do then.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { SCOPES, type ApiClientWithSecret, type Scope } from '../api/client-types';
import { createClient } from '../api/create-client';
import { ClientProblem } from './client-problem';
import { useKeyError } from './key-error';
import { useScopeText } from './use-scope-text';

export interface CreateClientFormProps {
  onCreated: (created: ApiClientWithSecret) => void;
  signInWithEds: ReactNode;
}

export function CreateClientForm({ onCreated, signInWithEds }: CreateClientFormProps) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const scopeText = useScopeText();
  const keyError = useKeyError();
  const scopesId = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [publicKey, setPublicKey] = useState('');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const firstScope = useRef<HTMLInputElement>(null);
  const apiErrors = useApiFieldErrors(failure);

  const scopesError =
    errors.scopes ?? apiErrors.scopes ?? Object.entries(apiErrors).find(([field]) => field.startsWith('scopes['))?.[1];
  const nameError = errors.name ?? apiErrors.name;
  const publicKeyError = keyError(failure, apiErrors);

  function toggle(scope: Scope, checked: boolean) {
    setScopes((previous) => (checked ? SCOPES.filter((s) => s === scope || previous.includes(s)) : previous.filter((s) => s !== scope)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = {
      ...(name.trim() === '' ? { name: fieldErrorText('required') } : {}),
      ...(scopes.length === 0 ? { scopes: t('apiClients.form.scopesMissing') } : {}),
    };
    setErrors(found);
    if (found.name) {
      nameInput.current?.focus();
      return;
    }
    if (found.scopes) {
      firstScope.current?.focus();
      return;
    }
    setBusy(true);
    const key = publicKey.trim();
    const result = await createClient({ name: name.trim(), scopes, ...(key ? { public_key_pem: key } : {}) });
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setName('');
    setScopes([]);
    setPublicKey('');
    onCreated(result.data);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="api-client-form">
      <p>{t('apiClients.form.intro')}</p>
      <ClientProblem failure={failure} signInWithEds={signInWithEds} />
      <Field label={t('apiClients.form.name')} hint={t('apiClients.form.nameHint')} error={nameError}>
        {(control) => (
          <input
            {...control}
            ref={nameInput}
            type="text"
            name="client-name"
            autoComplete="off"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <fieldset
        className={['choice', 'api-clients__scopes', scopesError ? 'field--error' : null].filter(Boolean).join(' ')}
        aria-describedby={[`${scopesId}-hint`, scopesError ? `${scopesId}-error` : null].filter(Boolean).join(' ')}
        data-testid="api-client-scopes"
      >
        <legend className="choice__legend">{t('apiClients.form.scopes')}</legend>
        <p id={`${scopesId}-hint`} className="field__hint">
          {t('apiClients.form.scopesHint')}
        </p>
        {scopesError && (
          <p id={`${scopesId}-error`} className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {scopesError}
          </p>
        )}
        {SCOPES.map((scope, index) => {
          const text = scopeText(scope);
          const id = `${scopesId}-${index}`;
          return (
            <div key={scope} className="api-clients__scope">
              <input
                ref={index === 0 ? firstScope : undefined}
                id={id}
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                aria-describedby={`${id}-explanation`}
                onChange={(event) => toggle(scope, event.target.checked)}
              />
              <label htmlFor={id}>{text.label}</label>
              <p id={`${id}-explanation`} className="api-clients__scope-explanation">
                {text.explanation}
              </p>
            </div>
          );
        })}
      </fieldset>
      <Field label={t('apiClients.form.key')} hint={t('apiClients.form.keyHint')} error={publicKeyError} optional>
        {(control) => (
          <textarea
            {...control}
            name="public-key"
            rows={5}
            spellCheck={false}
            className="api-clients__pem"
            value={publicKey}
            onChange={(event) => setPublicKey(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('apiClients.form.submit')}
        </button>
      </div>
    </form>
  );
}
