// Notification preferences: categories × channels; mandatory ones checked, disabled and
// explained; saving sends only the optional ones.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import { jsonResponse, mockApi, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const PREFERENCES = '/api/v1/notification-preferences';

const stored = [
  { category: 'security', in_app: true, email: true, mandatory: true },
  { category: 'legal', in_app: true, email: true, mandatory: true },
  { category: 'permit_status', in_app: true, email: true, mandatory: false },
  { category: 'announcements', in_app: true, email: false, mandatory: false },
  { category: 'reminders', in_app: true, email: true, mandatory: false },
];

function box(category: keyof typeof kk.notifications.categories, channel: 'in_app' | 'email') {
  return screen.getByRole('checkbox', {
    name: `${kk.notifications.categories[category]}: ${kk.notifications.channels[channel]}`,
  });
}

describe('notification preferences', () => {
  it('shows mandatory categories checked and disabled, with the reason', async () => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${PREFERENCES}`]: () => jsonResponse(stored),
    });
    renderApp('/notifications/preferences');

    expect(await screen.findByRole('heading', { level: 1, name: kk.notifications.preferences.title })).toBeVisible();
    await screen.findByRole('table');
    for (const category of ['security', 'legal'] as const) {
      for (const channel of ['in_app', 'email'] as const) {
        const checkbox = box(category, channel);
        expect(checkbox).toBeChecked();
        expect(checkbox).toBeDisabled();
        expect(checkbox).toHaveAccessibleDescription(kk.notifications.preferences.mandatoryExplained);
      }
    }
    expect(box('permit_status', 'email')).toBeEnabled();
    expect(box('announcements', 'email')).not.toBeChecked();
  });

  it('saves the optional categories only', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${PREFERENCES}`]: () => jsonResponse(stored),
      [`PUT ${PREFERENCES}`]: async (request) => {
        const body = (await request.json()) as { preferences: typeof stored };
        return jsonResponse([...stored.slice(0, 2), ...body.preferences.map((row) => ({ ...row, mandatory: false }))]);
      },
    });
    renderApp('/notifications/preferences');
    await screen.findByRole('table');

    await user.click(box('permit_status', 'email'));
    await user.click(screen.getByRole('button', { name: kk.notifications.preferences.save }));

    expect(await screen.findByText(kk.notifications.preferences.saved)).toBeVisible();
    const [put] = requestsTo(fetchMock, `PUT ${PREFERENCES}`);
    expect(await put?.json()).toEqual({
      preferences: [
        { category: 'permit_status', in_app: true, email: false },
        { category: 'announcements', in_app: true, email: false },
        { category: 'reminders', in_app: true, email: true },
      ],
    });
    expect(box('permit_status', 'email')).not.toBeChecked();
  });
});
