// Administration of accounts, for administrators only: the accounts, one
// account with the actions on it and its role, the audit log (filtered, exported as CSV), and
// announcements. The review teams' page is the permits pages' (routes/permits.tsx).
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '@/config/paths';
import type { AdminAccount } from '@/features/admin-accounts/api/admin-types';
import { AccountAdministration } from '@/features/admin-accounts/components/account-administration';
import { AccountSearch } from '@/features/admin-accounts/components/account-search';
import { AuditSearch } from '@/features/admin-accounts/components/audit-search';
import { AnnouncementEditor } from '@/features/announcements/components/announcement-editor';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { AgreementList } from '@/features/consents/components/agreement-list';
import { AgreementPublisher } from '@/features/consents/components/agreement-publisher';
import { ConsentTallies } from '@/features/consents/components/consent-tallies';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { AdminNav } from '../admin-nav';

function AdminFrame({ children }: { children: ReactNode }) {
  return (
    <RequireAuth role="admin">
      {() => (
        <>
          <AdminNav />
          {children}
        </>
      )}
    </RequireAuth>
  );
}

export function AdminAccountsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.accounts.title'));
  return (
    <AdminFrame>
      <h1>{t('admin.accounts.title')}</h1>
      <p className="lead">{t('admin.accounts.intro')}</p>
      <AccountSearch />
    </AdminFrame>
  );
}

export function AdminAccountRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [name, setName] = useState<string | null>(null);
  const onLoaded = useCallback((account: AdminAccount) => setName(account.full_name || account.id), []);
  useDocumentTitle(name ?? t('admin.account.title'));
  return (
    <AdminFrame>
      <p className="breadcrumb">
        <Link to={paths.adminAccounts}>{t('admin.account.back')}</Link>
      </p>
      <h1>{name ?? t('admin.account.title')}</h1>
      <AccountAdministration id={id} onLoaded={onLoaded} />
    </AdminFrame>
  );
}

export function AdminAuditRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.audit.title'));
  return (
    <AdminFrame>
      <h1>{t('admin.audit.title')}</h1>
      <p className="lead">{t('admin.audit.intro')}</p>
      <AuditSearch />
    </AdminFrame>
  );
}

export function AdminAnnouncementsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('announcements.editor.pageTitle'));
  return (
    <AdminFrame>
      <h1>{t('announcements.editor.pageTitle')}</h1>
      <p className="lead">{t('announcements.editor.intro')}</p>
      <AnnouncementEditor />
    </AdminFrame>
  );
}

export function AdminAgreementsRoute() {
  const { t } = useTranslation();
  const [published, setPublished] = useState(0);
  useDocumentTitle(t('consents.publish.pageTitle'));
  return (
    <AdminFrame>
      <h1>{t('consents.publish.pageTitle')}</h1>
      <p className="lead">{t('consents.publish.intro')}</p>
      <AgreementPublisher onPublished={() => setPublished((previous) => previous + 1)} />
      <section aria-labelledby="admin-agreements-current">
        <h2 id="admin-agreements-current">{t('consents.list.heading')}</h2>
        <AgreementList key={published} linkTo={paths.agreement} />
      </section>
      <section aria-labelledby="admin-agreements-tallies">
        <h2 id="admin-agreements-tallies">{t('consents.tallies.heading')}</h2>
        <ConsentTallies key={published} />
      </section>
    </AdminFrame>
  );
}
