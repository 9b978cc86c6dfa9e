// A first visit is shown in the language the browser asks for, when it is one of ours.
import { describe, expect, it } from 'vitest';
import { browserLanguage } from './languages';

describe('the language of a first visit', () => {
  it('is the first of kk, ru and en that the browser lists', () => {
    expect(browserLanguage(['ru-RU', 'ru', 'en-US', 'en'])).toBe('ru');
    expect(browserLanguage(['de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(browserLanguage(['kk-KZ', 'ru-KZ'])).toBe('kk');
    expect(browserLanguage(['kk_Cyrl_KZ'])).toBe('kk');
    expect(browserLanguage(['EN'])).toBe('en');
  });

  it('is Kazakh when the browser asks for none of them, or for nothing', () => {
    expect(browserLanguage(['de-DE', 'fr'])).toBe('kk');
    expect(browserLanguage([])).toBe('kk');
    expect(browserLanguage([''])).toBe('kk');
  });
});
