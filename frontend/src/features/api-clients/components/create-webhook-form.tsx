// Adding a webhook to a client: the receiver's address and the events it wants (each explained).
// The API checks the address (https://, no user or password in it) and says so beside the field;
// the signing secret comes back this once, and the section shows it.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { createWebhook } from '../api/create-webhook';
import { EVENT_TYPES, type EventType, type WebhookWithSecret } from '../api/webhook-types';
import { useEventText } from './use-event-text';

export interface CreateWebhookFormProps {
  clientId: string;
  onCreated: (created: WebhookWithSecret) => void;
}

/** The API's `invalid_url` on `url`, in the interface language; other codes as useApiFieldErrors has them. */
function urlErrorOf(failure: ApiFailure | null): boolean {
  return (
    failure?.kind === 'problem' &&
    failure.problem.type === 'validation' &&
    (failure.problem.errors ?? []).some((error) => error.field === 'url' && error.code === 'invalid_url')
  );
}

export function CreateWebhookForm({ clientId, onCreated }: CreateWebhookFormProps) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const eventText = useEventText();
  const eventsId = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>([]);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);
  const firstEvent = useRef<HTMLInputElement>(null);
  const apiErrors = useApiFieldErrors(failure);

  const urlError = errors.url ?? (urlErrorOf(failure) ? t('apiClients.webhooks.form.urlInvalid') : apiErrors.url);
  const eventsError =
    errors.events ?? apiErrors.events ?? Object.entries(apiErrors).find(([field]) => field.startsWith('events['))?.[1];

  function toggle(eventType: EventType, checked: boolean) {
    setEvents((previous) =>
      checked ? EVENT_TYPES.filter((e) => e === eventType || previous.includes(e)) : previous.filter((e) => e !== eventType),
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = {
      ...(url.trim() === '' ? { url: fieldErrorText('required') } : {}),
      ...(events.length === 0 ? { events: t('apiClients.webhooks.form.eventsMissing') } : {}),
    };
    setErrors(found);
    if (found.url) {
      urlInput.current?.focus();
      return;
    }
    if (found.events) {
      firstEvent.current?.focus();
      return;
    }
    setBusy(true);
    const result = await createWebhook(clientId, { url: url.trim(), events });
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      if (urlErrorOf(result.failure)) urlInput.current?.focus();
      return;
    }
    setUrl('');
    setEvents([]);
    onCreated(result.data);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="webhook-form">
      {/* The only conflict here: the client was revoked meanwhile. */}
      <ProblemAlert failure={failure} explain={{ conflict: t('apiClients.revokedMeanwhile') }} />
      <Field label={t('apiClients.webhooks.form.url')} hint={t('apiClients.webhooks.form.urlHint')} error={urlError}>
        {(control) => (
          <input
            {...control}
            ref={urlInput}
            type="url"
            name="webhook-url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={2000}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
      </Field>
      <fieldset
        className={['choice', 'api-clients__scopes', eventsError ? 'field--error' : null].filter(Boolean).join(' ')}
        aria-describedby={[`${eventsId}-hint`, eventsError ? `${eventsId}-error` : null].filter(Boolean).join(' ')}
        data-testid="webhook-events"
      >
        <legend className="choice__legend">{t('apiClients.webhooks.form.events')}</legend>
        <p id={`${eventsId}-hint`} className="field__hint">
          {t('apiClients.webhooks.form.eventsHint')}
        </p>
        {eventsError && (
          <p id={`${eventsId}-error`} className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {eventsError}
          </p>
        )}
        {EVENT_TYPES.map((eventType, index) => {
          const text = eventText(eventType);
          const id = `${eventsId}-${index}`;
          return (
            <div key={eventType} className="api-clients__scope">
              <input
                ref={index === 0 ? firstEvent : undefined}
                id={id}
                type="checkbox"
                name="events"
                value={eventType}
                checked={events.includes(eventType)}
                aria-describedby={`${id}-explanation`}
                onChange={(event) => toggle(eventType, event.target.checked)}
              />
              <label htmlFor={id}>{text.label}</label>
              <p id={`${id}-explanation`} className="api-clients__scope-explanation">
                {text.explanation}
              </p>
            </div>
          );
        })}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('apiClients.webhooks.form.submit')}
        </button>
      </div>
    </form>
  );
}
