// The audit log of administrators' actions (R-3.1.2): what was done to which account, by whom,
// when and why. For all accounts, or for one.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useDateTime } from '@/hooks/use-date-time';
import { usePagedList } from '@/hooks/use-paged-list';
import type { AuditEvent } from '../api/admin-types';
import { listAuditEvents } from '../api/list-audit-events';

const ACTIONS = [
  'account.verify',
  'account.block',
  'account.unblock',
  'account.refuse',
  'account.unlock',
  'account.delete',
  'account.grant_role',
] as const;

type KnownAction = (typeof ACTIONS)[number];

function isKnown(action: string): action is KnownAction {
  return (ACTIONS as readonly string[]).includes(action);
}

function details(event: AuditEvent): string | null {
  const value: unknown = event.details;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && Object.keys(value).length === 0) return null;
  return JSON.stringify(value);
}

export function AuditLog({ accountId, version }: { accountId?: string; version?: unknown }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const loadPage = useCallback((cursor: string | undefined) => listAuditEvents(accountId, cursor), [accountId]);
  const list = usePagedList(loadPage, `${accountId ?? ''}:${String(version ?? '')}`);

  if (list.loading) return <p role="status">{t('common.loading')}</p>;
  return (
    <>
      <ProblemAlert failure={list.failure} />
      {list.items.length === 0 && !list.failure && <p>{t('admin.audit.empty')}</p>}
      {list.items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('admin.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                {!accountId && <th scope="col">{t('admin.audit.account')}</th>}
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.id}>
                  <td>{dateTime(event.created_at)}</td>
                  <td>
                    {isKnown(event.action) ? t(`admin.audit.actions.${event.action}`) : event.action}
                    {details(event) && <span className="table__note">{details(event)}</span>}
                  </td>
                  {!accountId && (
                    <td>
                      {event.target_account_id ? (
                        <Link to={paths.adminAccount(event.target_account_id)}>
                          {t('admin.audit.openAccount')}
                          <span className="visually-hidden"> {event.target_account_id}</span>
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  )}
                  <td>
                    {event.actor_id ? (
                      <Link to={paths.adminAccount(event.actor_id)}>
                        {t('admin.audit.openActor')}
                        <span className="visually-hidden"> {event.actor_id}</span>
                      </Link>
                    ) : (
                      t('admin.audit.system')
                    )}
                  </td>
                  <td>{event.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
