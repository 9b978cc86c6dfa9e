// The language a page load starts in: the visitor's stored choice, else their browser's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY, initialLanguage } from '@/i18n';

function browserAsksFor(...languages: string[]) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

describe('the initial interface language', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('follows the browser on a first visit', () => {
    browserAsksFor('ru-RU', 'ru', 'en');
    expect(initialLanguage()).toBe('ru');
  });

  it('is Kazakh when the browser asks for a language Saulet does not have', () => {
    browserAsksFor('de-DE');
    expect(initialLanguage()).toBe('kk');
  });

  it('keeps the language the visitor chose, whatever the browser asks for', () => {
    browserAsksFor('ru-RU', 'ru');
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(initialLanguage()).toBe('en');
  });

  it('ignores a stored value that is not one of the languages', () => {
    browserAsksFor('en-US');
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'de');
    expect(initialLanguage()).toBe('en');
  });
});
