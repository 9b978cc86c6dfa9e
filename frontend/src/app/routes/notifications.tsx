// The person's notices and which of them arrive how.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { Inbox } from '@/features/notifications/components/inbox';
import { PreferencesForm } from '@/features/notifications/components/preferences-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NotificationsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.inbox.title'));
  return (
    <RequireAuth>
      {() => (
        <>
          <h1>{t('notifications.inbox.title')}</h1>
          <Inbox />
        </>
      )}
    </RequireAuth>
  );
}

export function NotificationPreferencesRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.preferences.title'));
  return (
    <RequireAuth>
      {() => (
        <>
          <p className="breadcrumb">
            <Link to={paths.notifications}>{t('notifications.preferences.back')}</Link>
          </p>
          <h1>{t('notifications.preferences.title')}</h1>
          <p className="lead">{t('notifications.preferences.intro')}</p>
          <PreferencesForm />
        </>
      )}
    </RequireAuth>
  );
}
