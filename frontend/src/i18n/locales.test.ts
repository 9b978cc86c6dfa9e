// The three interface languages must offer exactly the same strings: a key missing in
// one of them would show English (the fallback) in the middle of a Kazakh or Russian page.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? '').sort();
}

const locales = { kk: leaves(kk), ru: leaves(ru), en: leaves(en) };

describe('translation files', () => {
  it('kk, ru and en have exactly the same set of keys', () => {
    const keysOf = (language: keyof typeof locales) => [...locales[language].keys()].sort();
    expect(keysOf('kk')).toEqual(keysOf('en'));
    expect(keysOf('ru')).toEqual(keysOf('en'));
  });

  it('no translation is empty', () => {
    for (const [language, strings] of Object.entries(locales)) {
      for (const [key, text] of strings) {
        expect(text.trim(), `${language}: ${key}`).not.toBe('');
      }
    }
  });

  it('every translation uses the same {{placeholders}} as the English one', () => {
    for (const [key, english] of locales.en) {
      for (const language of ['kk', 'ru'] as const) {
        expect(placeholders(locales[language].get(key) ?? ''), `${language}: ${key}`).toEqual(
          placeholders(english),
        );
      }
    }
  });

  it('kk and ru name the identification numbers in their own terms (ЖСН/БСН, ИИН/БИН), never IIN or BIN', () => {
    for (const language of ['kk', 'ru'] as const) {
      for (const [key, text] of locales[language]) {
        const words = text.replace(/{{\s*\w+\s*}}/g, '');
        expect(words, `${language}: ${key}`).not.toMatch(/\b(IIN|BIN)\b/i);
      }
    }
    for (const [key, text] of locales.kk) expect(text, `kk: ${key}`).not.toMatch(/ИИН|БИН/);
    for (const [key, text] of locales.ru) expect(text, `ru: ${key}`).not.toMatch(/ЖСН|БСН/);
  });

  // No web font is shipped (the Content-Security-Policy allows none from elsewhere, and none is
  // needed): the text is drawn in the system fonts of global.css, which carry Latin and the whole
  // Cyrillic block (the Kazakh letters ә ғ қ ң ө ұ ү һ і with it) but not every symbol. A
  // character outside these ranges would risk an empty box; draw a symbol with components/symbols.
  it('uses only characters the system fonts carry', () => {
    const drawable = /^[\u0020-\u007e\u00a0-\u00ff\u0400-\u04ff\u2010-\u2027\u2116\u2190-\u2193\u2212]*$/u;
    for (const [language, strings] of Object.entries(locales)) {
      for (const [key, text] of strings) {
        expect(text, `${language}: ${key}`).toMatch(drawable);
      }
    }
  });
});
