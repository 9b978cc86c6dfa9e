// Dates and times in the interface language, as people there write them. All digits
// (24.11.2026, 16:43): browsers' data for Kazakh month names is patchy ("2026 М11 24").
import { useTranslation } from 'react-i18next';

export function useDateTime(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
