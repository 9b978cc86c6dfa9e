// Interface translations: one JSON file per language under ./locales, bundled with the app.
//
// The visitor's choice is kept in localStorage and mirrored on <html lang>, so screen readers
// pronounce the page in the right language and the choice survives a reload.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import {
  DEFAULT_LANGUAGE,
  FALLBACK_LANGUAGE,
  LANGUAGES,
  isLanguage,
  type Language,
} from './languages';

export const LANGUAGE_STORAGE_KEY = 'saulet.language';

export const resources = {
  kk: { translation: kk },
  ru: { translation: ru },
  en: { translation: en },
} as const;

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (private mode, disabled cookies): fall back to the default.
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not being able to remember the choice must not stop the switch itself.
  }
}

// Runs for the initial language too, so <html lang> is right from the first render.
i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: {
    // React escapes everything it renders.
    escapeValue: false,
  },
});

/** Switches the interface to `language` and remembers the choice for the next visit. */
export async function chooseLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  storeLanguage(language);
}

/** The language the interface is shown in right now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

export default i18n;
