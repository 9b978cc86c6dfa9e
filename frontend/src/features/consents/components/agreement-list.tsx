// The public list of the agreements: of each kind the version in force and any
// upcoming one, with the dates, each linking to its text.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { currentLanguage } from '@/i18n';
import { listAgreements } from '../api/list-agreements';
import './consents.css';

export function AgreementList({ linkTo }: { linkTo: (id: string) => string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const language = currentLanguage();
  const { result } = useApiResult(listAgreements);

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (result.data.length === 0) return <p>{t('consents.list.empty')}</p>;

  return (
    <ul className="agreement-list">
      {result.data.map((agreement) => (
        <li key={agreement.id}>
          <Link to={linkTo(agreement.id)}>{agreement.title[language]}</Link>
          <br />
          {t(`consents.kinds.${agreement.kind}`)} · {t('consents.version', { version: agreement.version })} ·{' '}
          {t(`consents.statuses.${agreement.status}`, { defaultValue: agreement.status })} ·{' '}
          {t('consents.effectiveAt', { date: dateTime(agreement.effective_at) })}
        </li>
      ))}
    </ul>
  );
}
