// Who the account is, as the certificate proved it at registration (not editable), with its
// standing: role, status, whether the email and the data have been confirmed.
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/hooks/use-date-time';
import type { Account } from '../api/account-types';

export function AccountIdentity({ account }: { account: Account }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const rows: [label: string, value: string, testId?: string][] = [
    [t('account.identity.name'), account.full_name, 'account-name'],
    [t('account.identity.iin'), account.iin],
    ...(account.kind === 'legal_entity'
      ? ([
          [t('account.identity.organisation'), account.organisation ?? '—'],
          [t('account.identity.bin'), account.bin ?? '—'],
        ] as [string, string][])
      : []),
    [t('account.identity.kind'), t(`accountKinds.${account.kind}`)],
    [t('account.identity.role'), t(`roles.${account.role}`)],
    [t('account.identity.email'), account.email, 'account-email'],
    [
      t('account.identity.emailState'),
      account.email_verified ? t('account.identity.emailConfirmed') : t('account.identity.emailUnconfirmed'),
      'account-email-state',
    ],
    [t('account.identity.verification'), t(`verification.${account.verification}`)],
    [t('account.identity.registered'), dateTime(account.created_at)],
  ];
  return (
    <dl className="summary">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="summary__row">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
