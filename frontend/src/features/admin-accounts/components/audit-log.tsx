// The audit log: what was done, to whom, by whom, when (on Astana's clock, the
// department's time) and why. For one account on its page (AuditLog), and for all of them on the
// audit page (audit-search.tsx), both drawn by AuditTable.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useAstanaDateTime } from '@/hooks/use-date-time';
import { usePagedList } from '@/hooks/use-paged-list';
import { ROLES, type AuditEvent, type Role } from '../api/admin-types';
import { listAuditEvents } from '../api/list-audit-events';

/** The actions the log records that the interface words, by family (the part before the dot). */
export const AUDIT_ACTIONS = [
  'account.verify',
  'account.block',
  'account.unblock',
  'account.refuse',
  'account.unlock',
  'account.delete',
  'account.role',
  'account.grant_role',
  'api_client.created',
  'api_client.secret_rotated',
  'api_client.key_set',
  'api_client.revoked',
  'agreement.publish',
  'announcement.create',
  'email.resend',
] as const;

export type KnownAction = (typeof AUDIT_ACTIONS)[number];

/** The families of actions, each filterable as a whole (`account.`). */
export const AUDIT_FAMILIES = ['account', 'api_client', 'agreement', 'announcement', 'email'] as const;

export type ActionFamily = (typeof AUDIT_FAMILIES)[number];

export function isKnownAction(action: string): action is KnownAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

function roleOf(value: unknown): Role | null {
  return ROLES.find((role) => role === value) ?? null;
}

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** What the event's details add, in words where the interface knows them. */
function useDetails(): (event: AuditEvent) => string | null {
  const { t } = useTranslation();
  return (event) => {
    const details = recordOf(event.details);
    if (!details || Object.keys(details).length === 0) return null;
    if (event.action === 'account.role') {
      const from = roleOf(details.from);
      const to = roleOf(details.to);
      if (from && to) return t('admin.audit.roleChange', { from: t(`roles.${from}`), to: t(`roles.${to}`) });
    }
    return JSON.stringify(details);
  };
}

export function AuditTable({ items, withTarget }: { items: readonly AuditEvent[]; withTarget: boolean }) {
  const { t } = useTranslation();
  const dateTime = useAstanaDateTime();
  const detailsOf = useDetails();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('admin.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.when')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            {withTarget && <th scope="col">{t('admin.audit.account')}</th>}
            <th scope="col">{t('admin.audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => {
            const details = detailsOf(event);
            return (
              <tr key={event.id} data-testid="audit-event">
                <td>
                  <time dateTime={event.created_at}>{dateTime(event.created_at)}</time>
                </td>
                <td>
                  {event.actor_id ? (
                    <Link to={paths.adminAccount(event.actor_id)}>{event.actor_name || t('admin.audit.openActor')}</Link>
                  ) : (
                    t('admin.audit.system')
                  )}
                  {event.client_address && (
                    <span className="table__note">
                      {t(event.client_forwarded ? 'admin.audit.fromForwarded' : 'admin.audit.from', {
                        address: event.client_address,
                      })}
                    </span>
                  )}
                </td>
                <td>
                  {isKnownAction(event.action) ? t(`admin.audit.actions.${event.action}`) : event.action}
                  <span className="table__note">
                    <code>{event.action}</code>
                  </span>
                  {details && <span className="table__note">{details}</span>}
                </td>
                {withTarget && (
                  <td>
                    {event.target_account_id ? (
                      <Link to={paths.adminAccount(event.target_account_id)}>
                        {event.target_name || t('admin.audit.openAccount')}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                )}
                <td>{event.reason ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The log of one account, on its page; `version` reads it again after an action. */
export function AuditLog({ accountId, version }: { accountId: string; version?: unknown }) {
  const { t } = useTranslation();
  const loadPage = useCallback((cursor: string | undefined) => listAuditEvents({ account: accountId }, cursor), [accountId]);
  const list = usePagedList(loadPage, `${accountId}:${String(version ?? '')}`);

  if (list.loading) return <p role="status">{t('common.loading')}</p>;
  return (
    <>
      <ProblemAlert failure={list.failure} />
      {list.items.length === 0 && !list.failure && <p>{t('admin.audit.empty')}</p>}
      {list.items.length > 0 && <AuditTable items={list.items} withTarget={false} />}
      {list.hasMore && (
        <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
