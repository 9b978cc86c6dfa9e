import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '@/i18n';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import ru from '@/i18n/locales/ru.json';
import { renderApp } from '@/testing/render-app';

describe('language switcher', () => {
  it('shows the interface in Kazakh until another language is chosen', async () => {
    renderApp('/help');

    expect(await screen.findByRole('heading', { level: 1, name: kk.help.title })).toBeVisible();
    expect(document.documentElement.lang).toBe('kk');
    expect(document.title).toBe(`${kk.help.title} — Saulet`);
    expect(screen.getByRole('combobox', { name: kk.language.label })).toHaveValue('kk');
  });

  it('switches the text, <html lang> and the page title, and remembers the choice', async () => {
    const user = userEvent.setup();
    renderApp('/help');

    await user.selectOptions(screen.getByRole('combobox', { name: kk.language.label }), 'ru');

    expect(await screen.findByRole('heading', { level: 1, name: ru.help.title })).toBeVisible();
    expect(screen.getByRole('link', { name: ru.footer.help })).toBeVisible();
    expect(document.documentElement.lang).toBe('ru');
    expect(document.title).toBe(`${ru.help.title} — Saulet`);
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');

    await user.selectOptions(screen.getByRole('combobox', { name: ru.language.label }), 'en');

    expect(await screen.findByRole('heading', { level: 1, name: en.help.title })).toBeVisible();
    expect(screen.getByRole('navigation', { name: en.nav.label })).toBeVisible();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('offers every language under its own name', () => {
    renderApp('/');

    const options = screen.getAllByRole('option');
    expect(options.map((option) => [option.getAttribute('value'), option.textContent])).toEqual([
      ['kk', 'Қазақша'],
      ['ru', 'Русский'],
      ['en', 'English'],
    ]);
    expect(options.map((option) => option.getAttribute('lang'))).toEqual(['kk', 'ru', 'en']);
  });
});
