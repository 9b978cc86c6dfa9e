// The interface languages of Saulet (R-5.1: Kazakh and Russian are first-class, English too).
//
// Each language is offered under its own name (its autonym), so a reader finds their language
// whatever language the page is in at the moment; autonyms are therefore the same in every
// locale and live here rather than in the translation files.

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The city's language: used until the visitor chooses another one. */
export const DEFAULT_LANGUAGE: Language = 'kk';

/** Where a missing translation is looked up. */
export const FALLBACK_LANGUAGE: Language = 'en';

export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
