// System status: whether the API is up and ready, as the health probes report it.
import { useTranslation } from 'react-i18next';
import { SystemStatusReport } from '@/features/system-status/components/system-status';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function StatusRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('status.title'));

  return (
    <>
      <h1>{t('status.title')}</h1>
      <p className="lead">{t('status.intro')}</p>
      <SystemStatusReport />
    </>
  );
}
