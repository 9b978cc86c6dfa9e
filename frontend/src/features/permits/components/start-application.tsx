// Starting an application: the service, what the three steps will ask for, and a title the
// applicant will recognise the request by; "Start" creates the draft (POST /permit-requests).
// The Idempotency-Key lives as long as the page, so a second click or a retry after a lost
// answer gets the same draft rather than a second one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiFailure } from '@/lib/api-client';
import { getPermitType } from '../api/catalogue';
import { createDraft } from '../api/drafts';
import type { PermitsViewer } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { DocumentChecklistSummary } from './catalogue';
import './permits.css';

export interface StartApplicationProps {
  code: string;
  viewer: PermitsViewer;
  onStarted: (requestId: string) => void;
  /** Named once the service is known, for the page's heading and title. */
  onLoaded?: (name: string) => void;
}

export function StartApplication({ code, viewer, onStarted, onLoaded }: StartApplicationProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const load = useCallback(() => getPermitType(code), [code]);
  const { result } = useApiResult(load);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const fieldErrors = useApiFieldErrors(failure);

  const name = result?.ok ? localized(result.data.name) : null;
  useEffect(() => {
    if (name) onLoaded?.(name);
  }, [name, onLoaded]);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const type = result.data;

  if (viewer.role !== 'applicant' || !type.applicant_kinds.includes(viewer.kind)) {
    return <p className="alert alert--warning">{t('permits.start.notForYou')}</p>;
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const created = await createDraft(code, title, idempotencyKey);
    setBusy(false);
    if (!created.ok) {
      setFailure(created.failure);
      return;
    }
    onStarted(created.data.id);
  }

  return (
    <>
      <p className="lead">{localized(type.description)}</p>
      <section aria-labelledby="start-steps">
        <h2 id="start-steps">{t('permits.start.stepsHeading')}</h2>
        <ol className="steps">
          <li>{t('permits.start.steps.form')}</li>
          <li>{t('permits.start.steps.documents')}</li>
          <li>{t('permits.start.steps.sign')}</li>
        </ol>
        <h3>{t('permits.catalogue.documents')}</h3>
        <DocumentChecklistSummary slots={type.documents} />
      </section>
      <section aria-labelledby="start-form">
        <h2 id="start-form">{t('permits.start.formHeading')}</h2>
        <form className="form" onSubmit={(event) => void start(event)} noValidate>
          <ProblemAlert failure={failure} />
          <Field
            label={t('permits.fields.title')}
            hint={t('permits.start.titleHint', { name: localized(type.name) })}
            error={fieldErrors.title}
            optional
          >
            {(control) => (
              <input
                {...control}
                type="text"
                name="title"
                maxLength={300}
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {t('permits.start.submit')}
          </button>
        </form>
      </section>
    </>
  );
}
