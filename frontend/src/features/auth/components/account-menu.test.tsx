// The signed-in header on a narrow screen: the account area folds behind a "Menu" button, which
// says whether it is open, takes the focus into the panel, and closes on Escape, on a click
// elsewhere and on following a link. (That the button shows only under 768 px is CSS.)
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';
import { SESSION_HINT_KEY } from './auth-provider';

async function signedIn(path = '/') {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
  mockApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')) });
  const rendered = renderApp(path);
  const banner = screen.getByRole('banner');
  const toggle = await within(banner).findByRole('button', { name: kk.accountMenu.menu });
  return { ...rendered, banner, toggle, panel: screen.getByTestId('account-menu-panel') };
}

describe('the account menu on a narrow screen', () => {
  it('is a button that opens the panel and moves the focus to its first link', async () => {
    const user = userEvent.setup();
    const { toggle, panel } = await signedIn();

    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', panel.id);
    expect(panel).not.toHaveClass('account-menu__panel--open');

    await user.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(panel).toHaveClass('account-menu__panel--open');
    expect(within(panel).getByRole('link', { name: kk.accountMenu.account })).toHaveFocus();
  });

  it('closes on Escape and gives the focus back to the button', async () => {
    const user = userEvent.setup();
    const { toggle } = await signedIn();

    await user.click(toggle);
    await user.keyboard('{Escape}');

    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('closes when the person clicks elsewhere or follows a link', async () => {
    const user = userEvent.setup();
    const { toggle, panel, router } = await signedIn();

    await user.click(toggle);
    await user.click(screen.getByRole('main'));
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await user.click(toggle);
    await user.click(within(panel).getByRole('link', { name: kk.accountMenu.requests }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/requests'));
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });
});
