// The history of changes to the account: what changed, from what to what, when, and
// whether the owner or an administrator made the change.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { LANGUAGE_AUTONYMS, isLanguage } from '@/i18n/languages';
import type { AccountChange } from '../api/account-types';
import { listChanges } from '../api/list-changes';

const FIELDS = ['email', 'phone', 'language', 'password', 'certificate', 'status'] as const;
const STATUSES = ['active', 'blocked', 'refused', 'closed', 'deleted'] as const;

function isOneOf<T extends string>(options: readonly T[], value: string | null | undefined): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

export function ChangeHistory({ accountId, version }: { accountId: string; version: unknown }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  // `version` changes whenever the account does, so the history is read again.
  const { result } = useApiResult(listChanges, version);

  const valueOf = (change: AccountChange, value: string | null | undefined): string => {
    if (!value) return '—';
    if (change.field === 'language' && isLanguage(value)) return LANGUAGE_AUTONYMS[value];
    if (change.field === 'status' && isOneOf(STATUSES, value)) return t(`statuses.${value}`);
    return value;
  };

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (result.data.length === 0) return <p>{t('account.history.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('account.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.history.when')}</th>
            <th scope="col">{t('account.history.what')}</th>
            <th scope="col">{t('account.history.before')}</th>
            <th scope="col">{t('account.history.after')}</th>
            <th scope="col">{t('account.history.who')}</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((change, index) => (
            <tr key={`${change.changed_at}-${index}`}>
              <td>{dateTime(change.changed_at)}</td>
              <td>{isOneOf(FIELDS, change.field) ? t(`account.history.fields.${change.field}`) : change.field}</td>
              <td>{valueOf(change, change.old_value)}</td>
              <td>{valueOf(change, change.new_value)}</td>
              <td>
                {change.changed_by === accountId
                  ? t('account.history.byOwner')
                  : change.changed_by
                    ? t('account.history.byAdmin')
                    : t('account.history.bySystem')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
