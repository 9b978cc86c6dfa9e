// A page that fails to render is replaced by the error page, inside the layout; the next
// navigation shows the next page again.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, MemoryRouter, useRoutes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { PageErrorBoundary } from './page-error-boundary';

function Broken(): never {
  throw new Error('broken page');
}

function Routes() {
  return useRoutes([
    {
      element: (
        <>
          <Link to="/fine">fine</Link>
          <PageErrorBoundary />
        </>
      ),
      children: [
        { path: 'broken', element: <Broken /> },
        { path: 'fine', element: <h1>Жақсы бет</h1> },
      ],
    },
  ]);
}

describe('a page that fails to render', () => {
  it('shows the error page in its place, until the next navigation', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <MemoryRouter initialEntries={['/broken']}>
        <Routes />
      </MemoryRouter>,
    );

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(kk.error.title);
    expect(screen.getByRole('link', { name: kk.error.home })).toHaveAttribute('href', '/');

    await userEvent.click(screen.getByRole('link', { name: 'fine' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Жақсы бет');
  });
});
