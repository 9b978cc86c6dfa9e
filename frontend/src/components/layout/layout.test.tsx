// the usage instructions are linked from every page.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { renderApp } from '@/testing/render-app';

const PAGES = [
  { path: '/', heading: kk.home.heading },
  { path: '/help', heading: kk.help.title },
  { path: '/status', heading: kk.status.title },
  { path: '/no/such/page', heading: kk.notFound.title },
];

describe('page layout', () => {
  it.each(PAGES)('$path links to the usage instructions from its footer', async ({ path, heading }) => {
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeVisible();
    const footer = screen.getByRole('contentinfo');
    expect(within(footer).getByRole('link', { name: kk.footer.help })).toHaveAttribute('href', '/help');
    expect(within(footer).getByRole('link', { name: kk.footer.apiDocs })).toHaveAttribute('href', '/docs/');
  });

  it.each(PAGES)('$path has the landmarks and the skip link', async ({ path }) => {
    renderApp(path);

    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: kk.nav.label })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
    expect(screen.getByRole('link', { name: kk.skipLink })).toHaveAttribute('href', '#main-content');
    // Let the status page finish its (failing: unit tests have no network) health checks.
    await waitFor(() => expect(screen.queryByText(kk.status.checking)).not.toBeInTheDocument());
  });

  it('follows the footer help link to the usage instructions and focuses their heading', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/status');

    await user.click(within(screen.getByRole('contentinfo')).getByRole('link', { name: kk.footer.help }));

    const heading = await screen.findByRole('heading', { level: 1, name: kk.help.title });
    expect(router.state.location.pathname).toBe('/help');
    expect(heading).toHaveFocus();
    expect(document.title).toBe(`${kk.help.title} — Saulet`);
  });

  it('shows the not-found page for an unknown address', async () => {
    renderApp('/permits/unknown');

    expect(await screen.findByRole('heading', { level: 1, name: kk.notFound.title })).toBeVisible();
    expect(screen.getByRole('link', { name: kk.notFound.home })).toHaveAttribute('href', '/');
  });
});
