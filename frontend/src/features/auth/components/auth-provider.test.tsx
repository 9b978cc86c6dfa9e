// The session: restored from the refresh cookie when the page loads, renewed once when
// the API refuses an expired token, ended on sign-out; the access token only ever in memory.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import {
  jsonResponse,
  mockApi,
  noContent,
  problemResponse,
  requestLog,
  requestsTo,
  tokens,
} from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';
import { SESSION_HINT_KEY } from './auth-provider';

const REFRESH = 'POST /api/v1/auth/refresh';
const CHANGES = 'GET /api/v1/accounts/me/changes';
const SESSIONS = 'GET /api/v1/accounts/me/sessions';

const unauthenticated = () =>
  problemResponse({ type: 'unauthenticated', title: 'Кіру қажет', status: 401, detail: 'Sign in.' });

function signedInBefore() {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
}

function bearer(request: Request): string | null {
  return request.headers.get('Authorization');
}

/** Answers refreshes with the next token of `issued`, one per call. */
function refreshesWith(...issued: string[]) {
  let next = 0;
  return () => {
    const token = issued[next];
    next += 1;
    return token ? jsonResponse(tokens(token)) : unauthenticated();
  };
}

describe('the session', () => {
  it('is restored with one refresh when the page loads, asking for the cookie-only web client', async () => {
    signedInBefore();
    const fetchMock = mockApi({ [REFRESH]: refreshesWith('token-1') });
    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('АСАНОВ АСАН АСАНҰЛЫ')).toBeVisible();
    expect(within(banner).getByRole('link', { name: kk.accountMenu.account })).toHaveAttribute('href', '/account');
    expect(within(banner).getByRole('button', { name: kk.accountMenu.signOut })).toBeVisible();
    expect(within(banner).queryByRole('link', { name: kk.accountMenu.admin })).not.toBeInTheDocument();

    const [refresh] = requestsTo(fetchMock, REFRESH);
    expect(await refresh?.json()).toEqual({ client: 'web' });
    expect(refresh && bearer(refresh)).toBeNull();
    expect(requestLog(fetchMock)).toEqual([REFRESH]);
    // Memory only: no token in storage.
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('token-1');
  });

  it('is not asked for when this browser never signed in: visitors see "Sign in" and "Register"', async () => {
    const fetchMock = mockApi({});
    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('link', { name: kk.accountMenu.signIn })).toHaveAttribute('href', '/login');
    expect(within(banner).getByRole('link', { name: kk.accountMenu.register })).toHaveAttribute('href', '/register');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestLog(fetchMock)).toEqual([]);
  });

  it('is forgotten when the refresh cookie no longer holds one', async () => {
    signedInBefore();
    mockApi({ [REFRESH]: unauthenticated });
    renderApp('/');

    expect(await screen.findByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    expect(window.localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('offers administration to administrators', async () => {
    signedInBefore();
    mockApi({ [REFRESH]: () => jsonResponse(tokens('token-1', { role: 'admin' })) });
    renderApp('/');

    expect(await screen.findByRole('link', { name: kk.accountMenu.admin })).toHaveAttribute('href', '/admin/accounts');
  });

  it('is renewed once when the API refuses the token, and the refused requests are sent again', async () => {
    signedInBefore();
    const fetchMock = mockApi({
      [REFRESH]: refreshesWith('old-token', 'new-token'),
      [CHANGES]: (request) => (bearer(request) === 'Bearer new-token' ? jsonResponse([]) : unauthenticated()),
      [SESSIONS]: (request) => (bearer(request) === 'Bearer new-token' ? jsonResponse([]) : unauthenticated()),
    });
    renderApp('/account/security');

    expect(await screen.findByRole('heading', { level: 1, name: kk.account.title })).toBeVisible();
    expect(await screen.findByText(kk.account.history.empty)).toBeVisible();

    // One restore, one renewal shared by the two refused requests, each of them sent twice.
    expect(requestsTo(fetchMock, REFRESH)).toHaveLength(2);
    for (const route of [CHANGES, SESSIONS]) {
      expect(requestsTo(fetchMock, route).map(bearer)).toEqual(['Bearer old-token', 'Bearer new-token']);
    }
    expect(screen.getByRole('banner')).toHaveTextContent('АСАНОВ АСАН АСАНҰЛЫ');
  });

  it('ends when the renewal is refused too: the person is sent to sign in', async () => {
    signedInBefore();
    const fetchMock = mockApi({
      [REFRESH]: refreshesWith('old-token'),
      [CHANGES]: unauthenticated,
      [SESSIONS]: unauthenticated,
    });
    const { router } = renderApp('/account/security');

    expect(await screen.findByRole('heading', { level: 1, name: kk.signIn.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/login');
    expect(requestsTo(fetchMock, REFRESH)).toHaveLength(2);
    // Each refused request was sent once more at most.
    expect(requestsTo(fetchMock, CHANGES).length).toBeLessThanOrEqual(2);
    expect(window.localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('ends on "Sign out": the server is told, and the header offers signing in again', async () => {
    signedInBefore();
    const user = userEvent.setup();
    const fetchMock = mockApi({
      [REFRESH]: refreshesWith('token-1'),
      'POST /api/v1/auth/logout': noContent,
    });
    const { router } = renderApp('/help');

    await user.click(await screen.findByRole('button', { name: kk.accountMenu.signOut }));

    expect(await screen.findByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    const [logout] = requestsTo(fetchMock, 'POST /api/v1/auth/logout');
    expect(logout && bearer(logout)).toBe('Bearer token-1');
    expect(window.localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
