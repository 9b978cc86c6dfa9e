// Signing in with the EDS: NCALayer is offered only when it answers on this computer,
// the key file always; the signed challenge goes to POST /auth/login/eds.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const CHALLENGE = 'saulet:auth:AAAA:BBBB';
const SIGNATURE = 'MIAGCSqGSIb3DQEHAqCAMIACAQEx';

const api = {
  'POST /api/v1/auth/eds/challenge': () => jsonResponse({ challenge: CHALLENGE, expires_at: '2026-11-24T10:05:00Z' }, 201),
  'GET /api/v1/accounts/me/changes': () => jsonResponse([]),
  'GET /api/v1/accounts/me/sessions': () => jsonResponse([]),
};

/** A WebSocket with NCALayer on the other end, which signs whatever it is asked to. */
class FakeNcaLayerSocket {
  static requests: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;

  constructor() {
    setTimeout(() => this.onopen?.(), 0);
  }

  send(data: string) {
    FakeNcaLayerSocket.requests.push(JSON.parse(data));
    setTimeout(() => this.onmessage?.({ data: JSON.stringify({ status: true, body: { result: [SIGNATURE] } }) }), 0);
  }

  close() {}
}

function edsPanel() {
  return within(screen.getByRole('region', { name: kk.signIn.eds.heading }));
}

// The set-up's WebSocket, which refuses every connection: put back after each test.
const noNcaLayer = globalThis.WebSocket;

afterEach(() => {
  FakeNcaLayerSocket.requests = [];
  vi.stubGlobal('WebSocket', noNcaLayer);
});

describe('signing in with the EDS', () => {
  it('offers the key file only, and says how to get NCALayer found, when NCALayer does not answer', async () => {
    mockApi(api);
    renderApp('/login');

    expect(await edsPanel().findByText(kk.eds.ncalayer.absent, { exact: false })).toBeVisible();
    expect(edsPanel().queryByRole('radio')).not.toBeInTheDocument();
    expect(edsPanel().getByLabelText(kk.eds.file.label)).toBeInTheDocument();
    expect(edsPanel().getByRole('button', { name: kk.eds.ncalayer.lookAgain })).toBeVisible();
  });

  it('signs through NCALayer when it answers, and signs in with the signature', async () => {
    vi.stubGlobal('WebSocket', FakeNcaLayerSocket);
    const user = userEvent.setup();
    const fetchMock = mockApi({ ...api, 'POST /api/v1/auth/login/eds': () => jsonResponse(tokens('token-1')) });
    const { router } = renderApp('/login');

    const ncaLayer = await edsPanel().findByRole('radio', { name: kk.eds.method.ncalayer });
    expect(ncaLayer).toBeChecked();
    expect(edsPanel().getByRole('radio', { name: kk.eds.method.file })).not.toBeChecked();
    await user.click(edsPanel().getByRole('button', { name: kk.signIn.eds.submit }));

    expect(await screen.findByRole('heading', { level: 1, name: kk.account.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/account');
    expect(FakeNcaLayerSocket.requests).toMatchObject([
      { module: 'kz.gov.pki.knca.basics', method: 'sign', args: { data: btoa(CHALLENGE), locale: 'kk' } },
    ]);
    const [login] = requestsTo(fetchMock, 'POST /api/v1/auth/login/eds');
    expect(await login?.json()).toEqual({ challenge: CHALLENGE, signature: SIGNATURE, client: 'web' });
  });

  it('explains that no account holds the certificate, and points to registration', async () => {
    vi.stubGlobal('WebSocket', FakeNcaLayerSocket);
    const user = userEvent.setup();
    mockApi({
      ...api,
      'POST /api/v1/auth/login/eds': () =>
        problemResponse({ type: 'invalid-credentials', title: 'Кіру деректері қате', status: 401, detail: 'No account.' }),
    });
    renderApp('/login');

    await edsPanel().findByRole('radio', { name: kk.eds.method.ncalayer });
    await user.click(edsPanel().getByRole('button', { name: kk.signIn.eds.submit }));

    const alert = await edsPanel().findByRole('alert');
    expect(alert).toHaveTextContent(kk.signIn.eds.noAccount);
    expect(within(alert).getByRole('link', { name: kk.signIn.eds.register })).toHaveAttribute('href', '/register');
  });
});
