// Administrators find accounts: by a part of the name or email, or a whole IIN/BIN,
// filtered by status and role, newest first, more on request. The search lives in the address,
// so "back" from an account returns to the same results.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { PagedListResults } from '@/components/paged-list-results';
import { paths } from '@/config/paths';
import { useDateTime } from '@/hooks/use-date-time';
import { usePagedList } from '@/hooks/use-paged-list';
import { ACCOUNT_STATUSES, ROLES, type AccountStatus, type Role } from '../api/admin-types';
import { listAccounts, type AccountFilter } from '../api/list-accounts';

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value);
}

export function AccountSearch() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [params, setParams] = useSearchParams();
  const filter: AccountFilter = {
    q: params.get('q') ?? undefined,
    status: oneOf(ACCOUNT_STATUSES, params.get('status')),
    role: oneOf(ROLES, params.get('role')),
  };
  const [q, setQ] = useState(filter.q ?? '');
  const [status, setStatus] = useState<AccountStatus | ''>(filter.status ?? '');
  const [role, setRole] = useState<Role | ''>(filter.role ?? '');

  const key = params.toString();
  const loadPage = useCallback(
    (cursor: string | undefined) => {
      const current = new URLSearchParams(key);
      return listAccounts(
        {
          q: current.get('q') ?? undefined,
          status: oneOf(ACCOUNT_STATUSES, current.get('status')),
          role: oneOf(ROLES, current.get('role')),
        },
        cursor,
      );
    },
    [key],
  );
  const list = usePagedList(loadPage, key);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (status) next.set('status', status);
    if (role) next.set('role', role);
    setParams(next);
  }

  return (
    <>
      <form className="form form--inline" role="search" aria-label={t('admin.search.label')} onSubmit={search}>
        <Field label={t('admin.search.query')} hint={t('admin.search.queryHint')}>
          {(control) => (
            <input {...control} type="search" name="q" value={q} onChange={(event) => setQ(event.target.value)} />
          )}
        </Field>
        <Field label={t('admin.search.status')}>
          {(control) => (
            <select
              {...control}
              name="status"
              value={status}
              onChange={(event) => setStatus(oneOf(ACCOUNT_STATUSES, event.target.value) ?? '')}
            >
              <option value="">{t('admin.search.any')}</option>
              {ACCOUNT_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {t(`statuses.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.search.role')}>
          {(control) => (
            <select {...control} name="role" value={role} onChange={(event) => setRole(oneOf(ROLES, event.target.value) ?? '')}>
              <option value="">{t('admin.search.any')}</option>
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('admin.search.submit')}
          </button>
        </div>
      </form>

      <PagedListResults list={list} none={t('admin.search.none')} shown={(count) => t('admin.search.shown', { count })}>
        {(items) => (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('admin.search.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.account.name')}</th>
                  <th scope="col">{t('admin.account.iin')}</th>
                  <th scope="col">{t('admin.account.email')}</th>
                  <th scope="col">{t('admin.account.status')}</th>
                  <th scope="col">{t('admin.account.role')}</th>
                  <th scope="col">{t('admin.account.registered')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((account) => (
                  <tr key={account.id}>
                    <td>
                      <Link to={paths.adminAccount(account.id)}>{account.full_name || account.id}</Link>
                      {account.organisation && <span className="table__note">{account.organisation}</span>}
                    </td>
                    <td>
                      {account.iin}
                      {account.bin && <span className="table__note">{t('admin.account.binShort', { bin: account.bin })}</span>}
                    </td>
                    <td>{account.email}</td>
                    <td>{t(`statuses.${account.status}`)}</td>
                    <td>{t(`roles.${account.role}`)}</td>
                    <td>{dateTime(account.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedListResults>
    </>
  );
}
