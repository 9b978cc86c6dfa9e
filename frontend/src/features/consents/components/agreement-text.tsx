// One version of an agreement as a person reads it: the title, the dates, the text in the chosen
// language and, for the personal-data consent, what the law requires it to name.
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/hooks/use-date-time';
import type { Agreement, Language } from '../api/agreement-types';
import './consents.css';

export function PersonalDataDetailsList({ details }: { details: NonNullable<Agreement['details']> }) {
  const { t } = useTranslation();
  const list = (items: string[]) => (items.length === 0 ? t('consents.details.none') : items.join('; '));
  return (
    <dl className="summary">
      <dt>{t('consents.details.operator')}</dt>
      <dd>
        {details.operator} ({details.operator_contact})
      </dd>
      <dt>{t('consents.details.dataCollected')}</dt>
      <dd>{list(details.data_collected)}</dd>
      <dt>{t('consents.details.purposes')}</dt>
      <dd>{list(details.purposes)}</dd>
      <dt>{t('consents.details.term')}</dt>
      <dd>{details.term}</dd>
      <dt>{t('consents.details.thirdParty')}</dt>
      <dd>{list(details.third_party_transfer)}</dd>
      <dt>{t('consents.details.crossBorder')}</dt>
      <dd>{details.cross_border_transfer ? t('consents.details.yes') : t('consents.details.no')}</dd>
    </dl>
  );
}

export interface AgreementTextProps {
  agreement: Agreement;
  language: Language;
  /** The heading level of the title. */
  level?: 2 | 3;
  /** A word about this version for the reader (that it replaces one they accepted). */
  note?: string;
}

export function AgreementText({ agreement, language, level = 2, note }: AgreementTextProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = `agreement-${agreement.id}-${language}`;
  return (
    <article className="agreement-text" aria-labelledby={headingId}>
      <Heading id={headingId} lang={language}>{agreement.title[language]}</Heading>
      {note && <p className="agreement-text__note">{note}</p>}
      <p>
        {t(`consents.kinds.${agreement.kind}`)} · {t('consents.version', { version: agreement.version })} ·{' '}
        {t(`consents.statuses.${agreement.status}`, { defaultValue: agreement.status })}
      </p>
      <p>
        {t('consents.effectiveAt', { date: dateTime(agreement.effective_at) })} ·{' '}
        {t('consents.publishedAt', { date: dateTime(agreement.published_at) })}
      </p>
      {/* Long texts scroll inside their box; the box takes the keyboard focus so they can. */}
      <div
        className="agreement-text__body"
        tabIndex={0}
        role="region"
        lang={language}
        aria-label={agreement.title[language]}
      >
        {agreement.body[language]}
      </div>
      {agreement.details && <PersonalDataDetailsList details={agreement.details} />}
    </article>
  );
}
