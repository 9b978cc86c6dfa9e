// The permits pages in the app: the wizard saves with If-Match and reloads on 412; a submission
// signed with the SIGN key carries an Idempotency-Key, and the server's field errors at 422 go
// back to their fields; the request page shows the approvals with their documents; the public
// verify page; the reviewers' queue marks overdue requests.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import { signWithPkcs12 } from '@/features/eds/signing/sign-with-pkcs12';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo, tokens } from '@/testing/api-responses';
import { permitRequest, permitType, REQUEST_ID, SKETCH_FORM_DATA } from '@/testing/permit-fixtures';
import { renderApp } from '@/testing/render-app';

vi.mock('@/features/eds/signing/sign-with-pkcs12', () => ({ signWithPkcs12: vi.fn() }));

const p = kk.permits;
const REQUEST = `/api/v1/permit-requests/${REQUEST_ID}`;
const DIGEST = 'f'.repeat(64);

beforeEach(() => {
  vi.mocked(signWithPkcs12).mockResolvedValue({
    signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx',
    holder: { fullName: 'АСАНОВ АСАН', iin: '850314301834', bin: null, organisation: null, validUntil: null },
  });
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
});

const draft = () =>
  permitRequest({ status: 'draft', number: null, submitted_at: null, due_on: null, intake_due: null, actions: ['edit', 'submit', 'withdraw'] });

describe('the application wizard', () => {
  it('saves with the ETag in If-Match, and reloads with a notice when someone changed the request', async () => {
    const user = userEvent.setup();
    let reads = 0;
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${REQUEST}`]: () => {
        reads += 1;
        const changed = { ...SKETCH_FORM_DATA, address: 'Астана, Қабанбай батыр, 1' };
        return jsonResponse(reads === 1 ? draft() : { ...draft(), etag: '"r4"', form_data: changed });
      },
      'GET /api/v1/permit-types/sketch-approval': () => jsonResponse(permitType()),
      [`PATCH ${REQUEST}`]: () => problemResponse({ type: 'precondition-failed', title: 'Changed meanwhile', status: 412 }),
    });
    renderApp(`/requests/${REQUEST_ID}/edit`);

    const objectName = await screen.findByRole('textbox', { name: 'Нысанның атауы' });
    expect(objectName).toHaveValue('Тұрғын үй кешені');
    await user.clear(objectName);
    await user.type(objectName, 'Жаңа атау');
    await user.click(screen.getByRole('button', { name: p.editor.saveDraft }));

    expect(await screen.findByRole('alert')).toHaveTextContent(p.editor.conflictTitle);
    const [patch] = requestsTo(fetchMock, `PATCH ${REQUEST}`);
    expect(patch?.headers.get('If-Match')).toBe('"r3"');
    expect(await patch?.json()).toMatchObject({ form_data: { object_name: 'Жаңа атау', floors: 9 } });
    // The latest version replaces what was typed.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Мекенжайы' })).toHaveValue('Астана, Қабанбай батыр, 1'));
    expect(screen.getByRole('textbox', { name: 'Нысанның атауы' })).toHaveValue('Тұрғын үй кешені');
  });

  it('submits the signed digest with an Idempotency-Key and shows the server’s field errors at their fields', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${REQUEST}`]: () => jsonResponse(draft()),
      'GET /api/v1/permit-types/sketch-approval': () => jsonResponse(permitType()),
      [`GET ${REQUEST}/digest`]: () => jsonResponse({ digest: DIGEST, content: {}, version: 1 }),
      [`POST ${REQUEST}/submit`]: () =>
        problemResponse({
          type: 'validation',
          title: 'Validation failed',
          status: 422,
          errors: [
            { field: 'form_data.apz_number', code: 'schema', message: '"KZ-2026-0042" is not valid under the register' },
            { field: 'form_data.address', code: 'required', message: '"address" is a required property' },
          ],
        }),
    });
    const { router } = renderApp(`/requests/${REQUEST_ID}/edit?step=sign`);

    expect(await screen.findByTestId('digest')).toHaveTextContent(DIGEST);
    await user.upload(screen.getByLabelText(kk.eds.signKey.label), new File([new Uint8Array([0x30])], 'sign.p12'));
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: p.sign.submit }));

    await waitFor(() => expect(router.state.location.search).toBe('?step=form'));
    expect(vi.mocked(signWithPkcs12).mock.calls[0]?.[2]).toBe(DIGEST);
    const [submit] = requestsTo(fetchMock, `POST ${REQUEST}/submit`);
    expect(submit?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await submit?.json()).toEqual({ digest: DIGEST, signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx' });

    expect(await screen.findByText(p.editor.serverInvalid)).toBeVisible();
    const apz = screen.getByRole('textbox', { name: 'СЖТ нөмірі' });
    expect(apz).toHaveAttribute('aria-invalid', 'true');
    expect(apz).toHaveAccessibleDescription(/is not valid under the register$/);
    // A missing answer (code `required`) is told in the interface's words.
    expect(screen.getByRole('textbox', { name: 'Мекенжайы' })).toHaveAccessibleDescription(
      new RegExp(`${kk.fieldErrors.required}$`),
    );
  });

  it('takes the applicant to the request with its number after submitting', async () => {
    const user = userEvent.setup();
    const submitted = permitRequest({ actions: ['withdraw'] });
    let sent = false;
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${REQUEST}`]: () => jsonResponse(sent ? submitted : draft()),
      'GET /api/v1/permit-types/sketch-approval': () => jsonResponse(permitType()),
      [`GET ${REQUEST}/digest`]: () => jsonResponse({ digest: DIGEST, content: {}, version: 1 }),
      [`POST ${REQUEST}/submit`]: () => {
        sent = true;
        return jsonResponse(submitted);
      },
      [`GET ${REQUEST}/history`]: () => jsonResponse([]),
      [`GET ${REQUEST}/versions`]: () => jsonResponse([]),
    });
    const { router } = renderApp(`/requests/${REQUEST_ID}/edit?step=sign`);

    await screen.findByTestId('digest');
    await user.upload(screen.getByLabelText(kk.eds.signKey.label), new File([new Uint8Array([0x30])], 'sign.p12'));
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: p.sign.submit }));

    expect(
      await screen.findByText(p.pages.request.submitted.replace('{{number}}', 'AST-2026-000042')),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe(`/requests/${REQUEST_ID}`);
    // The status heads the page (request-overview), in words.
    expect(screen.getByTestId('request-overview')).toHaveTextContent(p.status.submitted);
    expect(screen.getByTestId('request-facts')).toHaveTextContent('AST-2026-000042');
  });
});

describe('the request page', () => {
  it('shows each approving organisation’s answer with its document', async () => {
    const organisation = permitType().organisation;
    const approved = {
      id: '0193a0c4-0000-7000-8000-0000000000b1',
      organisation: { ...organisation, name: { kk: 'Су арнасы', ru: 'Водоканал', en: 'Water utility' } },
      status: 'approved',
      comment: 'Техникалық шарттар берілді.',
      decided_at: '2026-11-25T10:00:00Z',
      mine: false,
      deemed: false,
      document: { file_name: 'tu-water.pdf', content_type: 'application/pdf', size: 2048, sha256: 'e'.repeat(64) },
    };
    const awaited = {
      ...approved,
      id: '0193a0c4-0000-7000-8000-0000000000b2',
      organisation: { ...organisation, name: { kk: 'Энергия', ru: 'Энергия', en: 'Power' } },
      status: 'pending',
      comment: null,
      decided_at: null,
      document: null,
    };
    // Silent past its period: approved by law, and said so.
    const silent = {
      ...awaited,
      id: '0193a0c4-0000-7000-8000-0000000000b3',
      organisation: { ...organisation, name: { kk: 'Газ', ru: 'Газ', en: 'Gas' } },
      status: 'approved',
      decided_at: '2026-12-08T19:00:00Z',
      due_at: '2026-12-08T19:00:00Z',
      deemed: true,
    };
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      [`GET ${REQUEST}`]: () => jsonResponse(permitRequest({ status: 'in_review', tasks: [approved, awaited, silent] })),
      'GET /api/v1/permit-types/sketch-approval': () => jsonResponse(permitType()),
      [`GET ${REQUEST}/history`]: () => jsonResponse([]),
      [`GET ${REQUEST}/versions`]: () => jsonResponse([]),
    });
    renderApp(`/requests/${REQUEST_ID}`);

    const table = await screen.findByRole('table', { name: p.approvals.caption });
    expect(within(table).getByRole('columnheader', { name: p.approvals.document })).toBeVisible();
    const [, water, power, gas] = within(table).getAllByRole('row');
    expect(water).toHaveTextContent('Су арнасы');
    expect(water).toHaveTextContent('tu-water.pdf (2 КБ)');
    expect(power).toHaveTextContent(p.approvals.statuses.pending);
    expect(within(power as HTMLElement).getAllByRole('cell')[3]).toHaveTextContent('—');
    expect(gas).toHaveTextContent(p.approvals.deemed);
  });
});

describe('the public verify page', () => {
  it('says a genuine permit in force is so, without a session', async () => {
    mockApi({
      'GET /api/v1/permits/AST-2026-000042/verify': (request) =>
        new URL(request.url).searchParams.get('code') === 'a'.repeat(32)
          ? jsonResponse({
              genuine: true,
              in_force: true,
              number: 'AST-2026-000042',
              kind: 'permit',
              permit_type: permitType().name,
              holder: 'А***** А***',
              organisation: permitType().organisation.name,
              official: 'НҰРЛАНОВА ДИНАРА',
              signed_at: '2026-11-24T12:00:00Z',
              pdf_sha256: 'e'.repeat(64),
              object: [
                { field: 'address', value: 'Астана, Мәңгілік Ел даңғылы 55' },
                { field: 'cadastral_number', value: '21:320:128:45' },
              ],
              transparency: {
                leaf_index: 41,
                tree_size: 42,
                entry_sha256: 'f'.repeat(64),
                audit_path: [],
                root_hash: 'c'.repeat(64),
              },
            })
          : problemResponse({ type: 'not-found', title: 'Not found', status: 404 }),
    });
    renderApp(`/verify/AST-2026-000042?code=${'a'.repeat(32)}`);

    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent(p.verify.genuine);
    expect(verdict).toHaveTextContent(p.verify.inForce);
    const facts = screen.getByTestId('verification');
    expect(facts).toHaveTextContent('А***** А***');
    expect(facts).toHaveTextContent('e'.repeat(64));
    // The object the permit concerns, and its place in the transparency log.
    expect(facts).toHaveTextContent(`${p.verify.object.address}Астана, Мәңгілік Ел даңғылы 55`);
    expect(facts).toHaveTextContent(`${p.verify.object.cadastral}21:320:128:45`);
    expect(facts).toHaveTextContent(p.verify.logEntry);
  });

  it('says "not found" for another code', async () => {
    mockApi({
      'GET /api/v1/permits/AST-2026-000042/verify': () => problemResponse({ type: 'not-found', title: 'Not found', status: 404 }),
    });
    renderApp(`/verify/AST-2026-000042?code=${'b'.repeat(32)}`);

    const verdict = await screen.findByTestId('verdict');
    expect(verdict).toHaveTextContent(p.verify.notFound);
    expect(verdict).toHaveTextContent(p.verify.notFoundBody);
  });
});

describe('the reviewers’ queue', () => {
  it('filters by the address and marks overdue requests in words', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role: 'reviewer' })),
      'GET /api/v1/permit-types': () => jsonResponse([permitType()]),
      'GET /api/v1/permit-requests': () =>
        jsonResponse({
          items: [
            {
              id: REQUEST_ID,
              number: 'AST-2026-000042',
              type_code: 'sketch-approval',
              title: 'Тұрғын үй эскизі',
              holder_name: 'АСАНОВ АСАН',
              status: 'in_review',
              assignee_id: null,
              submitted_at: '2026-11-10T10:00:00Z',
              due_on: '2026-11-20',
              overdue: true,
              updated_at: '2026-11-20T10:00:00Z',
            },
          ],
          next_cursor: null,
        }),
    });
    renderApp('/staff/requests');

    const row = (await screen.findAllByTestId('request-row'))[0];
    expect(row).toBeDefined();
    expect(within(row as HTMLElement).getByText(p.due.overdue)).toBeVisible();
    expect(row).toHaveTextContent(p.queue.unassigned);
    expect(row).toHaveTextContent('Эскизді келісу');

    await user.click(screen.getByRole('checkbox', { name: p.queue.overdueOnly }));
    await user.selectOptions(screen.getByRole('combobox', { name: p.fields.assignee }), 'me');
    await user.type(screen.getByRole('searchbox', { name: p.queue.query }), 'AST-2026');
    await user.click(screen.getByRole('button', { name: p.queue.submit }));

    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/permit-requests')).toHaveLength(2));
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/permit-requests')[1]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({ q: 'AST-2026', overdue: 'true', assignee: 'me', limit: '20' });
  });

  it('is for reviewers only', async () => {
    mockApi({ 'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')) });
    renderApp('/staff/requests');
    expect(await screen.findByRole('heading', { level: 1, name: kk.auth.noAccess.title })).toBeVisible();
  });
});

describe('checking a permit', () => {
  const c = kk.permits.check;
  const CODE = 'a'.repeat(32);

  it('is in the main navigation, signed in or not', async () => {
    renderApp('/');
    const nav = screen.getByRole('navigation', { name: kk.nav.label });
    expect(within(nav).getByRole('link', { name: kk.nav.checkPermit })).toHaveAttribute('href', '/verify');
  });

  it('says in the page’s language what is missing or mistyped, and asks the server nothing', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({});
    renderApp('/verify');

    await user.click(await screen.findByRole('button', { name: p.verify.submit }));
    const number = screen.getByRole('textbox', { name: c.number });
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(number).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.required));
    expect(number).toHaveFocus();
    expect(screen.getByRole('textbox', { name: p.verify.code })).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.required),
    );

    await user.type(number, '2026-42');
    await user.type(screen.getByRole('textbox', { name: p.verify.code }), 'abc');
    await user.click(screen.getByRole('button', { name: p.verify.submit }));
    expect(number).toHaveAccessibleDescription(expect.stringContaining(c.numberFormat));
    expect(screen.getByRole('textbox', { name: p.verify.code })).toHaveAccessibleDescription(
      expect.stringContaining(c.codeFormat),
    );
    expect(requestLog(fetchMock).filter((request) => request.includes('/permits/'))).toEqual([]);
  });

  it('opens the verify page of the number with the code', async () => {
    const user = userEvent.setup();
    mockApi({ 'GET /api/v1/permits/AST-2026-000042/verify': () => problemResponse({ type: 'not-found', title: 'Not found', status: 404 }) });
    const { router } = renderApp('/verify');

    await user.type(await screen.findByRole('textbox', { name: c.number }), ' ast-2026-000042');
    await user.type(screen.getByRole('textbox', { name: p.verify.code }), CODE.toUpperCase());
    await user.click(screen.getByRole('button', { name: p.verify.submit }));

    expect(await screen.findByTestId('verdict')).toHaveTextContent(p.verify.notFound);
    expect(router.state.location.pathname).toBe('/verify/AST-2026-000042');
    expect(router.state.location.search).toBe(`?code=${CODE}`);
  });
});
