// Administrators publish a new version of an agreement: its kind, the title
// and text in each language with a preview of each, for the personal-data consent the fields the
// law requires, and when it takes effect (left empty: the earliest allowed, which is at once for
// the first version of a kind and after the notice period otherwise). Publishing notifies
// everyone.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useDateTime } from '@/hooks/use-date-time';
import { LANGUAGES, LANGUAGE_AUTONYMS } from '@/i18n/languages';
import type { ApiFailure } from '@/lib/api-client';
import type { Agreement, AgreementKind, Language, PublishRequest } from '../api/agreement-types';
import { publishAgreement } from '../api/publish-agreement';
import './consents.css';

const KINDS: readonly AgreementKind[] = ['terms', 'personal_data'];
type Localized = Record<Language, string>;

interface Details {
  operator: string;
  operatorContact: string;
  dataCollected: string;
  purposes: string;
  term: string;
  thirdParty: string;
  crossBorder: boolean;
}

const EMPTY_DETAILS: Details = {
  operator: '',
  operatorContact: '',
  dataCollected: '',
  purposes: '',
  term: '',
  thirdParty: '',
  crossBorder: false,
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function AgreementPublisher({ onPublished }: { onPublished?: (agreement: Agreement) => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [kind, setKind] = useState<AgreementKind>('terms');
  const [title, setTitle] = useState<Localized>({ kk: '', ru: '', en: '' });
  const [body, setBody] = useState<Localized>({ kk: '', ru: '', en: '' });
  const [details, setDetails] = useState<Details>(EMPTY_DETAILS);
  const [effectiveAt, setEffectiveAt] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [published, setPublished] = useState<Agreement | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setPublished(null);
    const effective = effectiveAt ? new Date(effectiveAt) : null;
    const request: PublishRequest = {
      kind,
      title,
      body,
      details:
        kind === 'personal_data'
          ? {
              operator: details.operator.trim(),
              operator_contact: details.operatorContact.trim(),
              data_collected: lines(details.dataCollected),
              purposes: lines(details.purposes),
              term: details.term.trim(),
              third_party_transfer: lines(details.thirdParty),
              cross_border_transfer: details.crossBorder,
            }
          : null,
      effective_at: effective && !Number.isNaN(effective.getTime()) ? effective.toISOString() : null,
    };
    setBusy(true);
    const answer = await publishAgreement(request);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setPublished(answer.data);
    onPublished?.(answer.data);
  }

  const detailsField = (name: keyof Omit<Details, 'crossBorder'>, apiName: string, multiline = false) => (
    <Field
      label={t(`consents.publish.details.${name}`)}
      hint={multiline ? t('consents.publish.onePerLine') : undefined}
      error={apiErrors[`details.${apiName}`]}
    >
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            rows={3}
            value={details[name]}
            onChange={(event) => setDetails({ ...details, [name]: event.target.value })}
          />
        ) : (
          <input
            {...control}
            type="text"
            value={details[name]}
            onChange={(event) => setDetails({ ...details, [name]: event.target.value })}
          />
        )
      }
    </Field>
  );

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemAlert failure={failure} />
      {published && (
        <Notice>
          {t('consents.publish.published', {
            version: published.version,
            date: dateTime(published.effective_at),
          })}
        </Notice>
      )}

      <Field label={t('consents.publish.kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(event) => setKind(event.target.value as AgreementKind)}>
            {KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`consents.kinds.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>

      {LANGUAGES.map((language) => (
        <fieldset key={language}>
          <legend>{t('consents.publish.textIn', { language: LANGUAGE_AUTONYMS[language] })}</legend>
          <Field
            label={t('consents.publish.title', { language: LANGUAGE_AUTONYMS[language] })}
            error={apiErrors[`title.${language}`]}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                lang={language}
                value={title[language]}
                onChange={(event) => setTitle({ ...title, [language]: event.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('consents.publish.body', { language: LANGUAGE_AUTONYMS[language] })}
            error={apiErrors[`body.${language}`]}
          >
            {(control) => (
              <textarea
                {...control}
                rows={8}
                lang={language}
                value={body[language]}
                onChange={(event) => setBody({ ...body, [language]: event.target.value })}
              />
            )}
          </Field>
          <section className="agreement-preview" aria-label={t('consents.publish.preview', { language: LANGUAGE_AUTONYMS[language] })}>
            <p className="field__hint">{t('consents.publish.preview', { language: LANGUAGE_AUTONYMS[language] })}</p>
            <p lang={language}>
              <strong>{title[language] || '—'}</strong>
            </p>
            <div className="agreement-text__body" lang={language}>
              {body[language] || '—'}
            </div>
          </section>
        </fieldset>
      ))}

      {kind === 'personal_data' && (
        <fieldset>
          <legend>{t('consents.publish.details.legend')}</legend>
          {detailsField('operator', 'operator')}
          {detailsField('operatorContact', 'operator_contact')}
          {detailsField('dataCollected', 'data_collected', true)}
          {detailsField('purposes', 'purposes', true)}
          {detailsField('term', 'term')}
          {detailsField('thirdParty', 'third_party_transfer', true)}
          <label className="choice__option">
            <input
              type="checkbox"
              checked={details.crossBorder}
              onChange={(event) => setDetails({ ...details, crossBorder: event.target.checked })}
            />{' '}
            {t('consents.publish.details.crossBorder')}
          </label>
        </fieldset>
      )}

      <Field
        label={t('consents.publish.effectiveAt')}
        hint={t('consents.publish.effectiveHint')}
        error={apiErrors.effective_at}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={effectiveAt}
            onChange={(event) => setEffectiveAt(event.target.value)}
          />
        )}
      </Field>

      <button type="submit" className="button" disabled={busy}>
        {t('consents.publish.submit')}
      </button>
    </form>
  );
}
