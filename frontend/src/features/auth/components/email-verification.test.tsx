// Confirming the email address from the emailed link.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { account, jsonResponse, mockApi, problemResponse, requestsTo } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const VERIFY = 'POST /api/v1/auth/email/verify';

describe('the email verification page', () => {
  it('confirms the address with the token from the link', async () => {
    const fetchMock = mockApi({ [VERIFY]: () => jsonResponse(account({ email: 'asan@example.kz' })) });
    renderApp('/verify-email?token=one-time-token');

    expect(await screen.findByText(kk.verifyEmail.confirmed.replace('{{email}}', 'asan@example.kz'))).toBeVisible();
    const requests = requestsTo(fetchMock, VERIFY);
    expect(requests).toHaveLength(1);
    expect(await requests[0]?.json()).toEqual({ token: 'one-time-token' });
    expect(within(screen.getByRole('main')).getByRole('link', { name: kk.verifyEmail.signIn })).toHaveAttribute(
      'href',
      '/login',
    );
  });

  it('explains a link that is unknown, used or expired', async () => {
    mockApi({
      [VERIFY]: () =>
        problemResponse({ type: 'token-invalid', title: 'Сілтеме жарамсыз', status: 422, detail: 'Unknown link.' }),
    });
    renderApp('/verify-email?token=used-token');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Сілтеме жарамсыз');
    expect(alert).toHaveTextContent(kk.verifyEmail.invalid);
  });

  it('says so when the link has no token', () => {
    renderApp('/verify-email');

    expect(screen.getByRole('alert')).toHaveTextContent(kk.verifyEmail.noToken);
  });
});
