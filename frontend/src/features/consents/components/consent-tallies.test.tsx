// The administrators' tallies (R-2.7): one row per agreement version with its acceptances and
// withdrawals, read from GET /admin/consents; a refusal is shown, not an empty table.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestsTo } from '@/testing/api-responses';
import { ConsentTallies } from './consent-tallies';

const ROUTE = 'GET /api/v1/admin/consents';

describe('ConsentTallies', () => {
  it('shows each version with its acceptances and withdrawals', async () => {
    const fetchMock = mockApi({
      [ROUTE]: () =>
        jsonResponse({
          items: [],
          next_cursor: null,
          counts: [
            { agreement_id: 'a1', kind: 'terms', version: 1, accepted: 120, withdrawn: 3 },
            { agreement_id: 'a2', kind: 'personal_data', version: 1, accepted: 118, withdrawn: 0 },
          ],
        }),
    });
    render(<ConsentTallies />);

    const table = await screen.findByRole('table', { name: kk.consents.tallies.caption });
    const terms = within(table).getByRole('row', { name: /Пайдаланушы келісімі, 1-нұсқа/ });
    expect(within(terms).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['120', '3']);
    const personal = within(table).getByRole('row', { name: /Дербес деректерді өңдеуге келісім, 1-нұсқа/ });
    expect(within(personal).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['118', '0']);
    const asked = requestsTo(fetchMock, ROUTE).map((request) => new URL(request.url).searchParams.get('limit'));
    expect(asked).toEqual(['1']);
  });

  it('shows why when the API refuses', async () => {
    mockApi({
      [ROUTE]: () => problemResponse({ type: 'forbidden', title: 'Рұқсат жоқ', status: 403 }),
    });
    render(<ConsentTallies />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Рұқсат жоқ');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
