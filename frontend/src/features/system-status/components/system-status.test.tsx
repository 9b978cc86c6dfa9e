// The status page reports what the API's health probes answer, including when they do not.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import i18n from '@/i18n';
import { FRAME_REQUESTS, jsonResponse, mockApi, problemResponse } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const LIVE = '/api/v1/health/live';
const READY = '/api/v1/health/ready';

const healthy = {
  [LIVE]: () => jsonResponse({ status: 'ok' }),
  [READY]: () => jsonResponse({ status: 'ok', checks: { database: 'ok' } }),
};

/** The row of the probe list (term and its description) for one probe. */
function probe(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: 'dt' }).parentElement;
  if (!row) throw new Error(`no probe row for ${name}`);
  return row;
}

describe('system status page', () => {
  it('reports a healthy API', async () => {
    mockApi(healthy);
    renderApp('/status');

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(kk.status.summary.ok));
    expect(within(probe(kk.status.probes.live)).getByText(kk.status.state.ok)).toBeVisible();
    const readiness = probe(kk.status.probes.ready);
    expect(within(readiness).getByText(kk.status.components.database)).toBeVisible();
    expect(within(readiness).getAllByText(kk.status.state.ok)).toHaveLength(2);
  });

  it('reports an API that answers 503 as not ready, with the server message', async () => {
    mockApi({
      [LIVE]: healthy[LIVE],
      [READY]: () =>
        problemResponse({
          type: 'https://saulet.example/problems/unavailable',
          title: 'Service unavailable',
          status: 503,
          detail: 'database unreachable',
          request_id: '0190c5f2-7d4e-7c1a-9d55-0a7b0cbd7a11',
        }),
    });
    renderApp('/status');

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(kk.status.summary.notReady));
    const readiness = probe(kk.status.probes.ready);
    expect(within(readiness).getByText(kk.status.state.notReady)).toBeVisible();
    expect(within(readiness).getByText('HTTP күйі: 503')).toBeVisible();
    expect(within(readiness).getByText('Сервер хабарламасы: database unreachable')).toBeVisible();
    expect(
      within(readiness).getByText('Сұрау идентификаторы: 0190c5f2-7d4e-7c1a-9d55-0a7b0cbd7a11'),
    ).toBeVisible();
  });

  it('reports an API that cannot be reached', async () => {
    mockApi({ [LIVE]: () => 'network-error', [READY]: () => 'network-error' });
    renderApp('/status');

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(kk.status.summary.unreachable));
    expect(within(probe(kk.status.probes.live)).getByText(kk.status.state.unreachable)).toBeVisible();
    expect(within(probe(kk.status.probes.ready)).getByText(kk.status.state.unreachable)).toBeVisible();
  });

  it('reports a gateway error in front of the API as unreachable, with its HTTP status', async () => {
    const badGateway = () => new Response('Bad Gateway', { status: 502 });
    mockApi({ [LIVE]: badGateway, [READY]: badGateway });
    renderApp('/status');

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(kk.status.summary.unreachable));
    expect(within(probe(kk.status.probes.live)).getByText('HTTP күйі: 502')).toBeVisible();
  });

  it('checks again on request and asks the API in the interface language', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [LIVE]: () => 'network-error', [READY]: () => 'network-error' });
    await i18n.changeLanguage('en');
    renderApp('/status');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(en.status.summary.unreachable));

    mockApi(healthy);
    await user.click(screen.getByRole('button', { name: en.status.refresh }));

    expect(await screen.findByText(en.status.summary.ok)).toBeVisible();
    const requests = fetchMock.mock.calls.map(([request]) => request as Request);
    const probes = requests.filter(
      (request) => !FRAME_REQUESTS.includes(`${request.method} ${new URL(request.url).pathname}`),
    );
    expect(probes.map((request) => new URL(request.url).pathname)).toEqual([LIVE, READY, LIVE, READY]);
    expect(requests.every((request) => request.headers.get('Accept-Language') === 'en')).toBe(true);
  });
});
