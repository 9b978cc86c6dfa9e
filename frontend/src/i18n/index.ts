// Interface translations: one JSON file per language under ./locales, each its own chunk of the
// build, fetched when the interface is first shown in that language (a visitor downloads one
// language, not three). There is no run-time fallback to another language: locales.test.ts makes
// sure every key exists in all three.
//
// A first visit is shown in the first of our languages the browser asks for (Kazakh when it asks
// for none of them). The visitor's own choice is kept in localStorage and wins from then on; the
// language shown is mirrored on <html lang>, so screen readers pronounce the page in the right
// language, and sent as Accept-Language on API calls (lib/api-client.ts).
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, browserLanguage, isLanguage, type Language } from './languages';

export const LANGUAGE_STORAGE_KEY = 'saulet.language';

const LOCALES: Record<Language, () => Promise<{ default: object }>> = {
  kk: () => import('./locales/kk.json'),
  ru: () => import('./locales/ru.json'),
  en: () => import('./locales/en.json'),
};

/** Gives i18next a language's translations from its chunk, when it first needs them. */
const localeChunks: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) {
      callback(new Error(`no translations for "${language}"`), null);
      return;
    }
    LOCALES[language]().then(
      (locale) => callback(null, locale.default),
      (error: unknown) => callback(error instanceof Error ? error : String(error), null),
    );
  },
};

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (private mode, disabled cookies): fall back to the default.
    return null;
  }
}

function requestedLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** The language to start in: the visitor's stored choice, else what their browser asks for. */
export function initialLanguage(): Language {
  return readStoredLanguage() ?? browserLanguage(requestedLanguages());
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

/** Settles once the translations of the first language have arrived: render after it. */
export const translationsReady: Promise<unknown> = i18n.use(localeChunks).use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: {
    // React escapes everything it renders.
    escapeValue: false,
  },
});

/** Fetches the translations of `languages` ahead of their use (a preview in every language). */
export function loadLanguages(languages: readonly Language[]): Promise<void> {
  return i18n.loadLanguages([...languages]);
}

/**
 * Switches the interface to `language` and remembers the choice for the next visit. When its
 * translations cannot be fetched (offline), the interface stays as it is rather than show keys.
 */
export async function chooseLanguage(language: Language): Promise<void> {
  await i18n.loadLanguages(language);
  if (!i18n.hasResourceBundle(language, 'translation')) return;
  await i18n.changeLanguage(language);
  storeLanguage(language);
}

/** The language the interface is shown in right now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

export default i18n;
