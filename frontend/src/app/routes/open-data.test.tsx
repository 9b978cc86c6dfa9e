// Open data, for everyone: the public register (its filters in the address, the holders as the
// API gives them, each entry's public check, more by cursor, the CSV link with the same filters,
// the empty and failed states) and the performance figures (the API's default months, the
// headline figures, each chart with its data table and a summary for screen readers, another
// range of months, and the organisations' figures with the approvals deemed given).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartSpec } from '@/features/open-data/lib/chart-spec';
import { drawChart } from '@/features/open-data/lib/chart-setup';
import i18n from '@/i18n';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import type { components } from '@/lib/api-client';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo } from '@/testing/api-responses';
import { DEPARTMENT, WATER } from '@/testing/back-office-fixtures';
import { permitType } from '@/testing/permit-fixtures';
import { renderApp } from '@/testing/render-app';

// Chart.js needs a real canvas, which jsdom lacks: the page's charts are drawn by a stand-in that
// records what it is asked to draw (the configuration itself is tested in chart-spec.test.ts).
vi.mock('@/features/open-data/lib/chart-setup', () => ({ drawChart: vi.fn() }));

type RegisterEntry = components['schemas']['RegisterEntry'];
type PerformanceView = components['schemas']['PerformanceView'];

const o = kk.openData;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

const SKETCH_NAME = { kk: 'Эскизді (эскиздік жобаны) келісу', ru: 'Согласование эскиза (эскизного проекта)', en: 'Sketch design approval' };

function entry(overrides: Partial<RegisterEntry> = {}): RegisterEntry {
  return {
    number: 'AST-2026-000002',
    type: 'sketch-approval',
    type_name: SKETCH_NAME,
    organisation: 'department',
    outcome: 'issued',
    decided_on: '2026-12-03',
    district: 'yesil',
    holder: { kind: 'company', name: '«Көктем Құрылыс» ЖШС', bin: '150640001234' },
    object_name: 'Тұрғын үй кешені «Көктем»',
    address: 'Астана, Есіл ауданы, Мәңгілік Ел даңғылы, 55',
    working_days: 6,
    on_time: true,
    verify_url: '/verify/AST-2026-000002?code=0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    ...overrides,
  };
}

const INDIVIDUAL = entry({
  number: 'AST-2026-000001',
  outcome: 'refused',
  decided_on: '2026-12-02',
  district: 'nura',
  holder: { kind: 'individual', name: null, bin: null },
  object_name: null,
  address: null,
  working_days: 12,
  on_time: false,
  verify_url: '/verify/AST-2026-000001',
});

function openRegister(path = '/open-data/register', pages: Record<string, { items: RegisterEntry[]; next_cursor: string | null }> = {}) {
  const fetchMock = mockApi({
    'GET /api/v1/permit-types': () => jsonResponse([permitType()]),
    'GET /api/v1/register': (request) => {
      const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
      return jsonResponse(pages[cursor] ?? { items: [entry(), INDIVIDUAL], next_cursor: null });
    },
  });
  const rendered = renderApp(path);
  const queries = () => requestsTo(fetchMock, 'GET /api/v1/register').map((request) => Object.fromEntries(new URL(request.url).searchParams));
  return { ...rendered, fetchMock, queries };
}

/** The cells of a row of the register, as text. */
function cellsOf(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
}

describe('the public register', () => {
  it('is in the main menu, and lists the decisions without sign-in: companies named, individuals not', async () => {
    const { fetchMock } = openRegister();

    expect(await screen.findByRole('heading', { level: 1, name: o.register.title })).toBeVisible();
    const nav = screen.getByRole('navigation', { name: kk.nav.label });
    expect(within(nav).getByRole('link', { name: kk.nav.openRegister })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: kk.nav.performance })).toHaveAttribute('href', '/open-data/performance');

    expect(await screen.findByText(fill(o.register.shown, { count: 2 }))).toBeVisible();
    expect(requestLog(fetchMock)).toEqual(expect.arrayContaining(['GET /api/v1/permit-types', 'GET /api/v1/register']));
    // No session was asked for: a visitor's browser never signed in.
    expect(requestLog(fetchMock)).not.toContain('POST /api/v1/auth/refresh');

    const table = screen.getByRole('table', { name: o.register.caption });
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual([
      o.register.number,
      o.register.type,
      o.register.outcome,
      o.register.decidedOn,
      o.register.district,
      o.register.holder,
      o.register.object,
      o.register.workingDays,
      o.register.onTime,
    ]);
    const [company, individual] = screen.getAllByTestId('register-entry') as [HTMLElement, HTMLElement];
    expect(cellsOf(company)).toEqual([
      `AST-2026-000002 ${o.register.checkLink}`,
      SKETCH_NAME.kk,
      o.outcomes.issued,
      '03.12.2026',
      o.districts.yesil,
      `«Көктем Құрылыс» ЖШС${fill(o.register.bin, { bin: '150640001234' })}`,
      'Тұрғын үй кешені «Көктем»Астана, Есіл ауданы, Мәңгілік Ел даңғылы, 55',
      '6',
      kk.common.yes,
    ]);
    expect(cellsOf(individual)).toEqual([
      `AST-2026-000001 ${o.register.checkLink}`,
      SKETCH_NAME.kk,
      o.outcomes.refused,
      '02.12.2026',
      o.districts.nura,
      o.register.individual,
      o.register.notPublished,
      '12',
      kk.common.no,
    ]);

    // Each number leads to the public check of its document: a company's with its code, an
    // individual's without (its holder has it on paper).
    expect(within(company).getByRole('link', { name: `AST-2026-000002 ${o.register.checkLink}` })).toHaveAttribute(
      'href',
      '/verify/AST-2026-000002?code=0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    );
    expect(within(individual).getByRole('link', { name: `AST-2026-000001 ${o.register.checkLink}` })).toHaveAttribute(
      'href',
      '/verify/AST-2026-000001',
    );

    // The CSV of the same entries, a plain link.
    const csv = screen.getByRole('link', { name: o.register.csv });
    expect(csv).toHaveAttribute('href', '/api/v1/register.csv?limit=100');
    expect(csv).toHaveAttribute('download', 'saulet-register.csv');
    expect(screen.queryByRole('link', { name: o.register.clear })).not.toBeInTheDocument();
  });

  it('shows an individual’s entry unnamed and without address, whatever it carries', async () => {
    mockApi({
      'GET /api/v1/permit-types': () => jsonResponse([]),
      'GET /api/v1/register': () =>
        jsonResponse({
          items: [{ ...INDIVIDUAL, holder: { kind: 'individual', name: 'АСАНОВ АСАН', bin: null }, address: 'Астана, Тұран 21', object_name: 'Үй' }],
          next_cursor: null,
        }),
    });
    renderApp('/open-data/register');
    const row = await screen.findByTestId('register-entry');
    expect(row).toHaveTextContent(o.register.individual);
    expect(row).not.toHaveTextContent('АСАНОВ');
    expect(row).not.toHaveTextContent('Тұран');
  });

  it('filters by type, outcome, district and days, kept in the address and in the CSV link', async () => {
    const user = userEvent.setup();
    const { router, queries } = openRegister();
    await screen.findByText(fill(o.register.shown, { count: 2 }));
    expect(queries()[0]).toEqual({ limit: '50' });

    const search = screen.getByRole('search', { name: o.register.filterLabel });
    await user.selectOptions(within(search).getByLabelText(o.register.type), 'sketch-approval');
    await user.selectOptions(within(search).getByLabelText(o.register.outcome), 'refused');
    await user.selectOptions(within(search).getByLabelText(o.register.district), 'yesil');
    await user.type(within(search).getByLabelText(new RegExp(o.register.from)), '2026-01-01');
    await user.type(within(search).getByLabelText(new RegExp(o.register.to)), '2026-12-31');
    await user.click(within(search).getByRole('button', { name: o.register.submit }));

    await waitFor(() => expect(queries()).toHaveLength(2));
    const filter = { type: 'sketch-approval', outcome: 'refused', district: 'yesil', from: '2026-01-01', to: '2026-12-31' };
    expect(queries()[1]).toEqual({ ...filter, limit: '50' });
    expect(router.state.location.search).toBe('?type=sketch-approval&outcome=refused&district=yesil&from=2026-01-01&to=2026-12-31');
    expect(screen.getByRole('link', { name: o.register.csv })).toHaveAttribute(
      'href',
      '/api/v1/register.csv?type=sketch-approval&outcome=refused&district=yesil&from=2026-01-01&to=2026-12-31&limit=100',
    );
    // The fields show the filter in force; clearing it lists everything again.
    const shown = screen.getByRole('search', { name: o.register.filterLabel });
    expect(within(shown).getByLabelText(o.register.district)).toHaveValue('yesil');
    expect(within(shown).getByLabelText(o.register.outcome)).toHaveValue('refused');
    await user.click(screen.getByRole('link', { name: o.register.clear }));
    await waitFor(() => expect(queries()).toHaveLength(3));
    expect(queries()[2]).toEqual({ limit: '50' });
    expect(router.state.location.search).toBe('');
    expect(within(screen.getByRole('search', { name: o.register.filterLabel })).getByLabelText(o.register.district)).toHaveValue('');
  });

  it('opens filtered from a shared address, leaving out what it cannot use', async () => {
    const { queries } = openRegister('/open-data/register?outcome=issued&district=saryarka&from=2026-13-01&type=x%20y');
    await screen.findByText(fill(o.register.shown, { count: 2 }));
    expect(queries()).toEqual([{ outcome: 'issued', district: 'saryarka', limit: '50' }]);
    const search = screen.getByRole('search', { name: o.register.filterLabel });
    expect(within(search).getByLabelText(o.register.outcome)).toHaveValue('issued');
    expect(within(search).getByLabelText(o.register.district)).toHaveValue('saryarka');
  });

  it('asks for nothing when the last day is before the first', async () => {
    const user = userEvent.setup();
    const { queries } = openRegister();
    await screen.findByText(fill(o.register.shown, { count: 2 }));
    const search = screen.getByRole('search', { name: o.register.filterLabel });
    await user.type(within(search).getByLabelText(new RegExp(o.register.from)), '2026-06-01');
    const to = within(search).getByLabelText(new RegExp(o.register.to));
    await user.type(to, '2026-01-01');
    await user.click(within(search).getByRole('button', { name: o.register.submit }));
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(new RegExp(o.register.toBeforeFrom));
    expect(to).toHaveFocus();
    expect(queries()).toHaveLength(1);
  });

  it('brings the next entries by cursor', async () => {
    const user = userEvent.setup();
    const older = entry({ number: 'AST-2026-000000', decided_on: '2026-11-30' });
    const { queries } = openRegister('/open-data/register?district=yesil', {
      '': { items: [entry()], next_cursor: '0193a0c4-0000-7000-8000-000000000001' },
      '0193a0c4-0000-7000-8000-000000000001': { items: [older], next_cursor: null },
    });
    expect(await screen.findByText(fill(o.register.shown, { count: 1 }))).toBeVisible();
    await user.click(screen.getByRole('button', { name: kk.common.loadMore }));
    expect(await screen.findByText(fill(o.register.shown, { count: 2 }))).toBeVisible();
    expect(queries()[1]).toEqual({ district: 'yesil', limit: '50', cursor: '0193a0c4-0000-7000-8000-000000000001' });
    expect(screen.getAllByTestId('register-entry').map((row) => row.querySelector('th')?.textContent)).toEqual([
      `AST-2026-000002 ${o.register.checkLink}`,
      `AST-2026-000000 ${o.register.checkLink}`,
    ]);
    expect(screen.queryByRole('button', { name: kk.common.loadMore })).not.toBeInTheDocument();
  });

  it('says when nothing is found, and why a filter was refused, in the reader’s language', async () => {
    mockApi({
      'GET /api/v1/permit-types': () => jsonResponse([]),
      'GET /api/v1/register': (request) =>
        new URL(request.url).searchParams.has('district')
          ? jsonResponse({ items: [], next_cursor: null })
          : problemResponse({ type: 'invalid-query', title: 'Сұрау параметрлері қате', status: 400 }),
    });
    const first = renderApp('/open-data/register?district=baikonyr');
    expect(await screen.findByText(o.register.noneFiltered)).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    first.unmount();

    renderApp('/open-data/register?outcome=issued');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Сұрау параметрлері қате');
    expect(alert).toHaveTextContent(o.register.invalidFilter);
  });
});

const view = (overrides: Partial<PerformanceView> = {}): PerformanceView => {
  const none = {
    received: 0,
    decided: 0,
    issued: 0,
    refused: 0,
    median_working_days: null,
    p90_working_days: null,
    on_time_share: null,
    corrections_rate: null,
    deemed_approvals: 0,
  };
  return {
    from: '2026-10',
    to: '2026-12',
    months: [
      { ...none, month: '2026-10', received: 4, decided: 3, issued: 2, refused: 1, median_working_days: 5, p90_working_days: 9, on_time_share: 2 / 3, corrections_rate: 1 / 3 },
      { ...none, month: '2026-12', received: 2, decided: 1, issued: 1, refused: 0, median_working_days: 7, p90_working_days: 7, on_time_share: 1, corrections_rate: 0 },
    ],
    by_type: [
      {
        ...none,
        type: 'sketch-approval',
        name: SKETCH_NAME,
        organisation: 'department',
        received: 6,
        decided: 4,
        issued: 3,
        refused: 1,
        median_working_days: 5,
        p90_working_days: 9,
        on_time_share: 0.75,
        corrections_rate: 0.25,
        months: [],
      },
    ],
    by_organisation: [
      { ...none, code: 'department', name: DEPARTMENT.name, received: 6, decided: 4, issued: 3, refused: 1, median_working_days: 5, p90_working_days: 9, on_time_share: 0.75, corrections_rate: 0.25 },
      { ...none, code: 'water', name: WATER.name, deemed_approvals: 2 },
    ],
    ...overrides,
  };
};

function openPerformance(path = '/open-data/performance', answer: (request: Request) => Response = () => jsonResponse(view())) {
  const fetchMock = mockApi({ 'GET /api/v1/performance': answer });
  const rendered = renderApp(path);
  const queries = () => requestsTo(fetchMock, 'GET /api/v1/performance').map((request) => Object.fromEntries(new URL(request.url).searchParams));
  return { ...rendered, fetchMock, queries };
}

/** The rows of a table of figures, each as its cells' text. */
function rowsOf(testId: string): string[][] {
  return [...screen.getByTestId(testId).querySelectorAll('tbody tr')].map((row) => cellsOf(row as HTMLElement));
}

/** What the charts were asked to draw, by the value axis's title and the first series's label. */
function drawnSpecs(): ChartSpec[] {
  return vi.mocked(drawChart).mock.calls.map(([, spec]) => spec);
}

describe('the performance figures', () => {
  beforeEach(() => {
    vi.mocked(drawChart).mockReturnValue({ destroy: vi.fn() });
  });

  it('show the API’s default months: the headline figures, each chart with its table, the organisations', async () => {
    const { queries } = openPerformance();

    expect(await screen.findByRole('heading', { level: 1, name: o.performance.title })).toBeVisible();
    expect(await screen.findByTestId('performance-period')).toHaveTextContent(fill(o.performance.period, { from: '10.2026', to: '12.2026' }));
    // No months asked for: the API's default, which the form then shows.
    expect(queries()).toEqual([{}]);
    expect(screen.getByLabelText(new RegExp(o.performance.from))).toHaveValue('2026-10');
    expect(screen.getByLabelText(new RegExp(o.performance.to))).toHaveValue('2026-12');

    expect(screen.getByTestId('total-received')).toHaveTextContent(`${o.figures.receivedLong}6`);
    expect(screen.getByTestId('total-decided')).toHaveTextContent(`${o.figures.decidedLong}4${fill(o.performance.decidedNote, { issued: 3, refused: 1 })}`);
    // (toHaveTextContent reads the no-break space before % as a space.)
    expect(screen.getByTestId('total-on-time')).toHaveTextContent(`${o.figures.onTimeLong}75 %`);
    expect(screen.getByTestId('total-corrections')).toHaveTextContent(`${o.figures.correctionsLong}25 %`);
    expect(screen.getByTestId('total-deemed')).toHaveTextContent(`${o.figures.deemedLong}2`);

    // Every month of the range, November (nothing counted) too.
    expect(screen.getByRole('table', { name: fill(o.charts.decisionsCaption, { from: '10.2026', to: '12.2026' }) })).toBe(
      screen.getByTestId('table-decisions'),
    );
    expect(rowsOf('table-decisions')).toEqual([
      ['10.2026', '4', '3', '2', '1'],
      ['11.2026', '0', '0', '0', '0'],
      ['12.2026', '2', '1', '1', '0'],
    ]);
    expect(rowsOf('table-days')).toEqual([
      ['10.2026', '5', '9', '67\u00a0%', '33\u00a0%'],
      ['11.2026', '—', '—', '—', '—'],
      ['12.2026', '7', '7', '100\u00a0%', '0\u00a0%'],
    ]);
    expect(rowsOf('table-types')).toEqual([[SKETCH_NAME.kk, '6', '4', '3', '1', '5', '9', '75\u00a0%', '25\u00a0%']]);
    expect(rowsOf('table-organisations')).toEqual([
      [DEPARTMENT.name.kk, '6', '4', '3', '1', '5', '9', '75\u00a0%', '25\u00a0%', '0'],
      [WATER.name.kk, '0', '0', '0', '0', '—', '—', '—', '—', '2'],
    ]);
    expect(within(screen.getByTestId('table-organisations')).getByRole('columnheader', { name: o.figures.deemed })).toBeVisible();

    // The charts: images named by a summary, drawn from the same figures.
    const decisions = within(screen.getByTestId('chart-decisions')).getByRole('img');
    expect(decisions).toHaveAccessibleName(
      fill(o.charts.decisionsSummary, { from: '10.2026', to: '12.2026', decided: 4, peak: 3, month: '10.2026' }),
    );
    expect(within(screen.getByTestId('chart-days')).getByRole('img')).toHaveAccessibleName(
      fill(o.charts.daysSummary, { from: '10.2026', to: '12.2026', min: 5, max: 7, p90: 9 }),
    );
    expect(within(screen.getByTestId('chart-types')).getByRole('img')).toHaveAccessibleName(
      fill(o.charts.typesSummary, { from: '10.2026', to: '12.2026', peak: 4, type: SKETCH_NAME.kk }),
    );
    await waitFor(() => expect(drawChart).toHaveBeenCalledTimes(3));
    const [bars, lines, types] = drawnSpecs() as [ChartSpec, ChartSpec, ChartSpec];
    expect(bars).toMatchObject({ kind: 'bar', stacked: true, labels: ['10.2026', '11.2026', '12.2026'] });
    expect(bars.series.map((series) => [series.label, series.data])).toEqual([
      [o.figures.issued, [2, 0, 1]],
      [o.figures.refused, [1, 0, 0]],
    ]);
    expect(lines.series.map((series) => [series.label, series.data, series.dashed ?? false])).toEqual([
      [o.figures.median, [5, null, 7], false],
      [o.figures.p90, [9, null, 7], true],
    ]);
    expect(types).toMatchObject({ kind: 'bar', horizontal: true, labels: [SKETCH_NAME.kk] });
    // Each drawn on its own canvas.
    const canvases = vi.mocked(drawChart).mock.calls.map(([canvas]) => canvas);
    expect(new Set(canvases).size).toBe(3);
  });

  it('shows another range of months, kept in the address', async () => {
    const user = userEvent.setup();
    const { router, queries } = openPerformance('/open-data/performance', (request) => {
      const params = new URL(request.url).searchParams;
      return jsonResponse(view({ from: params.get('from') ?? '2026-10', to: params.get('to') ?? '2026-12' }));
    });
    // The form shows the API's default months once they are known.
    await waitFor(() => expect(screen.getByLabelText(new RegExp(o.performance.from))).toHaveValue('2026-10'));
    const from = screen.getByLabelText(new RegExp(o.performance.from));
    await user.clear(from);
    await user.type(from, '2026-09');
    await user.click(screen.getByRole('button', { name: o.performance.submit }));

    await waitFor(() => expect(queries()).toHaveLength(2));
    expect(queries()[1]).toEqual({ from: '2026-09', to: '2026-12' });
    expect(router.state.location.search).toBe('?from=2026-09&to=2026-12');
    expect(await screen.findByTestId('performance-period')).toHaveTextContent(fill(o.performance.period, { from: '09.2026', to: '12.2026' }));
    expect(rowsOf('table-decisions').map(([month]) => month)).toEqual(['09.2026', '10.2026', '11.2026', '12.2026']);
  });

  it('asks for no range it cannot have', async () => {
    const user = userEvent.setup();
    const { queries } = openPerformance('/open-data/performance?from=2026-12&to=2026-10');
    // Months the wrong way round in the address: the API's default instead.
    await screen.findByTestId('performance-period');
    expect(queries()).toEqual([{}]);

    const to = screen.getByLabelText(new RegExp(o.performance.to));
    await user.clear(to);
    await user.type(to, '2026-08');
    await user.click(screen.getByRole('button', { name: o.performance.submit }));
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(new RegExp(o.performance.toBeforeFrom));
    expect(to).toHaveFocus();
    expect(queries()).toHaveLength(1);
  });

  it('says so when a month has no decision, and why the API refused a range', async () => {
    const empty = view({ months: [], by_type: [], by_organisation: [] });
    const first = openPerformance('/open-data/performance?from=2026-01&to=2026-01', () => jsonResponse({ ...empty, from: '2026-01', to: '2026-01' }));
    expect(await screen.findByText(o.performance.noDecisions)).toBeVisible();
    expect(within(screen.getByTestId('chart-decisions')).getByRole('img')).toHaveAccessibleName(
      fill(o.charts.decisionsSummaryNone, { from: '01.2026', to: '01.2026' }),
    );
    expect(screen.getByText(o.performance.noTypes)).toBeVisible();
    first.unmount();

    openPerformance('/open-data/performance?from=1990-01', () =>
      problemResponse({ type: 'invalid-query', title: 'Сұрау параметрлері қате', status: 400 }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Сұрау параметрлері қате');
    expect(alert).toHaveTextContent(o.performance.invalidRange);
    // The form stays, to choose other months.
    expect(screen.getByRole('button', { name: o.performance.submit })).toBeVisible();
  });

  it('is written in English for English readers', async () => {
    await i18n.changeLanguage('en');
    openPerformance();
    expect(await screen.findByTestId('performance-period')).toHaveTextContent(fill(en.openData.performance.period, { from: 'Oct 2026', to: 'Dec 2026' }));
    expect(rowsOf('table-days')[0]).toEqual(['Oct 2026', '5', '9', '67%', '33%']);
    expect(rowsOf('table-organisations')[1]?.[0]).toBe(WATER.name.en);
    expect(screen.getByRole('navigation', { name: en.nav.label })).toHaveTextContent(en.nav.performance);
  });
});
