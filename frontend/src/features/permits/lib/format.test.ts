// How the permits pages word an applicant's identifier: ЖСН/БСН in Kazakh, ИИН/БИН in Russian.
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import { useHolderId } from './format';

describe("the applicant's identifier", () => {
  it('is named in the interface language', async () => {
    const { result, rerender } = renderHook(() => useHolderId());
    expect(result.current('IIN 850314301834')).toBe('ЖСН 850314301834');
    expect(result.current('BIN 150640001234')).toBe('БСН 150640001234');

    await i18n.changeLanguage('ru');
    rerender();
    expect(result.current('IIN 850314301834')).toBe('ИИН 850314301834');
    expect(result.current('BIN 150640001234')).toBe('БИН 150640001234');

    await i18n.changeLanguage('en');
    rerender();
    expect(result.current('IIN 850314301834')).toBe('IIN 850314301834');
  });

  it('is shown as it is when it is not an IIN or a BIN', () => {
    const { result } = renderHook(() => useHolderId());
    expect(result.current('passport N1234567')).toBe('passport N1234567');
  });
});
