// "My requests": the applicant's requests (and their company's), newest first, filtered by
// status; the filter lives in the address.
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PagedListResults } from '@/components/paged-list-results';
import { usePagedList } from '@/hooks/use-paged-list';
import { listRequests } from '../api/list-requests';
import { REQUEST_STATUSES, type RequestStatus } from '../api/permit-types';
import { RequestTable } from './request-table';
import { usePermitTypes } from './use-type-names';
import './permits.css';

function statusOf(value: string | null): RequestStatus | undefined {
  return REQUEST_STATUSES.find((status) => status === value);
}

export function MyRequests({ linkTo, servicesLink }: { linkTo: (id: string) => string; servicesLink: string }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const status = statusOf(params.get('status'));
  const { typeName } = usePermitTypes();
  const loadPage = useCallback((cursor: string | undefined) => listRequests({ status }, cursor), [status]);
  const list = usePagedList(loadPage, status ?? '');

  return (
    <>
      <p>
        <Link to={servicesLink}>{t('permits.mine.newRequest')}</Link>
      </p>
      <div className="form form--inline">
        <div className="field">
          <label className="field__label" htmlFor={filterId}>
            {t('permits.mine.statusFilter')}
          </label>
          <select
            id={filterId}
            name="status"
            value={status ?? ''}
            onChange={(event) => {
              const next = statusOf(event.target.value);
              setParams(next ? { status: next } : {});
            }}
          >
            <option value="">{t('permits.mine.anyStatus')}</option>
            {REQUEST_STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`permits.status.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <PagedListResults
        list={list}
        none={status ? t('permits.mine.noneWithStatus') : t('permits.mine.none')}
        shown={(count) => t('permits.mine.shown', { count })}
      >
        {(items) => <RequestTable items={items} caption={t('permits.mine.caption')} typeName={typeName} linkTo={linkTo} />}
      </PagedListResults>
    </>
  );
}
