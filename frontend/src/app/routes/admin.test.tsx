// The back office's administration pages: an account's role, changed with a reason (asked for
// before anything is sent; the server's refusals shown in its words, at the role's field when it
// names it), and the audit page: its filter in the address and in the query, the names and
// Astana time in the table, and the CSV export with the same filter, saved as saulet-audit.csv.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo, tokens } from '@/testing/api-responses';
import { ADMIN_ID, LEAD_ID, adminAccount, auditEvent } from '@/testing/back-office-fixtures';
import { renderApp } from '@/testing/render-app';

const a = kk.admin;
const ACCOUNT = `/api/v1/admin/accounts/${LEAD_ID}`;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));
/** A label that the field's "(optional)" follows. */
const startingWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

beforeEach(() => {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
});

const signedInAdmin = () => jsonResponse(tokens('token-1', { id: ADMIN_ID, role: 'admin' }));

describe('an account’s role', () => {
  async function openAccount(answers: Parameters<typeof mockApi>[0] = {}) {
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      [`GET ${ACCOUNT}`]: () => jsonResponse(adminAccount()),
      'GET /api/v1/admin/audit-events': () => jsonResponse({ items: [], next_cursor: null }),
      ...answers,
    });
    renderApp(`/admin/accounts/${LEAD_ID}`);
    const section = await screen.findByRole('region', { name: a.role.heading });
    return { fetchMock, section };
  }

  it('is changed with a reason, which is asked for before anything is sent', async () => {
    const user = userEvent.setup();
    const { fetchMock, section } = await openAccount({
      [`PUT ${ACCOUNT}/role`]: () => jsonResponse(adminAccount({ role: 'reviewer' })),
    });
    expect(within(section).getByTestId('current-role')).toHaveTextContent(fill(a.role.current, { role: kk.roles.applicant }));

    // The role it has already is no change.
    await user.click(within(section).getByRole('button', { name: a.role.submit }));
    const role = within(section).getByRole('combobox', { name: a.role.label });
    expect(role).toHaveAttribute('aria-invalid', 'true');
    expect(role).toHaveAccessibleDescription(expect.stringContaining(a.role.sameRole));

    await user.selectOptions(role, 'reviewer');
    await user.click(within(section).getByRole('button', { name: a.role.submit }));
    const reason = within(section).getByRole('textbox', { name: a.reason.label });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();
    expect(requestsTo(fetchMock, `PUT ${ACCOUNT}/role`)).toHaveLength(0);

    await user.type(reason, ' Топ жетекшісі ');
    await user.click(within(section).getByRole('button', { name: a.role.submit }));

    expect(await within(section).findByRole('status')).toHaveTextContent(fill(a.role.done, { role: kk.roles.reviewer }));
    expect(within(section).getByTestId('current-role')).toHaveTextContent(fill(a.role.current, { role: kk.roles.reviewer }));
    const [put] = requestsTo(fetchMock, `PUT ${ACCOUNT}/role`);
    expect(await put?.json()).toEqual({ role: 'reviewer', reason: 'Топ жетекшісі' });
    expect(put?.headers.get('Authorization')).toBe('Bearer token-1');
    // The account's own log is read again, with the change in it.
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/admin/audit-events')).toHaveLength(2));
  });

  it('shows a conflict in the server’s words', async () => {
    const user = userEvent.setup();
    const { section } = await openAccount({
      [`PUT ${ACCOUNT}/role`]: () =>
        problemResponse({
          type: 'conflict',
          title: 'Қайшылық',
          status: 409,
          detail: 'Әкімші өз рөлін өзгерте алмайды; басқа әкімшіге жүгініңіз.',
        }),
    });
    await user.selectOptions(within(section).getByRole('combobox', { name: a.role.label }), 'admin');
    await user.type(within(section).getByRole('textbox', { name: a.reason.label }), 'Сынақ');
    await user.click(within(section).getByRole('button', { name: a.role.submit }));

    const alert = await within(section).findByRole('alert');
    expect(alert).toHaveTextContent('Қайшылық');
    expect(alert).toHaveTextContent('Әкімші өз рөлін өзгерте алмайды');
    expect(within(section).getByTestId('current-role')).toHaveTextContent(fill(a.role.current, { role: kk.roles.applicant }));
  });

  it('shows a refusal of the reviewer role at the role’s field', async () => {
    const user = userEvent.setup();
    const { section } = await openAccount({
      [`PUT ${ACCOUNT}/role`]: () =>
        problemResponse({
          type: 'validation',
          title: 'Деректер тексеруден өтпеді',
          status: 422,
          errors: [
            {
              field: 'role',
              code: 'not_staff',
              message: 'өтінімдерді қараушы өзі жұмыс істейтін ұйымның сертификатымен (ұйымның БСН-і бар) кіреді',
            },
          ],
        }),
    });
    const role = within(section).getByRole('combobox', { name: a.role.label });
    await user.selectOptions(role, 'reviewer');
    await user.type(within(section).getByRole('textbox', { name: a.reason.label }), 'Сынақ');
    await user.click(within(section).getByRole('button', { name: a.role.submit }));

    await waitFor(() => expect(role).toHaveAttribute('aria-invalid', 'true'));
    expect(role).toHaveAccessibleDescription(expect.stringContaining('ұйымның БСН-і бар'));
    expect(within(section).getByRole('alert')).toHaveTextContent(kk.problems.types.validation);
  });

  it('is not offered for a deleted account', async () => {
    mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      [`GET ${ACCOUNT}`]: () => jsonResponse(adminAccount({ status: 'deleted', full_name: '' })),
      'GET /api/v1/admin/audit-events': () => jsonResponse({ items: [], next_cursor: null }),
    });
    renderApp(`/admin/accounts/${LEAD_ID}`);
    expect(await screen.findByRole('region', { name: a.audit.forAccount })).toBeVisible();
    expect(screen.queryByRole('region', { name: a.role.heading })).not.toBeInTheDocument();
  });
});

describe('the audit page', () => {
  const s = a.auditSearch;

  it('filters by action, actor, account and days, from the address and into the query', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/audit-events': () => jsonResponse({ items: [auditEvent()], next_cursor: null }),
    });
    const { router } = renderApp('/admin/audit');

    const row = await screen.findByTestId('audit-event');
    // Astana's clock (UTC+5), the names, the action in words with its code, what changed.
    expect(within(row).getByText('04.12.2026, 23:30')).toBeVisible();
    expect(within(row).getByRole('link', { name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ' })).toHaveAttribute('href', `/admin/accounts/${ADMIN_ID}`);
    expect(within(row).getByRole('link', { name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' })).toHaveAttribute('href', `/admin/accounts/${LEAD_ID}`);
    expect(row).toHaveTextContent(a.audit.actions.account.role);
    expect(row).toHaveTextContent('account.role');
    expect(row).toHaveTextContent(fill(a.audit.roleChange, { from: kk.roles.applicant, to: kk.roles.reviewer }));
    expect(row).toHaveTextContent('Топ жетекшісі');
    // The address the action came from, as the trusted proxy reported it.
    expect(row).toHaveTextContent(fill(a.audit.fromForwarded, { address: '203.0.113.9' }));

    const search = screen.getByRole('search', { name: s.label });
    await user.selectOptions(within(search).getByRole('combobox', { name: s.action }), 'account.role');
    await user.type(within(search).getByRole('textbox', { name: startingWith(s.actor) }), 'not an id');
    await user.click(within(search).getByRole('button', { name: s.submit }));
    const actor = within(search).getByRole('textbox', { name: startingWith(s.actor) });
    expect(actor).toHaveAttribute('aria-invalid', 'true');
    expect(actor).toHaveAccessibleDescription(expect.stringContaining(s.notAnId));
    expect(requestsTo(fetchMock, 'GET /api/v1/admin/audit-events')).toHaveLength(1);

    await user.clear(actor);
    await user.type(actor, ADMIN_ID);
    await user.type(within(search).getByLabelText(startingWith(s.from)), '2026-12-01');
    await user.type(within(search).getByLabelText(startingWith(s.to)), '2026-12-04');
    await user.click(within(search).getByRole('button', { name: s.submit }));

    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/admin/audit-events')).toHaveLength(2));
    expect(router.state.location.search).toBe(`?action=account.role&actor=${ADMIN_ID}&from=2026-12-01&to=2026-12-04`);
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/admin/audit-events')[1]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      action: 'account.role',
      actor: ADMIN_ID,
      from: '2026-12-01',
      to: '2026-12-04',
      limit: '20',
    });
  });

  it('offers every action of a family, and follows the cursor for more', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/audit-events': (request) =>
        new URL(request.url).searchParams.get('cursor')
          ? jsonResponse({ items: [auditEvent({ id: '0193a0c4-0000-7000-8000-00000000a000', action: 'account.block', details: {} })], next_cursor: null })
          : jsonResponse({ items: [auditEvent()], next_cursor: '0193a0c4-0000-7000-8000-00000000a001' }),
    });
    renderApp('/admin/audit?action=account.');

    expect(await screen.findByRole('combobox', { name: s.action })).toHaveValue('account.');
    await user.click(await screen.findByRole('button', { name: kk.common.loadMore }));
    await waitFor(() => expect(screen.getAllByTestId('audit-event')).toHaveLength(2));
    const [, more] = requestsTo(fetchMock, 'GET /api/v1/admin/audit-events');
    expect(Object.fromEntries(new URL(more?.url ?? '').searchParams)).toEqual({
      action: 'account.',
      limit: '20',
      cursor: '0193a0c4-0000-7000-8000-00000000a001',
    });
  });

  it('exports the events of the same filter as saulet-audit.csv, with the token', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn((blob: Blob) => (blob.size > 0 ? 'blob:audit' : 'blob:empty'));
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/audit-events': () => jsonResponse({ items: [auditEvent()], next_cursor: null }),
      'GET /api/v1/admin/audit-events/export': () =>
        new Response('id,created_at,actor_id,actor_name,action\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }),
    });
    renderApp(`/admin/audit?action=account.role&account=${LEAD_ID}`);

    await user.click(await screen.findByRole('button', { name: s.export }));

    expect(await screen.findByText(fill(s.exported, { file: 'saulet-audit.csv' }))).toBeVisible();
    const [exported] = requestsTo(fetchMock, 'GET /api/v1/admin/audit-events/export');
    expect(exported?.headers.get('Authorization')).toBe('Bearer token-1');
    expect(Object.fromEntries(new URL(exported?.url ?? '').searchParams)).toEqual({ action: 'account.role', account: LEAD_ID });
    expect(createObjectURL).toHaveReturnedWith('blob:audit');
    // The link clicked to save it names the file.
    const [saved] = click.mock.contexts as HTMLAnchorElement[];
    expect(saved?.download).toBe('saulet-audit.csv');
    click.mockRestore();
  });

  it('shows why the server refused the filter', async () => {
    mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/audit-events': () =>
        problemResponse({
          type: 'invalid-query',
          title: 'Сұрау параметрлері қате',
          status: 400,
          detail: '`from` күні `to` күнінен кейін тұр',
        }),
    });
    renderApp('/admin/audit?from=2026-12-05&to=2026-12-01');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Сұрау параметрлері қате');
    expect(alert).toHaveTextContent('`from` күні `to` күнінен кейін тұр');
  });

  it('links to the review teams in the administrators’ navigation', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/audit-events': () => jsonResponse({ items: [], next_cursor: null }),
    });
    renderApp('/admin/audit');
    const nav = await screen.findByRole('navigation', { name: a.nav.label });
    expect(within(nav).getByRole('link', { name: a.nav.team })).toHaveAttribute('href', '/staff/team');
    await screen.findByText(a.audit.empty);
    expect(requestLog(fetchMock)).toEqual(['POST /api/v1/auth/refresh', 'GET /api/v1/admin/audit-events']);
  });
});
