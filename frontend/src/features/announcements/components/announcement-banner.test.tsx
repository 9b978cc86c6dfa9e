// The announcements banner: on every page, for visitors too, in the interface language; a
// maintenance notice as a warning with its window; each one can be hidden for the session.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import i18n from '@/i18n';
import { jsonResponse, mockApi } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';
import { DISMISSED_KEY } from './announcement-banner';

const info = {
  id: '01936a52-0000-7000-8000-000000000001',
  kind: 'info',
  audience: 'everyone',
  title: { kk: 'Жаңа қызмет', ru: 'Новая услуга', en: 'A new service' },
  body: { kk: 'Енді онлайн.', ru: 'Теперь онлайн.', en: 'Now online.' },
  publish_at: '2026-11-24T09:00:00Z',
  expires_at: '2026-12-24T09:00:00Z',
};

const maintenance = {
  ...info,
  id: '01936a52-0000-7000-8000-000000000002',
  kind: 'maintenance',
  title: { kk: 'Техникалық жұмыстар', ru: 'Технические работы', en: 'Maintenance' },
  body: { kk: 'Жүйе жұмыс істемейді.', ru: 'Система не работает.', en: 'The system is down.' },
  window_start: '2026-11-28T21:00:00Z',
  window_end: '2026-11-28T23:00:00Z',
};

function format(language: string, iso: string) {
  return new Intl.DateTimeFormat(language, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

describe('the announcements banner', () => {
  it('shows the announcements to visitors in the interface language', async () => {
    mockApi({ 'GET /api/v1/announcements': () => jsonResponse([info, maintenance]) });
    renderApp('/help');

    const region = await screen.findByRole('complementary', { name: kk.announcements.label });
    const [first, second] = within(region).getAllByTestId('announcement');
    expect(first).toHaveTextContent(`${kk.announcements.kinds.info}: ${info.title.kk}`);
    expect(first).toHaveTextContent(info.body.kk);
    expect(first).toHaveClass('announcement--info');
    expect(second).toHaveClass('announcement--maintenance');
    expect(second).toHaveTextContent(
      kk.announcements.window
        .replace('{{start}}', format('kk', maintenance.window_start))
        .replace('{{end}}', format('kk', maintenance.window_end)),
    );

    await i18n.changeLanguage('en');
    expect(await within(region).findByText(`${en.announcements.kinds.info}:`, { exact: false })).toBeVisible();
    expect(region).toHaveTextContent(info.title.en);
    expect(region).toHaveTextContent(maintenance.body.en);
  });

  it('hides an announcement for the rest of the session', async () => {
    const user = userEvent.setup();
    mockApi({ 'GET /api/v1/announcements': () => jsonResponse([info, maintenance]) });
    const { unmount } = renderApp('/');

    const region = await screen.findByRole('complementary', { name: kk.announcements.label });
    await user.click(within(region).getByRole('button', { name: `${kk.announcements.dismiss}: ${info.title.kk}` }));
    expect(screen.queryByText(info.title.kk, { exact: false })).not.toBeInTheDocument();
    expect(within(region).getAllByTestId('announcement')).toHaveLength(1);
    expect(JSON.parse(window.sessionStorage.getItem(DISMISSED_KEY) ?? '[]')).toEqual([info.id]);

    unmount();
    renderApp('/');
    const [remaining, ...others] = await screen.findAllByTestId('announcement');
    expect(others).toEqual([]);
    expect(remaining).toHaveTextContent(maintenance.body.kk);
  });

  it('shows nothing when there is no announcement or the API is unreachable', async () => {
    mockApi({});
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: kk.home.heading })).toBeVisible();
    expect(screen.queryByRole('complementary', { name: kk.announcements.label })).not.toBeInTheDocument();
  });
});
