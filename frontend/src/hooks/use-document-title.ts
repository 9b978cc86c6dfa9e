// Gives each page its own, translated document title ("Help — Saulet"), so browser tabs,
// history and screen readers announce where the visitor is.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.pageTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
