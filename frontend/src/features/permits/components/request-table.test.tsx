// The list marks a request changed since its reader last opened it ("Updated", in words) for
// staff only: the applicant's own list leaves the mark out.
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import type { RequestSummary } from '../api/permit-types';
import { RequestTable } from './request-table';

const q = kk.permits.queue;

function summary(overrides: Partial<RequestSummary> = {}): RequestSummary {
  return {
    id: '0193a0c4-0000-7000-8000-0000000000a1',
    number: 'AST-2026-000042',
    type_code: 'sketch-approval',
    title: 'Тұрғын үй эскизі',
    holder_name: 'АСАНОВ АСАН АСАНҰЛЫ',
    status: 'in_review',
    assignee_id: null,
    submitted_at: '2026-11-24T10:00:00Z',
    due_on: '2026-12-08',
    overdue: false,
    updated_at: '2026-11-25T10:00:00Z',
    changed: false,
    ...overrides,
  };
}

const items = [
  summary({ changed: true }),
  summary({ id: '0193a0c4-0000-7000-8000-0000000000a2', title: 'Дүкен эскизі', changed: false }),
];

function renderTable(staff?: { me: string }) {
  render(
    <MemoryRouter>
      <RequestTable items={items} caption="Өтінімдер" typeName={() => 'Эскизді келісу'} linkTo={(id) => `/requests/${id}`} staff={staff} />
    </MemoryRouter>,
  );
  return screen.getAllByTestId('request-row');
}

describe('RequestTable', () => {
  it('marks for staff, in words, the requests changed since they last opened them', () => {
    const rows = renderTable({ me: '0193a0c4-0000-7000-8000-0000000000e1' });
    expect(rows).toHaveLength(2);
    const [changed, unchanged] = rows.map((row) => within(row));
    const mark = changed?.getByTestId('updated-mark');
    expect(mark).toHaveTextContent(q.updated);
    expect(mark).toHaveTextContent(q.updatedMeaning);
    expect(unchanged?.queryByTestId('updated-mark')).not.toBeInTheDocument();
  });

  it('leaves the mark out of the applicant’s own list', () => {
    renderTable();
    expect(screen.queryByTestId('updated-mark')).not.toBeInTheDocument();
    expect(screen.queryByText(q.updated)).not.toBeInTheDocument();
  });
});
