// For administrators: how many acceptances and withdrawals each agreement version has, so
// they can see how far a new version has been accepted before it takes effect.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { listConsentTallies } from '../api/list-consent-tallies';

export function ConsentTallies() {
  const { t } = useTranslation();
  const { result } = useApiResult(listConsentTallies);

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (result.data.length === 0) return <p>{t('consents.list.empty')}</p>;

  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('consents.tallies.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consents.tallies.document')}</th>
            <th scope="col">{t('consents.tallies.accepted')}</th>
            <th scope="col">{t('consents.tallies.withdrawn')}</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((tally) => (
            <tr key={tally.agreement_id}>
              <th scope="row">
                {t(`consents.kinds.${tally.kind}`)}, {t('consents.version', { version: tally.version })}
              </th>
              <td>{tally.accepted}</td>
              <td>{tally.withdrawn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
