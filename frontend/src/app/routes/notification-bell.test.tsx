// The header's bell: shown to signed-in people only, named with the live unread count from the
// stream (opened with a ticket), announced politely, and the stream closed on sign-out, before
// the server is told.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import { jsonResponse, mockApi, noContent, requestsTo, tokens } from '@/testing/api-responses';
import { FakeEventSource } from '@/testing/fake-event-source';
import { renderApp } from '@/testing/render-app';

const TICKET = 'POST /api/v1/notifications/stream-ticket';

function signedIn(onLogout: () => void = () => {}) {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
  let issued = 0;
  return mockApi({
    'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
    'POST /api/v1/auth/logout': () => {
      onLogout();
      return noContent();
    },
    [TICKET]: () => {
      issued += 1;
      return jsonResponse({ ticket: `ticket-${issued}`, expires_at: '2026-11-24T10:01:00Z' }, 201);
    },
    'GET /api/v1/announcements': () => jsonResponse([]),
  });
}

function latestStream(): FakeEventSource {
  const source = FakeEventSource.latest;
  if (!source) throw new Error('no stream opened');
  return source;
}

const withCount = (count: number) => kk.notifications.bell.labelWithCount.replace('{{count}}', String(count));

describe('the notifications bell', () => {
  it('is not shown to visitors, who open no stream', async () => {
    mockApi({ 'GET /api/v1/announcements': () => jsonResponse([]) });
    renderApp('/');
    expect(await screen.findByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    expect(screen.queryByTestId('notification-bell')).not.toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('shows the live unread count from the stream, opened with a ticket and the bearer token', async () => {
    const fetchMock = signedIn();
    renderApp('/');

    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const [ticketRequest] = requestsTo(fetchMock, TICKET);
    expect(ticketRequest?.headers.get('Authorization')).toBe('Bearer token-1');
    const source = latestStream();
    expect(source.url).toBe('/api/v1/notifications/stream?ticket=ticket-1');

    act(() => {
      source.open();
      source.emit('unread', { unread_count: 0 });
    });
    const bell = await screen.findByRole('link', { name: withCount(0) });
    expect(bell).toHaveAttribute('href', '/notifications');

    act(() => source.emit('unread', { unread_count: 3 }));
    expect(await screen.findByRole('link', { name: withCount(3) })).toBeVisible();
    const live = within(screen.getByRole('banner')).getByText(
      kk.notifications.bell.announce.replace('{{count}}', '3'),
    );
    expect(live).toHaveAttribute('aria-live', 'polite');
  });

  it('reconnects with a fresh ticket when the stream breaks', async () => {
    signedIn();
    renderApp('/');
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const first = latestStream();
    act(() => first.fail());
    expect(first.closed).toBe(true);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2), { timeout: 3000 });
    expect(FakeEventSource.latest?.url).toContain('ticket=ticket-2');
  });

  it('closes the stream on sign-out', async () => {
    const user = userEvent.setup();
    signedIn();
    renderApp('/');
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = latestStream();
    act(() => source.emit('unread', { unread_count: 2 }));
    await screen.findByRole('link', { name: withCount(2) });

    await user.click(screen.getByRole('button', { name: kk.accountMenu.signOut }));

    expect(await screen.findByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    expect(source.closed).toBe(true);
    expect(screen.queryByTestId('notification-bell')).not.toBeInTheDocument();
  });

  it('closes the stream before the server ends the session, so no stream opens on an ended one', async () => {
    const user = userEvent.setup();
    let closedWhenAsked: boolean | null = null;
    signedIn(() => {
      closedWhenAsked = FakeEventSource.latest?.closed ?? null;
    });
    renderApp('/');
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: kk.accountMenu.signOut }));

    expect(await screen.findByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    expect(closedWhenAsked).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
