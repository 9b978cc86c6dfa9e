// A value written in the three languages, in the interface language.
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import type { Localized } from '../api/catalogue-types';

export function useLocalized(): (text: Localized | null | undefined) => string {
  // Subscribes the component to language changes.
  useTranslation();
  const language = currentLanguage();
  return (text) => (text ? text[language] || text.en : '');
}
