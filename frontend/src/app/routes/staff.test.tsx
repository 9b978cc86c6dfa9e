// The review's back office: the team's page (a reviewer's own organisation, found by asking the
// organisations in turn; any organisation for an administrator), whose figures lead to the queue
// filtered; and the queue's quick filters (unassigned, mine, due this week up to Sunday on
// Astana's calendar and not yet overdue, overdue), its due day and a reviewer chosen by id.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo, tokens } from '@/testing/api-responses';
import { DEPARTMENT, LEAD_ID, REVIEWER_ID, WATER, staffView } from '@/testing/back-office-fixtures';
import { renderApp } from '@/testing/render-app';

const p = kk.permits;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));
const forbidden = () => problemResponse({ type: 'forbidden', title: 'Тыйым салынған', status: 403 });
const emptyPage = () => jsonResponse({ items: [], next_cursor: null });

beforeEach(() => {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
});

describe('the team’s page', () => {
  it('shows a reviewer their own organisation’s reviewers, with links to the queue filtered', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { id: LEAD_ID, role: 'reviewer' })),
      'GET /api/v1/organisations': () => jsonResponse([WATER, DEPARTMENT]),
      'GET /api/v1/organisations/department/staff': () => jsonResponse(staffView()),
    });
    renderApp('/staff/team');

    expect(await screen.findByRole('heading', { level: 1, name: p.pages.team.title })).toBeVisible();
    expect(await screen.findByRole('heading', { level: 2, name: DEPARTMENT.name.kk })).toBeVisible();
    // The department (a provider) is asked first: its staff list opens at once.
    expect(requestLog(fetchMock)).toEqual([
      'POST /api/v1/auth/refresh',
      'GET /api/v1/organisations',
      'GET /api/v1/organisations/department/staff',
    ]);
    expect(screen.getByText(fill(p.team.today, { day: '02.12.2026' }))).toBeVisible();
    expect(screen.getByRole('columnheader', { name: fill(p.team.dueThisWeek, { day: '06.12.2026' }) })).toBeVisible();

    const unassigned = screen.getByTestId('team-unassigned');
    expect(unassigned).toHaveTextContent(fill(p.team.unassigned, { count: 3 }));
    expect(within(unassigned).getByRole('link', { name: p.team.unassignedLink })).toHaveAttribute('href', '/staff/requests?assignee=none');

    const [dinara, timur] = screen.getAllByTestId('team-member');
    expect(within(dinara as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['4', '1', '2', p.team.showRequests]);
    const name = 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ';
    expect(within(dinara as HTMLElement).getByRole('link', { name: fill(p.team.overdueOf, { name, count: 1 }) })).toHaveAttribute(
      'href',
      `/staff/requests?assignee=${REVIEWER_ID}&overdue=true`,
    );
    expect(within(dinara as HTMLElement).getByRole('link', { name: fill(p.team.dueThisWeekOf, { name, count: 2 }) })).toHaveAttribute(
      'href',
      `/staff/requests?assignee=${REVIEWER_ID}&overdue=false&due_by=2026-12-06`,
    );
    expect(within(dinara as HTMLElement).getByRole('link', { name: fill(p.team.requestsOf, { name }) })).toHaveAttribute(
      'href',
      `/staff/requests?assignee=${REVIEWER_ID}`,
    );
    // The reader is marked; nothing to follow where the figure is nought.
    expect(timur).toHaveTextContent(fill(p.team.you, { name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' }));
    expect(within(timur as HTMLElement).getAllByRole('link')).toHaveLength(1);
    expect(screen.queryByRole('combobox', { name: p.team.organisation })).not.toBeInTheDocument();
  });

  it('finds a service subject’s reviewer’s organisation after the department refuses', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'reviewer' })),
      'GET /api/v1/organisations': () => jsonResponse([DEPARTMENT, WATER]),
      'GET /api/v1/organisations/department/staff': forbidden,
      'GET /api/v1/organisations/water/staff': () => jsonResponse(staffView({ organisation: WATER, unassigned: 0, staff: [] })),
    });
    renderApp('/staff/team');

    expect(await screen.findByRole('heading', { level: 2, name: WATER.name.kk })).toBeVisible();
    expect(screen.getByText(p.team.noReviewers)).toBeVisible();
    expect(screen.getByTestId('team-unassigned')).toHaveTextContent(fill(p.team.unassigned, { count: 0 }));
    expect(within(screen.getByTestId('team-unassigned')).queryByRole('link')).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, 'GET /api/v1/organisations/water/staff')).toHaveLength(1);
  });

  it('tells a reviewer of no organisation so', async () => {
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'reviewer' })),
      'GET /api/v1/organisations': () => jsonResponse([DEPARTMENT, WATER]),
      'GET /api/v1/organisations/department/staff': forbidden,
      'GET /api/v1/organisations/water/staff': forbidden,
    });
    renderApp('/staff/team');
    expect(await screen.findByText(p.team.notStaff)).toBeVisible();
  });

  it('lets an administrator choose the organisation, the department first', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'admin' })),
      'GET /api/v1/organisations': () => jsonResponse([WATER, DEPARTMENT]),
      'GET /api/v1/organisations/department/staff': () => jsonResponse(staffView()),
      'GET /api/v1/organisations/water/staff': () => jsonResponse(staffView({ organisation: WATER, unassigned: 0, staff: [] })),
    });
    const { router } = renderApp('/staff/team');

    // The administrators' navigation, with this page in it.
    const nav = await screen.findByRole('navigation', { name: kk.admin.nav.label });
    expect(within(nav).getByRole('link', { name: kk.admin.nav.team })).toHaveAttribute('aria-current', 'page');
    const organisation = await screen.findByRole('combobox', { name: p.team.organisation });
    expect(organisation).toHaveValue('department');
    expect(await screen.findByRole('heading', { level: 2, name: DEPARTMENT.name.kk })).toBeVisible();

    await user.selectOptions(organisation, 'water');
    await user.click(screen.getByRole('button', { name: p.team.show }));

    expect(await screen.findByRole('heading', { level: 2, name: WATER.name.kk })).toBeVisible();
    expect(router.state.location.search).toBe('?organisation=water');
    expect(requestsTo(fetchMock, 'GET /api/v1/organisations/water/staff')).toHaveLength(1);
  });

  it('is not for applicants', async () => {
    mockApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')) });
    renderApp('/staff/team');
    expect(await screen.findByRole('heading', { level: 1, name: kk.auth.noAccess.title })).toBeVisible();
  });

  it('is in a reviewer’s account menu', async () => {
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'reviewer' })),
    });
    renderApp('/');
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByRole('link', { name: kk.accountMenu.team })).toHaveAttribute('href', '/staff/team');
  });
});

describe('the queue’s quick filters', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function openQueue(path = '/staff/requests', role: 'reviewer' | 'admin' = 'reviewer') {
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role })),
      'GET /api/v1/permit-types': () => jsonResponse([]),
      'GET /api/v1/permit-requests': emptyPage,
    });
    const rendered = renderApp(path);
    const queries = () => requestsTo(fetchMock, 'GET /api/v1/permit-requests').map((request) => Object.fromEntries(new URL(request.url).searchParams));
    return { ...rendered, fetchMock, queries };
  }

  it('put unassigned, mine, due this week (to Sunday, Astana time) and overdue one click away', async () => {
    // Friday 4 December 2026, 18:30 UTC: 23:30 in Astana, still Friday; the week ends on Sunday the 6th.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T18:30:00Z'));
    const user = userEvent.setup();
    const { router, queries } = openQueue();

    const quick = await screen.findByRole('navigation', { name: p.queue.quickLabel });
    const link = (name: string) => within(quick).getByRole('link', { name });
    expect(link(p.queue.quick.all)).toHaveAttribute('aria-current', 'page');
    expect(link(p.queue.quick.unassigned)).toHaveAttribute('href', '/staff/requests?assignee=none');
    expect(link(p.queue.quick.mine)).toHaveAttribute('href', '/staff/requests?assignee=me');
    expect(link(p.queue.quick.dueThisWeek)).toHaveAttribute('href', '/staff/requests?overdue=false&due_by=2026-12-06');
    expect(link(p.queue.quick.overdue)).toHaveAttribute('href', '/staff/requests?overdue=true');

    await user.click(link(p.queue.quick.dueThisWeek));
    await waitFor(() => expect(queries()).toHaveLength(2));
    expect(queries()[1]).toEqual({ overdue: 'false', due_by: '2026-12-06', limit: '20' });
    expect(router.state.location.search).toBe('?overdue=false&due_by=2026-12-06');
    expect(link(p.queue.quick.dueThisWeek)).toHaveAttribute('aria-current', 'page');
    expect(link(p.queue.quick.all)).not.toHaveAttribute('aria-current');
    // The form shows the filter in force.
    expect(screen.getByLabelText(p.queue.dueBy)).toHaveValue('2026-12-06');
    expect(screen.getByRole('checkbox', { name: p.queue.overdueOnly })).not.toBeChecked();

    await user.click(link(p.queue.quick.unassigned));
    await waitFor(() => expect(queries()).toHaveLength(3));
    expect(queries()[2]).toEqual({ assignee: 'none', limit: '20' });
    expect(screen.getByRole('combobox', { name: p.fields.assignee })).toHaveValue('none');
  });

  it('takes the week of the next day in Astana after 19:00 UTC', async () => {
    // Sunday 6 December, 19:30 UTC: already Monday the 7th in Astana, whose week ends on the 13th.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T19:30:00Z'));
    openQueue();
    const quick = await screen.findByRole('navigation', { name: p.queue.quickLabel });
    expect(within(quick).getByRole('link', { name: p.queue.quick.dueThisWeek })).toHaveAttribute(
      'href',
      '/staff/requests?overdue=false&due_by=2026-12-13',
    );
  });

  it('asks for those due by a day, not yet overdue, from the form', async () => {
    const user = userEvent.setup();
    const { queries } = openQueue();
    await user.type(await screen.findByLabelText(p.queue.dueBy), '2026-12-10');
    await user.click(screen.getByRole('button', { name: p.queue.submit }));
    await waitFor(() => expect(queries()).toHaveLength(2));
    expect(queries()[1]).toEqual({ overdue: 'false', due_by: '2026-12-10', limit: '20' });
  });

  it('filters by a reviewer the team’s page chose, by id', async () => {
    const { queries } = openQueue(`/staff/requests?assignee=${REVIEWER_ID}&overdue=true`);
    await waitFor(() => expect(queries()).toHaveLength(1));
    expect(queries()[0]).toEqual({ assignee: REVIEWER_ID, overdue: 'true', limit: '20' });
    const assignee = screen.getByRole('combobox', { name: p.fields.assignee });
    expect(assignee).toHaveValue(REVIEWER_ID);
    expect(within(assignee).getByRole('option', { name: p.queue.assignedToChosen })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: p.queue.overdueOnly })).toBeChecked();
  });

  it('is open to administrators, who oversee every organisation', async () => {
    const { queries } = openQueue('/staff/requests', 'admin');
    expect(await screen.findByRole('heading', { level: 1, name: p.pages.queue.title })).toBeVisible();
    expect(screen.getByText(p.pages.queue.adminIntro)).toBeVisible();
    await waitFor(() => expect(queries()).toHaveLength(1));
  });
});
