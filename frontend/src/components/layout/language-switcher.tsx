// The visible language choice in the header. Each language is listed under its own
// name and marked with its `lang`, so screen readers pronounce it correctly.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage } from '@/i18n';
import { LANGUAGES, LANGUAGE_AUTONYMS, isLanguage } from '@/i18n/languages';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const id = useId();

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(event) => {
          const language = event.target.value;
          if (isLanguage(language)) void chooseLanguage(language);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_AUTONYMS[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
