// The interface languages of Saulet (R-5.1: Kazakh and Russian are first-class, English too).
//
// Each language is offered under its own name (its autonym), so a reader finds their language
// whatever language the page is in at the moment; autonyms are therefore the same in every
// locale and live here rather than in the translation files.

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The city's language: used when the browser asks for none of ours. */
export const DEFAULT_LANGUAGE: Language = 'kk';

export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The interface language for a first visit: the first of ours among the languages the browser
 * asks for (`navigator.languages`, most wanted first), by their primary subtag, so that `ru-RU`
 * is Russian and `kk-KZ` Kazakh; Kazakh when none of them is ours.
 */
export function browserLanguage(requested: readonly string[]): Language {
  for (const tag of requested) {
    const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
