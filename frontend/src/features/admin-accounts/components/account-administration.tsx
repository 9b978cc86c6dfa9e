// One account as an administrator sees it: its data and standing, the check
// of its data (IIN/BIN, certificate, state registry), the actions an administrator may take,
// each with a stated reason, its role (given with a reason), and the audit log of what was done
// to it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { LANGUAGE_AUTONYMS } from '@/i18n/languages';
import type { ApiFailure } from '@/lib/api-client';
import type { AdminAccount, VerificationReport } from '../api/admin-types';
import { decideOnAccount, type Decision } from '../api/decide-on-account';
import { getAccount } from '../api/get-account';
import { verifyAccount } from '../api/verify-account';
import { AuditLog } from './audit-log';
import { ReasonDialog } from './reason-dialog';
import { RoleChange } from './role-change';

const CHECKS = ['iin', 'bin', 'certificate', 'state_registry'] as const;

function isKnownCheck(check: string): check is (typeof CHECKS)[number] {
  return (CHECKS as readonly string[]).includes(check);
}

/** The decisions that make sense for the account as it stands; the server has the last word. */
function availableDecisions(account: AdminAccount, now: number): Decision[] {
  if (account.status === 'deleted') return [];
  const locked = account.locked_until ? Date.parse(account.locked_until) > now : false;
  return [
    ...(account.status === 'active' ? (['block', 'refuse'] as const) : []),
    ...(account.status === 'blocked' ? (['unblock'] as const) : []),
    ...(locked ? (['unlock'] as const) : []),
    'delete' as const,
  ];
}

/** Loads the account, then shows it; `onLoaded` lets the page title name the person. */
export function AccountAdministration({ id, onLoaded }: { id: string; onLoaded: (account: AdminAccount) => void }) {
  const { t } = useTranslation();
  const load = useCallback(() => getAccount(id), [id]);
  const { result } = useApiResult(load);
  const [changed, setChanged] = useState<AdminAccount | null>(null);
  const account = changed?.id === id ? changed : result?.ok ? result.data : null;

  useEffect(() => {
    if (account) onLoaded(account);
  }, [account, onLoaded]);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (!account) return null;
  return <AccountDetail key={account.id} account={account} onChanged={setChanged} />;
}

interface AccountDetailProps {
  account: AdminAccount;
  onChanged: (account: AdminAccount) => void;
}

function AccountDetail({ account, onChanged }: AccountDetailProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [done, setDone] = useState<Decision | null>(null);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [verifyFailure, setVerifyFailure] = useState<ApiFailure | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [version, setVersion] = useState(0);
  const [now] = useState(() => Date.now());

  async function verify() {
    setVerifying(true);
    setVerifyFailure(null);
    setReport(null);
    const result = await verifyAccount(account.id);
    setVerifying(false);
    if (!result.ok) {
      setVerifyFailure(result.failure);
      return;
    }
    setReport(result.data);
    onChanged({ ...account, verification: result.data.verification });
    setVersion((previous) => previous + 1);
  }

  const rows: [string, string][] = [
    [t('admin.account.name'), account.full_name || '—'],
    [t('admin.account.iin'), account.iin],
    ...(account.kind === 'legal_entity'
      ? ([
          [t('admin.account.organisation'), account.organisation ?? '—'],
          [t('admin.account.bin'), account.bin ?? '—'],
        ] as [string, string][])
      : []),
    [t('admin.account.email'), account.email],
    [
      t('admin.account.emailState'),
      account.email_verified ? t('account.identity.emailConfirmed') : t('account.identity.emailUnconfirmed'),
    ],
    [t('admin.account.phone'), account.phone ?? '—'],
    [t('admin.account.language'), LANGUAGE_AUTONYMS[account.language]],
    [t('admin.account.role'), t(`roles.${account.role}`)],
    [t('admin.account.status'), t(`statuses.${account.status}`)],
    ...(account.status_reason ? ([[t('admin.account.statusReason'), account.status_reason]] as [string, string][]) : []),
    ...(account.locked_until && Date.parse(account.locked_until) > now
      ? ([[t('admin.account.lockedUntil'), dateTime(account.locked_until)]] as [string, string][])
      : []),
    [t('admin.account.verification'), t(`verification.${account.verification}`)],
    [t('admin.account.verifiedAt'), dateTime(account.verified_at)],
    [t('admin.account.registered'), dateTime(account.created_at)],
  ];

  const decisions = availableDecisions(account, now);

  return (
    <>
      {done && (
        <Notice>
          <p>{t(`admin.decisions.${done}.done`)}</p>
        </Notice>
      )}
      <dl className="summary">
        {rows.map(([label, value]) => (
          <div key={label} className="summary__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="admin-verify">
        <h2 id="admin-verify">{t('admin.verify.heading')}</h2>
        <p>{t('admin.verify.intro')}</p>
        <ProblemAlert failure={verifyFailure} />
        {report && (
          <div className="alert" role="status">
            <p className="alert__title">{t(`verification.${report.verification}`)}</p>
            <ul>
              {report.checks.map((check) => (
                <li key={check.check}>
                  {check.passed ? t('admin.verify.passed') : t('admin.verify.failed')}:{' '}
                  {isKnownCheck(check.check) ? t(`admin.verify.checks.${check.check}`) : check.check} —{' '}
                  {check.detail}
                </li>
              ))}
            </ul>
          </div>
        )}
        {account.status !== 'deleted' && (
          <button type="button" className="button" disabled={verifying} onClick={() => void verify()}>
            {t('admin.verify.submit')}
          </button>
        )}
      </section>

      {decisions.length > 0 && (
        <section aria-labelledby="admin-actions">
          <h2 id="admin-actions">{t('admin.actions.heading')}</h2>
          <p>{t('admin.actions.intro')}</p>
          <ul className="action-list">
            {decisions.map((option) => (
              <li key={option}>
                <button
                  type="button"
                  className={option === 'delete' || option === 'block' || option === 'refuse' ? 'button button--danger' : 'button button--secondary'}
                  onClick={() => {
                    setDone(null);
                    setDecision(option);
                  }}
                >
                  {t(`admin.decisions.${option}.action`)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {account.status !== 'deleted' && (
        <section aria-labelledby="admin-role">
          <h2 id="admin-role">{t('admin.role.heading')}</h2>
          <RoleChange
            account={account}
            onChanged={(updated) => {
              onChanged(updated);
              setDone(null);
              setVersion((previous) => previous + 1);
            }}
          />
        </section>
      )}

      {decision && (
        <ReasonDialog
          title={t(`admin.decisions.${decision}.title`, { name: account.full_name || account.id })}
          explanation={t(`admin.decisions.${decision}.explanation`)}
          confirmLabel={t(`admin.decisions.${decision}.action`)}
          danger={decision === 'delete' || decision === 'block' || decision === 'refuse'}
          onClose={() => setDecision(null)}
          onConfirm={async (reason) => {
            const result = await decideOnAccount(account.id, decision, reason);
            if (!result.ok) return result.failure;
            onChanged(result.data);
            setDone(decision);
            setDecision(null);
            setVersion((previous) => previous + 1);
            return null;
          }}
        />
      )}

      <section aria-labelledby="admin-account-audit">
        <h2 id="admin-account-audit">{t('admin.audit.forAccount')}</h2>
        <AuditLog accountId={account.id} version={version} />
      </section>
    </>
  );
}
