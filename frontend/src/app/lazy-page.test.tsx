// Pages are fetched when first opened: meanwhile the layout says the page is loading, in a status
// that screen readers announce; a page fetched before shows at once.
import { act, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Layout } from '@/components/layout/layout';
import kk from '@/i18n/locales/kk.json';
import { lazyPage } from './lazy-page';

function Page() {
  return <h1>Лениво загруженная страница</h1>;
}

function renderAt(element: ReactNode) {
  const router = createMemoryRouter([{ element: <Layout />, children: [{ index: true, element }] }]);
  return render(<RouterProvider router={router} />);
}

describe('a page loaded when first opened', () => {
  it('shows an announced loading state until its code arrives', async () => {
    let arrive: (page: typeof Page) => void = () => {};
    const LazyPage = lazyPage(() => new Promise<typeof Page>((resolve) => (arrive = resolve)));
    renderAt(<LazyPage />);

    expect(screen.getByRole('status')).toHaveTextContent(kk.common.loading);
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument();

    await act(async () => arrive(Page));

    expect(await screen.findByRole('heading', { level: 1 })).toBeVisible();
    expect(screen.queryByTestId('page-loading')).not.toBeInTheDocument();
  });

  it('shows at once once its code has been fetched', async () => {
    const LazyPage = lazyPage(() => Promise.resolve(Page));
    await LazyPage.preload();
    renderAt(<LazyPage />);

    expect(screen.getByRole('heading', { level: 1 })).toBeVisible();
    expect(screen.queryByTestId('page-loading')).not.toBeInTheDocument();
  });
});
