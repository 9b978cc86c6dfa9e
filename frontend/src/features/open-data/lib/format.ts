// How the open-data pages word things in the interface language: texts given in the three
// languages, calendar days, and the language itself for the figures' numbers and months.
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import type { Language } from '@/i18n/languages';
import { formatDay } from '@/lib/dates';
import type { Localized } from '../api/open-data-types';

/** The interface language; the component follows it when it changes. */
export function useLanguage(): Language {
  // Subscribes the component to language changes.
  useTranslation();
  return currentLanguage();
}

/** Picks the interface language's text of a value written in the three languages. */
export function useLocalized(): (text: Localized | null | undefined) => string {
  const language = useLanguage();
  return (text) => (text ? text[language] || text.en : '');
}

/** A calendar day (YYYY-MM-DD) in the interface language, all digits. */
export function useDay(): (day: string | null | undefined) => string {
  const language = useLanguage();
  return (day) => {
    if (!day) return '—';
    const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? day : formatDay(date, language, { utc: true });
  };
}
