// The diff between signed versions: each changed answer under its label and each changed document
// under its slot's name, before and after, in the interface language.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import kk from '@/i18n/locales/kk.json';
import type { Change, Version } from '../api/permit-types';
import { permitType } from '@/testing/permit-fixtures';
import { VersionChanges, VersionList } from './version-changes';

const CHANGES: Change[] = [
  { kind: 'field', name: 'apz_number', before: 'KZ-2026-0042', after: 'KZ-2026-0043' },
  { kind: 'field', name: 'purpose', before: 'residential', after: 'commercial' },
  { kind: 'field', name: 'floors', before: null, after: 9 },
  { kind: 'field', name: 'illuminated', before: false, after: true },
  {
    kind: 'document',
    name: 'sketch',
    before: [{ file_name: 'sketch-v1.pdf', sha256: 'a'.repeat(64) }],
    after: [{ file_name: 'sketch-v2.pdf', sha256: 'b'.repeat(64) }],
  },
  { kind: 'document', name: 'visualisation', before: [{ file_name: 'view.png', sha256: 'c'.repeat(64) }], after: null },
  { kind: 'field', name: 'unknown_field', before: 'x', after: 'y' },
];

function rowOf(name: string | RegExp) {
  return screen.getByRole('row', { name });
}

describe('VersionChanges', () => {
  it('shows each change before and after, under the field’s label or the document’s name', () => {
    render(<VersionChanges type={permitType()} changes={CHANGES} caption="2-нұсқадағы өзгерістер" />);

    const table = screen.getByRole('table', { name: '2-нұсқадағы өзгерістер' });
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      kk.permits.versions.what,
      kk.permits.versions.before,
      kk.permits.versions.after,
    ]);

    const apz = within(rowOf(/СЖТ нөмірі/)).getAllByRole('cell');
    expect(apz.map((cell) => cell.textContent)).toEqual(['KZ-2026-0042', 'KZ-2026-0043']);
    expect(apz[0]?.querySelector('del')).toHaveTextContent('KZ-2026-0042');
    expect(apz[1]?.querySelector('ins')).toHaveTextContent('KZ-2026-0043');

    // Choices by their titles, yes/no for tick boxes, nothing shown as such.
    expect(within(rowOf(/Мақсаты/)).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'Тұрғын үй',
      'Коммерциялық',
    ]);
    expect(within(rowOf(/Қабаттар саны/)).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      kk.permits.versions.none,
      '9',
    ]);
    expect(within(rowOf(/Жарықтандырылған/)).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      kk.permits.answers.no,
      kk.permits.answers.yes,
    ]);

    // Documents by file name, with the start of their hash.
    const sketch = within(rowOf(/«Эскиздік жоба» құжаты/)).getAllByRole('cell');
    expect(sketch[0]).toHaveTextContent('sketch-v1.pdf');
    expect(sketch[0]).toHaveTextContent(`SHA-256 ${'a'.repeat(16)}…`);
    expect(sketch[1]).toHaveTextContent('sketch-v2.pdf');
    const removed = within(rowOf(/«Визуализация» құжаты/)).getAllByRole('cell');
    expect(removed.map((cell) => cell.textContent?.startsWith('view.png') || cell.textContent)).toEqual([
      true,
      kk.permits.versions.none,
    ]);

    // A field the schema no longer has keeps its name.
    expect(rowOf(/unknown_field/)).toBeVisible();
  });

  it('says when nothing changed', () => {
    render(<VersionChanges type={permitType()} changes={[]} caption="—" />);
    expect(screen.getByText(kk.permits.versions.noChanges)).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists the versions, the first one without a comparison, in the interface language', async () => {
    await i18n.changeLanguage('ru');
    const versions: Version[] = [
      {
        no: 1,
        digest: 'd'.repeat(64),
        content: {},
        signer_serial: '1FB6BE70',
        created_at: '2026-11-24T10:00:00Z',
        changes: [],
      },
      {
        no: 2,
        digest: 'e'.repeat(64),
        content: {},
        signer_serial: '1FB6BE70',
        created_at: '2026-11-25T10:00:00Z',
        changes: CHANGES.slice(0, 1),
      },
    ];
    render(<VersionList type={permitType()} versions={versions} />);

    expect(screen.getByRole('heading', { level: 3, name: 'Версия 1' })).toBeVisible();
    expect(screen.getByText('Первая подача.')).toBeVisible();
    const table = screen.getByRole('table', { name: 'Что изменилось в версии 2 по сравнению с версией 1' });
    expect(within(table).getByRole('row', { name: /Номер АПЗ/ })).toHaveTextContent('KZ-2026-0042KZ-2026-0043');
  });
});
