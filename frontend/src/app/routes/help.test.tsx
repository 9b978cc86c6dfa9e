// The help page: how to get an EDS and install NCALayer (the EDS forms link there), what
// staff need to know, and a person to ask, from the department's configuration.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import kk from '@/i18n/locales/kk.json';
import ru from '@/i18n/locales/ru.json';
import { jsonResponse, mockApi } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const CONTACT = {
  phone: '+7 7172 55-00-00',
  email: 'saulet@astana.example.kz',
  address: { kk: 'Астана, Бейбітшілік к-сі, 11', ru: 'Астана, ул. Бейбитшилик, 11', en: '11 Beibitshilik St, Astana' },
  opening_hours: { kk: 'Дс–Жм, 9:00–18:00', ru: 'Пн–Пт, 9:00–18:00', en: 'Mon–Fri, 9:00–18:00' },
};

describe('the help page', () => {
  it('explains getting an EDS, its two key files, NCALayer, and the staff’s work, each reachable from its contents', async () => {
    mockApi({ 'GET /api/v1/help/contact': () => jsonResponse(CONTACT) });
    renderApp('/help');

    for (const [id, heading] of [
      ['get-eds', kk.help.getEds.heading],
      ['ncalayer', kk.help.ncalayer.heading],
      ['staff', kk.help.staff.heading],
      ['contact', kk.help.contact.heading],
    ] as const) {
      expect(await screen.findByRole('heading', { level: 2, name: heading })).toHaveAttribute('id', id);
      const contents = screen.getByRole('navigation', { name: kk.help.contents });
      expect(within(contents).getByRole('link', { name: heading })).toHaveAttribute('href', `#${id}`);
    }
    const eds = screen.getByRole('region', { name: kk.help.getEds.heading });
    expect(eds).toHaveTextContent(kk.help.getEds.auth);
    expect(eds).toHaveTextContent(kk.help.getEds.sign);
    expect(screen.getByRole('region', { name: kk.help.ncalayer.heading })).toHaveTextContent('pki.gov.kz');
  });

  it('gives the department’s phone, email, address and hours in the page’s language', async () => {
    mockApi({ 'GET /api/v1/help/contact': () => jsonResponse(CONTACT) });
    renderApp('/help');

    const contact = await screen.findByTestId('help-contact');
    expect(within(contact).getByRole('link', { name: CONTACT.phone })).toHaveAttribute('href', 'tel:+77172550000');
    expect(within(contact).getByRole('link', { name: CONTACT.email })).toHaveAttribute('href', `mailto:${CONTACT.email}`);
    expect(contact).toHaveTextContent(CONTACT.address.kk);
    expect(contact).toHaveTextContent(CONTACT.opening_hours.kk);

    await i18n.changeLanguage('ru');
    await waitFor(() => expect(contact).toHaveTextContent(CONTACT.address.ru));
    expect(contact).toHaveTextContent(`${ru.help.contact.hours}${CONTACT.opening_hours.ru}`);
  });

  it('shows only what the department configured, and says so when it configured nothing', async () => {
    mockApi({ 'GET /api/v1/help/contact': () => jsonResponse({ ...CONTACT, phone: null, address: null, opening_hours: null }) });
    const first = renderApp('/help');
    const contact = await screen.findByTestId('help-contact');
    expect(contact).not.toHaveTextContent(kk.help.contact.phone);
    expect(contact).toHaveTextContent(CONTACT.email);
    first.unmount();

    mockApi({ 'GET /api/v1/help/contact': () => jsonResponse({ phone: null, email: null, address: null, opening_hours: null }) });
    renderApp('/help');
    expect(await screen.findByText(kk.help.contact.none)).toBeVisible();
  });

  it('is where the EDS forms send a person who needs NCALayer, straight to that section', async () => {
    const user = userEvent.setup();
    mockApi({ 'GET /api/v1/help/contact': () => jsonResponse(CONTACT) });
    const { router } = renderApp('/login');

    await user.click(await screen.findByRole('link', { name: kk.eds.help.ncalayer }));

    const section = await screen.findByRole('heading', { level: 2, name: kk.help.ncalayer.heading });
    expect(router.state.location.pathname).toBe('/help');
    expect(router.state.location.hash).toBe('#ncalayer');
    await waitFor(() => expect(section).toHaveFocus());
  });
});
