// The inbox: a notice about a request or an agreement leads to it, its title a link; a notice
// about nothing in particular, or naming somewhere off the site, is plain text.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const REQUEST_PATH = '/requests/0193a0c4-0000-7000-8000-0000000000a1';

function notice(id: string, title: string, link: string | null) {
  return {
    id,
    category: 'permit_status',
    title,
    body: 'Толығырақ өтініш бетінде.',
    read: false,
    created_at: '2026-11-24T10:00:00Z',
    link,
    event: { kind: 'announcement' },
  };
}

describe('the inbox', () => {
  it('links each notice’s title to the page it is about, and only to a page of the site', async () => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/notifications': () =>
        jsonResponse({
          items: [
            notice('n1', 'Өтініш қаралуға қабылданды', REQUEST_PATH),
            notice('n2', 'Жаңа келісім', '/agreements/0193a0c4-0000-7000-8000-000000000003'),
            notice('n3', 'Жүйе жаңартылды', null),
            notice('n4', 'Басқа сайт', 'https://example.com/phish'),
          ],
          next_cursor: null,
          unread_count: 4,
        }),
    });
    renderApp('/notifications');

    const list = await screen.findByRole('list', { name: kk.notifications.inbox.listLabel });
    const [request, agreement, plain, elsewhere] = within(list).getAllByTestId('notification') as HTMLElement[];
    expect(within(request as HTMLElement).getByRole('link', { name: 'Өтініш қаралуға қабылданды' })).toHaveAttribute('href', REQUEST_PATH);
    expect(within(agreement as HTMLElement).getByRole('link', { name: 'Жаңа келісім' })).toHaveAttribute(
      'href',
      '/agreements/0193a0c4-0000-7000-8000-000000000003',
    );
    for (const item of [plain, elsewhere]) {
      expect(within(item as HTMLElement).getByRole('heading', { level: 2 })).toBeVisible();
      expect(within(item as HTMLElement).queryByRole('link')).not.toBeInTheDocument();
    }
  });
});
