// Shown inside the layout when a page fails to render, instead of a blank screen.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function RouteError() {
  const { t } = useTranslation();
  useDocumentTitle(t('error.title'));

  return (
    <>
      <h1>{t('error.title')}</h1>
      <p className="lead">{t('error.body')}</p>
      <p>
        <Link to={paths.home}>{t('error.home')}</Link>
      </p>
    </>
  );
}
