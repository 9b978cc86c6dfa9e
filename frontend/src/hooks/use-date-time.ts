// Dates and times in the interface language, as people there write them. All digits
// (24.11.2026, 16:43), the same in Kazakh as in Russian (see lib/dates.ts).
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import { formatAstanaDateTime, formatDateTime } from '@/lib/dates';

export function useDateTime(): (iso: string | null | undefined) => string {
  // Subscribes the component to language changes.
  useTranslation();
  const language = currentLanguage();
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatDateTime(date, language);
  };
}

/** A moment as Astana's clock shows it (the department's time), in the interface language. */
export function useAstanaDateTime(): (iso: string | null | undefined) => string {
  // Subscribes the component to language changes.
  useTranslation();
  const language = currentLanguage();
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatAstanaDateTime(date, language);
  };
}
