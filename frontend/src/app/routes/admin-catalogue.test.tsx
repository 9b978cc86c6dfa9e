// The administrators' catalogue and calendar pages: the types with their versions; a type's
// editor, whose own checks come before anything is sent (whole numbers, the reason), whose update
// names the organisations by code, whose saved version replaces the one shown and is read into
// the versions (Astana time, who, why, requests filed), whose refusals land at the fields the
// server names, in its words, and whose preview draws the form from the schema being edited; and
// the calendar: its years, the warning while next year has no checked calendar, a year's days
// added and checked, then saved in date order.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import i18n from '@/i18n';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import type { components } from '@/lib/api-client';
import { jsonResponse, mockApi, problemResponse, requestsTo, tokens } from '@/testing/api-responses';
import { ADMIN_ID, DEPARTMENT, WATER } from '@/testing/back-office-fixtures';
import { permitType } from '@/testing/permit-fixtures';
import { renderApp } from '@/testing/render-app';

type TypeVersion = components['schemas']['TypeVersionView'];
type CalendarDay = components['schemas']['CalendarDayView'];

const c = kk.adminCatalogue;
const e = c.editor;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));
const TYPE = '/api/v1/permit-types/sketch-approval';
const PUT_TYPE = 'PUT /api/v1/admin/permit-types/sketch-approval';
const VERSIONS = 'GET /api/v1/admin/permit-types/sketch-approval/versions';

beforeEach(() => {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
});

const signedInAdmin = () => jsonResponse(tokens('token-1', { id: ADMIN_ID, role: 'admin' }));

const FIRST: TypeVersion = { version: 1, reason: null, created_by: null, created_by_name: null, created_at: '2026-11-01T04:00:00Z', requests: 7 };
const SECOND: TypeVersion = {
  version: 2,
  reason: 'Қарау мерзімі жаңа стандартқа сай',
  created_by: ADMIN_ID,
  created_by_name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ',
  created_at: '2026-12-04T18:30:00Z',
  requests: 0,
};

describe('the catalogue', () => {
  it('lists the types with their code, version and state, each linked to its editor', async () => {
    mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/permit-types': () => jsonResponse([permitType({ version: 3 })]),
    });
    renderApp('/admin/catalogue');

    const row = await screen.findByTestId('catalogue-type');
    expect(within(row).getByRole('link', { name: 'Эскизді келісу' })).toHaveAttribute('href', '/admin/catalogue/sketch-approval');
    expect(row).toHaveTextContent('sketch-approval');
    expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('3');
    expect(row).toHaveTextContent(c.list.active);
    const nav = screen.getByRole('navigation', { name: kk.admin.nav.label });
    expect(within(nav).getByRole('link', { name: kk.admin.nav.catalogue })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: kk.admin.nav.calendar })).toHaveAttribute('href', '/admin/calendar');
  });

  it('opens a closed type by its code', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/permit-types': () => jsonResponse([]),
      [`GET ${TYPE}`]: () => jsonResponse(permitType({ active: false })),
      'GET /api/v1/organisations': () => jsonResponse([DEPARTMENT, WATER]),
      [VERSIONS]: () => jsonResponse([FIRST]),
    });
    const { router } = renderApp('/admin/catalogue');
    expect(await screen.findByText(c.list.empty)).toBeVisible();
    await user.type(screen.getByRole('textbox', { name: c.list.codeLabel }), ' sketch-approval ');
    await user.click(screen.getByRole('button', { name: c.list.open }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Эскизді келісу' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/admin/catalogue/sketch-approval');
    expect(screen.getByTestId('type-facts')).toHaveTextContent(e.closed);
    expect(screen.getByRole('checkbox', { name: e.active })).not.toBeChecked();
  });

  it('is for administrators only', async () => {
    mockApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'reviewer' })) });
    renderApp('/admin/catalogue');
    expect(await screen.findByRole('heading', { level: 1, name: kk.auth.noAccess.title })).toBeVisible();
  });
});

describe('a permit type’s editor', () => {
  function openEditor(answers: Parameters<typeof mockApi>[0] = {}) {
    let versions = [FIRST];
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      [`GET ${TYPE}`]: () => jsonResponse(permitType({ approvals: [WATER] })),
      'GET /api/v1/organisations': () => jsonResponse([DEPARTMENT, WATER]),
      [VERSIONS]: () => jsonResponse(versions),
      [PUT_TYPE]: () => {
        versions = [SECOND, FIRST];
        return jsonResponse(permitType({ approvals: [WATER], review_days: 12, version: 2 }));
      },
      ...answers,
    });
    renderApp('/admin/catalogue/sketch-approval');
    return fetchMock;
  }

  it('checks the periods and the reason before sending, then saves a new version and lists it', async () => {
    const user = userEvent.setup();
    const fetchMock = openEditor();
    expect(await screen.findByRole('heading', { level: 1, name: 'Эскизді келісу' })).toBeVisible();
    expect(screen.getByTestId('type-facts')).toHaveTextContent(fill(e.facts, { code: 'sketch-approval', version: 1 }));
    expect(await screen.findAllByTestId('type-version')).toHaveLength(1);

    const review = screen.getByRole('textbox', { name: e.period.review_days });
    expect(review).toHaveValue('10');
    await user.clear(review);
    await user.type(review, '10,5');
    await user.click(screen.getByRole('button', { name: e.submit }));
    expect(review).toHaveAttribute('aria-invalid', 'true');
    expect(review).toHaveAccessibleDescription(expect.stringContaining(fill(e.errors.wholeNumber, { min: 1, max: 365 })));
    expect(review).toHaveFocus();
    const reason = screen.getByRole('textbox', { name: e.reason });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(e.invalid);
    expect(requestsTo(fetchMock, PUT_TYPE)).toHaveLength(0);

    await user.clear(review);
    await user.type(review, '12');
    await user.type(reason, ' Қарау мерзімі жаңа стандартқа сай ');
    await user.click(screen.getByRole('button', { name: e.submit }));

    expect(await screen.findByRole('status')).toHaveTextContent(fill(e.saved, { version: 2 }));
    expect(screen.getByTestId('type-facts')).toHaveTextContent(fill(e.facts, { code: 'sketch-approval', version: 2 }));
    const [put] = requestsTo(fetchMock, PUT_TYPE);
    expect(put?.headers.get('Authorization')).toBe('Bearer token-1');
    const body = (await put?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: 'sketch-approval',
      organisation: 'department',
      approvals: ['water'],
      review_days: 12,
      intake_days: 2,
      active: true,
      reason: 'Қарау мерзімі жаңа стандартқа сай',
    });
    expect(body).not.toHaveProperty('version');
    // The editor starts again from the saved version: the reason is asked for anew.
    expect(screen.getByRole('textbox', { name: e.reason })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: e.period.review_days })).toHaveValue('12');

    // The versions, read again: Astana time, who, why, the requests filed under each.
    await waitFor(() => expect(screen.getAllByTestId('type-version')).toHaveLength(2));
    const [newest, oldest] = screen.getAllByTestId('type-version');
    expect(within(newest as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '2',
      '04.12.2026, 23:30',
      'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ',
      'Қарау мерзімі жаңа стандартқа сай',
      '0',
    ]);
    expect(within(newest as HTMLElement).getByRole('link', { name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ' })).toHaveAttribute(
      'href',
      `/admin/accounts/${ADMIN_ID}`,
    );
    expect(oldest).toHaveTextContent(c.versions.catalogueFile);
    expect(within(oldest as HTMLElement).getAllByRole('cell')[4]).toHaveTextContent('7');
    expect(requestsTo(fetchMock, VERSIONS)).toHaveLength(2);
  });

  it('shows the server’s refusals at the fields it names, in its words, and lists the rest', async () => {
    const user = userEvent.setup();
    await i18n.changeLanguage('en');
    openEditor({
      [PUT_TYPE]: () =>
        problemResponse({
          type: 'validation',
          title: 'Validation failed',
          status: 422,
          errors: [
            { field: 'documents[1].content_types', code: 'unsupported', message: 'image/gif cannot be recognised from a file’s content' },
            { field: 'approvals[0]', code: 'unknown', message: 'name another organisation by its code' },
            { field: 'review_days', code: 'range', message: 'must be between 1 and 365' },
            { field: 'code', code: 'mismatch', message: 'the code in the body must be the code in the address' },
          ],
        }),
    });
    const ed = en.adminCatalogue.editor;
    await user.type(await screen.findByRole('textbox', { name: ed.reason }), 'New standard');
    await user.click(screen.getByRole('button', { name: ed.submit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.problems.types.validation);
    expect(alert).toHaveTextContent('the code in the body must be the code in the address');
    const review = screen.getByRole('textbox', { name: ed.period.review_days });
    expect(review).toHaveAccessibleDescription(expect.stringContaining('must be between 1 and 365'));
    expect(review).toHaveFocus();
    const [, visualisation] = screen.getAllByTestId('catalogue-document');
    const types = within(visualisation as HTMLElement).getByRole('group', { name: ed.contentTypes });
    expect(types).toHaveAccessibleDescription(expect.stringContaining('cannot be recognised'));
    expect(screen.getByRole('group', { name: ed.approvals })).toHaveAccessibleDescription(
      expect.stringContaining('name another organisation by its code'),
    );
  });

  it('previews the form from the schema being edited, and refuses a schema that is not JSON', async () => {
    const user = userEvent.setup();
    const fetchMock = openEditor();
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).getByRole('textbox', { name: 'Нысанның атауы' })).toBeVisible();
    expect(within(preview).getByRole('combobox', { name: /Мақсаты/ })).toBeVisible();
    expect(preview).toHaveTextContent('Эскиздік жоба');

    const schema = screen.getByRole('textbox', { name: e.schema });
    await user.clear(schema);
    await user.click(schema);
    await user.paste(
      JSON.stringify({
        type: 'object',
        required: ['plot'],
        properties: { plot: { type: 'string', 'x-title': { kk: 'Учаске нөмірі', ru: 'Номер участка', en: 'Plot number' } } },
      }),
    );
    expect(within(preview).getByRole('textbox', { name: 'Учаске нөмірі' })).toBeVisible();
    expect(within(preview).queryByRole('textbox', { name: 'Нысанның атауы' })).not.toBeInTheDocument();

    await user.type(schema, '{{}');
    expect(preview).toHaveTextContent(c.preview.invalid);
    await user.type(screen.getByRole('textbox', { name: e.reason }), 'Жаңа өріс');
    await user.click(screen.getByRole('button', { name: e.submit }));
    expect(schema).toHaveAttribute('aria-invalid', 'true');
    expect(schema).toHaveAccessibleDescription(expect.stringContaining(e.errors.json.split('{{')[0] ?? ''));
    expect(requestsTo(fetchMock, PUT_TYPE)).toHaveLength(0);
  });

  it('adds and removes documents and grounds, and asks for what a new one needs', async () => {
    const user = userEvent.setup();
    const fetchMock = openEditor();
    await user.click(await screen.findByRole('button', { name: e.addDocument }));
    const added = screen.getAllByTestId('catalogue-document')[2] as HTMLElement;
    expect(added).toHaveAccessibleName(fill(e.document, { number: 3 }));
    await user.type(within(added).getByRole('textbox', { name: e.code }), 'sketch');
    await user.click(screen.getByRole('button', { name: fill(e.removeGround, { number: 1 }) }));
    await user.click(screen.getByRole('button', { name: fill(e.removeGround, { number: 1 }) }));
    expect(screen.queryAllByTestId('catalogue-ground')).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: e.reason }), 'Тізбе');
    await user.click(screen.getByRole('button', { name: e.submit }));

    expect(within(added).getByRole('textbox', { name: e.code })).toHaveAccessibleDescription(
      expect.stringContaining(e.errors.duplicate),
    );
    expect(within(added).getByRole('textbox', { name: fill(e.inLanguage.kk, { label: e.documentName }) })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('group', { name: e.grounds })).toHaveAccessibleDescription(expect.stringContaining(e.errors.noGround));
    expect(requestsTo(fetchMock, PUT_TYPE)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: fill(e.removeDocument, { number: 3 }) }));
    expect(screen.getAllByTestId('catalogue-document')).toHaveLength(2);
  });
});

describe('the calendar', () => {
  const cal = c.calendar;
  const NEW_YEAR: CalendarDay = { date: '2027-01-01', kind: 'holiday', name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' } };
  const STATUS = {
    years: [
      { year: 2026, defined: true, verified: true, source: 'eGov' },
      { year: 2027, defined: true, verified: false, source: 'derived from the law' },
      { year: 2028, defined: false, verified: false, source: null },
    ],
    next_year_missing: 2027,
  };

  function openCalendar(path = '/admin/calendar', answers: Parameters<typeof mockApi>[0] = {}) {
    let status = STATUS;
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': signedInAdmin,
      'GET /api/v1/admin/calendar': () => jsonResponse(status),
      'GET /api/v1/calendar/2027': () => jsonResponse([NEW_YEAR]),
      'GET /api/v1/calendar/2028': () => jsonResponse([{ ...NEW_YEAR, date: '2028-01-01' }]),
      'PUT /api/v1/admin/calendar/2027': async (request) => {
        const { days } = (await request.json()) as { days: CalendarDay[] };
        status = {
          ...STATUS,
          years: STATUS.years.map((year) => (year.year === 2027 ? { ...year, verified: true, source: 'administrator' } : year)),
          next_year_missing: null as unknown as number,
        };
        return jsonResponse(days);
      },
      ...answers,
    });
    const rendered = renderApp(path);
    return { fetchMock, ...rendered };
  }

  it('warns while next year has no checked calendar, and opens that year', async () => {
    openCalendar();
    const warning = await screen.findByTestId('calendar-missing');
    expect(warning).toHaveTextContent(fill(cal.missing, { year: 2027 }));
    const years = await screen.findAllByTestId('calendar-year');
    expect(years.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['2026', kk.common.yes, kk.common.yes, 'eGov', fill(cal.edit, { year: 2026 })],
      ['2027', kk.common.yes, kk.common.no, 'derived from the law', cal.shown],
      ['2028', kk.common.no, kk.common.no, '—', fill(cal.edit, { year: 2028 })],
    ]);
    expect(screen.getByRole('heading', { level: 2, name: fill(cal.editing, { year: 2027 }) })).toBeVisible();
    expect(await screen.findAllByTestId('calendar-day')).toHaveLength(1);
    expect(screen.getByRole('link', { name: fill(cal.edit, { year: 2028 }) })).toHaveAttribute('href', '/admin/calendar?year=2028');
    expect(screen.getAllByText(cal.kept).length).toBeGreaterThan(0);
  });

  it('shows a year without data as the holidays fixed by law', async () => {
    openCalendar('/admin/calendar?year=2028');
    expect(await screen.findByRole('heading', { level: 2, name: fill(cal.editing, { year: 2028 }) })).toBeVisible();
    expect(await screen.findByText(fill(cal.undefinedYear, { year: 2028 }))).toBeVisible();
  });

  it('adds a day, checks it, and saves the year in date order', async () => {
    const user = userEvent.setup();
    const { fetchMock } = openCalendar();
    await screen.findAllByTestId('calendar-day');
    await user.click(screen.getByRole('button', { name: cal.add }));
    const label = (field: string) => fill(cal.field, { field, number: 2 });
    const date = screen.getByLabelText(label(cal.date));
    expect(date).toHaveFocus();
    await user.type(date, '2027-03-03');
    await user.selectOptions(screen.getByRole('combobox', { name: label(cal.kind) }), 'working_day');
    await user.type(screen.getByRole('textbox', { name: label(fill(e.inLanguage.kk, { label: cal.names })) }), 'Ауыстырылған жұмыс күні');
    await user.type(screen.getByRole('textbox', { name: label(fill(e.inLanguage.ru, { label: cal.names })) }), 'Перенесённый рабочий день');
    await user.click(screen.getByRole('button', { name: fill(cal.submit, { year: 2027 }) }));

    // A Wednesday cannot be made a working day; the English name is missing.
    const kind = screen.getByRole('combobox', { name: label(cal.kind) });
    expect(kind).toHaveAccessibleDescription(expect.stringContaining(cal.errors.notWeekend));
    expect(screen.getByRole('textbox', { name: label(fill(e.inLanguage.en, { label: cal.names })) })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(requestsTo(fetchMock, 'PUT /api/v1/admin/calendar/2027')).toHaveLength(0);

    await user.clear(date);
    await user.type(date, '2027-03-06');
    await user.type(screen.getByRole('textbox', { name: label(fill(e.inLanguage.en, { label: cal.names })) }), 'Transferred working day');
    // A day earlier in the year, added last, is sent in its place.
    await user.click(screen.getByRole('button', { name: cal.add }));
    const third = (field: string) => fill(cal.field, { field, number: 3 });
    await user.type(screen.getByLabelText(third(cal.date)), '2027-01-02');
    for (const [language, text] of [['kk', 'Жаңа жыл'], ['ru', 'Новый год'], ['en', 'New Year']] as const) {
      await user.type(screen.getByRole('textbox', { name: third(fill(e.inLanguage[language], { label: cal.names })) }), text);
    }
    await user.click(screen.getByRole('button', { name: fill(cal.submit, { year: 2027 }) }));

    expect(await screen.findByRole('status')).toHaveTextContent(fill(cal.saved, { year: 2027, count: 3 }));
    const [put] = requestsTo(fetchMock, 'PUT /api/v1/admin/calendar/2027');
    const body = (await put?.json()) as { days: CalendarDay[] };
    expect(body.days.map((day) => [day.date, day.kind])).toEqual([
      ['2027-01-01', 'holiday'],
      ['2027-01-02', 'holiday'],
      ['2027-03-06', 'working_day'],
    ]);
    expect(body.days[2]?.name).toEqual({ kk: 'Ауыстырылған жұмыс күні', ru: 'Перенесённый рабочий день', en: 'Transferred working day' });
    // The years are read again: 2027 is checked now, and the warning is gone.
    await waitFor(() => expect(screen.queryByTestId('calendar-missing')).not.toBeInTheDocument());
    expect(screen.getAllByTestId('calendar-day')).toHaveLength(3);
  });

  it('shows the server’s refusal of the days', async () => {
    const user = userEvent.setup();
    openCalendar('/admin/calendar', {
      'PUT /api/v1/admin/calendar/2027': () =>
        problemResponse({
          type: 'validation',
          title: 'Деректер тексеруден өтпеді',
          status: 422,
          errors: [{ field: 'days', code: 'invalid', message: '2027 жылғы күнтізбе файлы: 2027-01-01 күні қайталанады' }],
        }),
    });
    await screen.findAllByTestId('calendar-day');
    await user.click(screen.getByRole('button', { name: fill(cal.submit, { year: 2027 }) }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Деректер тексеруден өтпеді');
    expect(screen.getByRole('table', { name: fill(cal.days, { year: 2027 }) })).toHaveAccessibleDescription(
      expect.stringContaining('2027-01-01 күні қайталанады'),
    );
  });
});
