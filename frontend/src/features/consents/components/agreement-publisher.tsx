// Administrators publish a new version of an agreement: its kind, the title
// and text in each language with a preview of each, for the personal-data consent the fields the
// law requires, and when it takes effect: proposed three days ahead, the notice people are owed
// (left empty: the earliest allowed, which is at once for the first version of a kind, which the
// form points out, and after the notice period otherwise). Publishing notifies everyone, so the
// version is shown whole, in each language, to be confirmed before it is sent.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { LANGUAGES, LANGUAGE_AUTONYMS } from '@/i18n/languages';
import type { ApiFailure } from '@/lib/api-client';
import type { Agreement, AgreementKind, Language, PublishRequest } from '../api/agreement-types';
import { listAgreements } from '../api/list-agreements';
import { publishAgreement } from '../api/publish-agreement';
import { proposedEffectiveAt } from '../lib/effective-date';
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

type TextErrors = Partial<Record<`${'title' | 'body'}.${Language}`, string>>;

export function AgreementPublisher({ onPublished }: { onPublished?: (agreement: Agreement) => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [kind, setKind] = useState<AgreementKind>('terms');
  const [title, setTitle] = useState<Localized>({ kk: '', ru: '', en: '' });
  const [body, setBody] = useState<Localized>({ kk: '', ru: '', en: '' });
  const [details, setDetails] = useState<Details>(EMPTY_DETAILS);
  const [effectiveAt, setEffectiveAt] = useState(() => proposedEffectiveAt(new Date()));
  const [textErrors, setTextErrors] = useState<TextErrors>({});
  /** Whether the version is shown to be confirmed; `'edit'` when the form came back from there. */
  const [step, setStep] = useState<'form' | 'review' | 'edit'>('form');
  const reviewing = step === 'review';
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [published, setPublished] = useState<Agreement | null>(null);
  const [busy, setBusy] = useState(false);
  const apiErrors = useApiFieldErrors(failure);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const kindSelect = useRef<HTMLSelectElement>(null);

  // The first version of a kind may take effect at once; the list says whether one exists.
  const loadAgreements = useCallback(() => listAgreements(), []);
  const { result: existing } = useApiResult(loadAgreements, published?.id);
  const firstOfKind = existing?.ok === true && !existing.data.some((agreement) => agreement.kind === kind);

  // Each step takes the focus: the review its heading, the form (back from the review) its first field.
  useEffect(() => {
    if (step === 'review') reviewHeading.current?.focus();
    if (step === 'edit') kindSelect.current?.focus();
  }, [step]);

  /** Checks that every language has its title and text, then shows the version to confirm. */
  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: TextErrors = {};
    for (const language of LANGUAGES) {
      if (!title[language].trim()) errors[`title.${language}`] = t('fieldErrors.required');
      if (!body[language].trim()) errors[`body.${language}`] = t('fieldErrors.required');
    }
    setTextErrors(errors);
    setPublished(null);
    if (Object.keys(errors).length > 0) return;
    setStep('review');
  }

  async function publish() {
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
    setStep('form');
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setPublished(answer.data);
    onPublished?.(answer.data);
  }

  const effectiveWords = () => {
    const effective = effectiveAt ? new Date(effectiveAt) : null;
    if (effective && !Number.isNaN(effective.getTime())) {
      return t('consents.publish.review.effective', { date: dateTime(effective.toISOString()) });
    }
    return firstOfKind ? t('consents.publish.review.effectiveAtOnce') : t('consents.publish.review.effectiveEarliest');
  };

  if (reviewing) {
    return (
      <section className="agreement-review" aria-labelledby="agreement-review-heading" data-testid="agreement-review">
        <h2 id="agreement-review-heading" ref={reviewHeading} tabIndex={-1}>
          {t('consents.publish.review.heading')}
        </h2>
        <p>{t('consents.publish.review.intro')}</p>
        <p>
          <strong>{t('consents.publish.review.kind', { kind: t(`consents.kinds.${kind}`) })}</strong>
        </p>
        <p data-testid="agreement-review-effective">{effectiveWords()}</p>
        {LANGUAGES.map((language) => (
          <article key={language} className="agreement-review__text" aria-labelledby={`agreement-review-${language}`}>
            <p className="field__hint">{LANGUAGE_AUTONYMS[language]}</p>
            <h3 id={`agreement-review-${language}`} lang={language}>
              {title[language]}
            </h3>
            <div className="agreement-text__body" lang={language}>
              {body[language]}
            </div>
          </article>
        ))}
        {kind === 'personal_data' && (
          <dl className="summary">
            {(['operator', 'operatorContact', 'dataCollected', 'purposes', 'term', 'thirdParty'] as const).map((name) => (
              <div className="summary__row" key={name}>
                <dt>{t(`consents.publish.details.${name}`)}</dt>
                <dd className="pre-wrap">{details[name] || '—'}</dd>
              </div>
            ))}
            <div className="summary__row">
              <dt>{t('consents.publish.details.crossBorder')}</dt>
              <dd>{details.crossBorder ? t('common.yes') : t('common.no')}</dd>
            </div>
          </dl>
        )}
        <div className="form__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void publish()}>
            {t('consents.publish.review.confirm')}
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setStep('edit')}>
            {t('consents.publish.review.back')}
          </button>
        </div>
      </section>
    );
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
    <form className="form" onSubmit={review} noValidate>
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
          <select {...control} ref={kindSelect} value={kind} onChange={(event) => setKind(event.target.value as AgreementKind)}>
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
            error={textErrors[`title.${language}`] ?? apiErrors[`title.${language}`]}
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
            error={textErrors[`body.${language}`] ?? apiErrors[`body.${language}`]}
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
            name="effective_at"
            value={effectiveAt}
            onChange={(event) => setEffectiveAt(event.target.value)}
          />
        )}
      </Field>
      {firstOfKind && (
        <div className="alert alert--info" data-testid="first-version">
          <p>{t('consents.publish.firstVersion', { kind: t(`consents.kinds.${kind}`) })}</p>
          {effectiveAt !== '' && (
            <button type="button" className="button button--secondary" onClick={() => setEffectiveAt('')}>
              {t('consents.publish.atOnce')}
            </button>
          )}
        </div>
      )}

      <button type="submit" className="button" disabled={busy}>
        {t('consents.publish.submit')}
      </button>
    </form>
  );
}
