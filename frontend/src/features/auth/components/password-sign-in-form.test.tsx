// Signing in with the password: what is checked before anything is sent, and how each
// refusal of the API is explained: wrong credentials, a locked account (423, with when to try
// again), a blocked one (403).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import i18n from '@/i18n';
import {
  jsonResponse,
  mockApi,
  problemResponse,
  requestLog,
  requestsTo,
  tokens,
} from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const LOGIN = 'POST /api/v1/auth/login';

function passwordForm() {
  return within(screen.getByRole('region', { name: kk.signIn.password.heading }));
}

async function signIn(login: string, password: string) {
  const user = userEvent.setup();
  const form = passwordForm();
  if (login) await user.type(form.getByLabelText(kk.signIn.password.login), login);
  if (password) await user.type(form.getByLabelText(kk.signIn.password.password), password);
  await user.click(form.getByRole('button', { name: kk.signIn.password.submit }));
}

describe('signing in with the password', () => {
  it('asks for the login and the password before sending anything', async () => {
    const fetchMock = mockApi({});
    renderApp('/login');

    await signIn('', '');

    const login = passwordForm().getByLabelText(kk.signIn.password.login);
    expect(login).toHaveAttribute('aria-invalid', 'true');
    expect(login).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.required));
    expect(passwordForm().getByLabelText(kk.signIn.password.password)).toHaveAttribute('aria-invalid', 'true');
    expect(requestLog(fetchMock)).toEqual([]);
  });

  it('signs in as a web client and goes to the account', async () => {
    const fetchMock = mockApi({
      [LOGIN]: () => jsonResponse(tokens('token-1')),
      'GET /api/v1/accounts/me/changes': () => jsonResponse([]),
      'GET /api/v1/accounts/me/sessions': () => jsonResponse([]),
    });
    const { router } = renderApp('/login');

    await signIn(' 850314301834 ', 'Көктем-қаласы-2026');

    expect(await screen.findByRole('heading', { level: 1, name: kk.account.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/account');
    const [login] = requestsTo(fetchMock, LOGIN);
    expect(await login?.json()).toEqual({ login: '850314301834', password: 'Көктем-қаласы-2026', client: 'web' });
    // The account's security page asks for its changes once it is shown: wait for that request
    // rather than assume it left before the heading was painted.
    await userEvent.setup().click(screen.getByRole('link', { name: kk.account.nav.security }));
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/accounts/me/changes')).toHaveLength(1));
    const [changes] = requestsTo(fetchMock, 'GET /api/v1/accounts/me/changes');
    expect(changes?.headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('shows a refusal under the API title, explains it in the interface language, and clears the password', async () => {
    mockApi({
      [LOGIN]: () =>
        problemResponse({
          type: 'invalid-credentials',
          title: 'Кіру деректері қате',
          status: 401,
          detail: 'The login or the password is wrong.',
        }),
    });
    renderApp('/login');

    await signIn('asan@example.kz', 'wrong-password');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Кіру деректері қате');
    expect(alert).toHaveTextContent(kk.problems.types['invalid-credentials']);
    expect(passwordForm().getByLabelText(kk.signIn.password.password)).toHaveValue('');
    expect(screen.getByRole('link', { name: kk.signIn.password.forgot })).toHaveAttribute('href', '/password/forgot');
  });

  it('explains a locked account with the time it unlocks and the ways out', async () => {
    await i18n.changeLanguage('en');
    mockApi({
      [LOGIN]: () =>
        problemResponse(
          {
            type: 'account-locked',
            title: 'Account locked',
            status: 423,
            detail: 'Too many failed sign-ins. Try again after 2026-11-24 10:15 UTC.',
          },
          { 'Retry-After': '900' },
        ),
    });
    renderApp('/login');
    const user = userEvent.setup();
    const form = within(screen.getByRole('region', { name: en.signIn.password.heading }));
    await user.type(form.getByLabelText(en.signIn.password.login), 'asan@example.kz');
    await user.type(form.getByLabelText(en.signIn.password.password), 'wrong-password');
    await user.click(form.getByRole('button', { name: en.signIn.password.submit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Account locked');
    const unlocksAt = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(
      new Date(Date.now() + 900_000),
    );
    expect(alert).toHaveTextContent(en.problems.types['account-locked-until'].replace('{{time}}', unlocksAt));
  });

  it('explains a blocked account', async () => {
    mockApi({
      [LOGIN]: () =>
        problemResponse({
          type: 'account-blocked',
          title: 'Тіркелгі бұғатталған',
          status: 403,
          detail: 'The administrator has blocked this account.',
        }),
    });
    renderApp('/login');

    await signIn('asan@example.kz', 'Көктем-қаласы-2026');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Тіркелгі бұғатталған');
    expect(alert).toHaveTextContent(kk.problems.types['account-blocked']);
  });

  it('says so when the server cannot be reached', async () => {
    mockApi({ [LOGIN]: () => 'network-error' });
    renderApp('/login');

    await signIn('asan@example.kz', 'Көктем-қаласы-2026');

    expect(await screen.findByRole('alert')).toHaveTextContent(kk.problems.network.title);
  });
});
