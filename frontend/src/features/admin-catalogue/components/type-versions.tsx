// A permit type's versions, newest first: when (on Astana's clock, the department's time), who
// made it (the catalogue file made the first), why, and how many requests were filed under it.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useApiResult } from '@/hooks/use-api-result';
import { useAstanaDateTime } from '@/hooks/use-date-time';
import { listVersions } from '../api/permit-types';

/** `round` reads the list again (after a save). */
export function TypeVersions({ code, round }: { code: string; round: number }) {
  const { t, i18n } = useTranslation();
  const dateTime = useAstanaDateTime();
  const load = useCallback(() => listVersions(code), [code]);
  const { result } = useApiResult(load, round);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (result.data.length === 0) return <p>{t('adminCatalogue.versions.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('adminCatalogue.versions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adminCatalogue.versions.version')}</th>
            <th scope="col">{t('adminCatalogue.versions.when')}</th>
            <th scope="col">{t('adminCatalogue.versions.who')}</th>
            <th scope="col">{t('adminCatalogue.versions.why')}</th>
            <th scope="col">{t('adminCatalogue.versions.requests')}</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((version) => (
            <tr key={version.version} data-testid="type-version">
              <td>{version.version}</td>
              <td>
                <time dateTime={version.created_at}>{dateTime(version.created_at)}</time>
              </td>
              <td>
                {version.created_by ? (
                  <Link to={paths.adminAccount(version.created_by)}>{version.created_by_name || t('admin.audit.openActor')}</Link>
                ) : (
                  t('adminCatalogue.versions.catalogueFile')
                )}
              </td>
              <td>{version.reason || '—'}</td>
              <td>{number.format(version.requests)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
