// An organisation's API clients (OAuth 2.0 client credentials): the list, registering a client
// (its secret shown once, then gone), a new secret and revoking (each after a confirmation), the
// explanation for a session begun with a password (409) and for an individual's account (403).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, noContent, problemResponse, requestLog, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const a = kk.apiClients;
const PAGE = '/account/api-clients';
const LIST = 'GET /api/v1/clients';
const CREATE = 'POST /api/v1/clients';
const ERP_ID = '0193a0c4-0000-7000-8000-0000000000e1';
const OLD_ID = '0193a0c4-0000-7000-8000-0000000000e0';
const NEW_ID = '0193a0c4-0000-7000-8000-0000000000e2';
const SECRET = 'sk_Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1zZWNyZXQ';

const ORGANISATION = { kind: 'legal_entity', bin: '123456789012', organisation: 'ТОО «Жоба»' } as const;

type Client = ReturnType<typeof client>;

function client(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    organisation_bin: ORGANISATION.bin,
    name,
    scopes: ['permits:read', 'permits:write'],
    owner_id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    auth_methods: ['client_secret_basic'],
    key_algorithm: null as string | null,
    created_at: '2026-11-24T10:00:00Z',
    secret_rotated_at: null as string | null,
    last_used_at: '2026-11-25T09:30:00Z' as string | null,
    revoked_at: null as string | null,
    ...overrides,
  };
}

/** Signed in as a legal entity's representative; the API's answers on top of the session's. */
function signedIn(answers: Parameters<typeof mockApi>[0], account: Record<string, unknown> = ORGANISATION) {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
  return mockApi({
    'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', account)),
    ...answers,
  });
}

function rows() {
  return screen.getAllByTestId('api-client-row');
}

function rowOf(name: string) {
  const row = rows().find((element) => within(element).queryByRole('heading', { name: new RegExp(name) }));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

describe('API clients', () => {
  it('lists the organisation’s clients; a revoked one as revoked, with no actions', async () => {
    signedIn({
      [LIST]: () =>
        jsonResponse([
          client(ERP_ID, 'ERP', { scopes: ['permits:read', 'approvals:read'] }),
          client(OLD_ID, 'Old system', { revoked_at: '2026-11-25T12:00:00Z', last_used_at: null }),
        ]),
    });
    renderApp(PAGE);

    expect(await screen.findByRole('heading', { level: 1, name: a.title })).toBeVisible();
    await screen.findByTestId('api-client-list');
    expect(rows()).toHaveLength(2);

    const erp = rowOf('ERP');
    expect(erp).toHaveAttribute('data-status', 'active');
    expect(within(erp).getByTestId('api-client-row-id')).toHaveTextContent(ERP_ID);
    expect(within(erp).getByText(a.scopes.permitsRead.label)).toBeVisible();
    expect(within(erp).getByText(a.scopes.approvalsRead.label)).toBeVisible();
    expect(within(erp).getByText(a.methods.secret)).toBeVisible();
    expect(within(erp).getByRole('button', { name: `${a.actions.rotate} (ERP)` })).toBeEnabled();
    expect(within(erp).getByRole('button', { name: `${a.actions.revoke} (ERP)` })).toBeEnabled();

    const old = rowOf('Old system');
    expect(old).toHaveAttribute('data-status', 'revoked');
    expect(within(old).getByText(a.list.revokedBadge)).toBeVisible();
    expect(within(old).getByText(a.list.never)).toBeVisible();
    expect(within(old).queryAllByRole('button')).toHaveLength(0);

    // The form offers every scope, each explained, and the way to a token.
    const form = screen.getByTestId('api-client-form');
    expect(within(form).getByRole('checkbox', { name: a.scopes.permitsWrite.label })).toHaveAccessibleDescription(
      a.scopes.permitsWrite.explanation,
    );
    expect(within(form).getAllByRole('checkbox')).toHaveLength(5);
    expect(screen.getByTestId('api-client-token-command')).toHaveTextContent(
      `curl -u CLIENT_ID:SECRET -d grant_type=client_credentials ${window.location.origin}/oauth/token`,
    );
    expect(screen.getByRole('link', { name: a.token.docs })).toHaveAttribute('href', '/docs/');
  });

  it('registers a client and shows its secret once, until it is dismissed', async () => {
    const user = userEvent.setup();
    const clients: Client[] = [];
    const fetchMock = signedIn({
      [LIST]: () => jsonResponse(clients),
      [CREATE]: async (request) => {
        const body = (await request.json()) as { name: string; scopes: string[] };
        const created = client(NEW_ID, body.name, { scopes: body.scopes, last_used_at: null });
        clients.unshift(created);
        return jsonResponse({ client: created, client_secret: SECRET }, 201);
      },
    });
    renderApp(PAGE);

    expect(await screen.findByTestId('api-clients-empty')).toHaveTextContent(a.list.empty);
    const form = screen.getByTestId('api-client-form');
    // Nothing is sent without a name and a scope.
    await user.click(within(form).getByRole('button', { name: a.form.submit }));
    expect(within(form).getByText(a.form.scopesMissing)).toBeVisible();
    expect(within(form).getByLabelText(a.form.name)).toHaveFocus();
    expect(requestsTo(fetchMock, CREATE)).toHaveLength(0);

    await user.type(within(form).getByLabelText(a.form.name), 'ERP');
    await user.click(within(form).getByRole('checkbox', { name: a.scopes.permitsWrite.label }));
    await user.click(within(form).getByRole('checkbox', { name: a.scopes.permitsRead.label }));
    await user.click(within(form).getByRole('button', { name: a.form.submit }));

    const panel = await screen.findByTestId('api-client-secret');
    expect(panel).toHaveFocus();
    expect(within(panel).getByRole('heading', { name: a.issued.createdHeading.replace('{{name}}', 'ERP') })).toBeVisible();
    expect(within(panel).getByText(a.issued.warning)).toBeVisible();
    expect(within(panel).getByTestId('api-client-id')).toHaveTextContent(NEW_ID);
    expect(within(panel).getByTestId('api-client-secret-value')).toHaveTextContent(SECRET);
    expect(within(panel).getByTestId('api-client-token-command')).toHaveTextContent(
      `curl -u ${NEW_ID}:SECRET -d grant_type=client_credentials ${window.location.origin}/oauth/token`,
    );
    // The secret is on the page once: in the panel, not in the list.
    expect(screen.getAllByText(SECRET)).toHaveLength(1);
    const [post] = requestsTo(fetchMock, CREATE);
    expect(await post?.json()).toEqual({ name: 'ERP', scopes: ['permits:read', 'permits:write'] });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rowOf('ERP')).queryByText(SECRET)).toBeNull();
    // The form is empty again.
    expect(within(form).getByLabelText(a.form.name)).toHaveValue('');

    await user.click(within(panel).getByRole('button', { name: a.copy.secret }));
    expect(await within(panel).findByText(a.copy.done)).toBeVisible();
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await user.click(within(panel).getByRole('button', { name: a.issued.dismiss }));
    expect(screen.queryByTestId('api-client-secret')).toBeNull();
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: a.list.heading })).toHaveFocus();
  });

  it('explains that a session begun with a password cannot issue credentials, with the way to the EDS', async () => {
    const user = userEvent.setup();
    const fetchMock = signedIn({
      [LIST]: () => jsonResponse([]),
      [CREATE]: () =>
        problemResponse({
          type: 'conflict',
          title: 'Қайшылық',
          status: 409,
          detail: "Sign in with your organisation's EDS (not a password) to issue API credentials.",
        }),
      'POST /api/v1/auth/logout': () => noContent(),
    });
    renderApp(PAGE);

    const form = await screen.findByTestId('api-client-form');
    await user.type(within(form).getByLabelText(a.form.name), 'ERP');
    await user.click(within(form).getByRole('checkbox', { name: a.scopes.permitsRead.label }));
    await user.click(within(form).getByRole('button', { name: a.form.submit }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent(a.edsRequired);
    const link = within(alert).getByRole('link', { name: a.signInWithEds });
    expect(link).toHaveAttribute('href', '/login');
    expect(screen.queryByTestId('api-client-secret')).toBeNull();

    // Following it signs out, then opens the sign-in page.
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: kk.signIn.title })).toBeVisible();
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/logout')).toHaveLength(1);
  });

  it('revokes a client only after the confirmation', async () => {
    const user = userEvent.setup();
    let erp = client(ERP_ID, 'ERP');
    const fetchMock = signedIn({
      [LIST]: () => jsonResponse([erp]),
      [`DELETE /api/v1/clients/${ERP_ID}`]: () => {
        erp = { ...erp, revoked_at: '2026-11-26T08:00:00Z' };
        return jsonResponse(erp);
      },
    });
    renderApp(PAGE);

    await screen.findByTestId('api-client-list');
    const revoke = within(rowOf('ERP')).getByRole('button', { name: `${a.actions.revoke} (ERP)` });

    // Cancelled: nothing is sent.
    await user.click(revoke);
    let dialog = screen.getByRole('dialog', { name: a.confirm.revokeTitle.replace('{{name}}', 'ERP') });
    expect(dialog).toHaveAccessibleDescription(a.confirm.revokeBody);
    await user.click(within(dialog).getByRole('button', { name: a.confirm.cancel }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requestsTo(fetchMock, `DELETE /api/v1/clients/${ERP_ID}`)).toHaveLength(0);

    await user.click(revoke);
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: a.confirm.revokeConfirm }));

    expect(await screen.findByText(a.revoked.replace('{{name}}', 'ERP'))).toBeVisible();
    await waitFor(() => expect(rowOf('ERP')).toHaveAttribute('data-status', 'revoked'));
    expect(within(rowOf('ERP')).queryAllByRole('button')).toHaveLength(0);
    expect(requestsTo(fetchMock, `DELETE /api/v1/clients/${ERP_ID}`)).toHaveLength(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('issues a new secret after the confirmation and shows it once', async () => {
    const user = userEvent.setup();
    const erp = client(ERP_ID, 'ERP');
    const fetchMock = signedIn({
      [LIST]: () => jsonResponse([erp]),
      [`POST /api/v1/clients/${ERP_ID}/secret`]: () =>
        jsonResponse({ client: { ...erp, secret_rotated_at: '2026-11-26T08:00:00Z' }, client_secret: SECRET }),
    });
    renderApp(PAGE);

    await screen.findByTestId('api-client-list');
    await user.click(within(rowOf('ERP')).getByRole('button', { name: `${a.actions.rotate} (ERP)` }));
    const dialog = screen.getByRole('dialog', { name: a.confirm.rotateTitle.replace('{{name}}', 'ERP') });
    expect(dialog).toHaveAccessibleDescription(a.confirm.rotateBody);
    await user.click(within(dialog).getByRole('button', { name: a.confirm.rotateConfirm }));

    const panel = await screen.findByTestId('api-client-secret');
    expect(panel).toHaveFocus();
    expect(within(panel).getByRole('heading', { name: a.issued.rotatedHeading.replace('{{name}}', 'ERP') })).toBeVisible();
    expect(within(panel).getByTestId('api-client-secret-value')).toHaveTextContent(SECRET);
    expect(requestsTo(fetchMock, `POST /api/v1/clients/${ERP_ID}/secret`)).toHaveLength(1);

    await user.click(within(panel).getByRole('button', { name: a.issued.dismiss }));
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('registers a public key for private_key_jwt', async () => {
    const user = userEvent.setup();
    let erp = client(ERP_ID, 'ERP');
    const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----';
    const fetchMock = signedIn({
      [LIST]: () => jsonResponse([erp]),
      [`PUT /api/v1/clients/${ERP_ID}/key`]: () => {
        erp = { ...erp, auth_methods: ['client_secret_basic', 'private_key_jwt'], key_algorithm: 'EdDSA' };
        return jsonResponse(erp);
      },
    });
    renderApp(PAGE);

    await screen.findByTestId('api-client-list');
    await user.click(within(rowOf('ERP')).getByRole('button', { name: `${a.actions.setKey} (ERP)` }));
    const form = screen.getByTestId('api-client-key-form');
    await user.click(within(form).getByLabelText(a.keyForm.label));
    await user.paste(pem);
    await user.click(within(form).getByRole('button', { name: a.keyForm.submit }));

    expect(await screen.findByText(a.keySaved.replace('{{name}}', 'ERP'))).toBeVisible();
    const [put] = requestsTo(fetchMock, `PUT /api/v1/clients/${ERP_ID}/key`);
    expect(await put?.json()).toEqual({ public_key_pem: pem });
    await waitFor(() => expect(rowOf('ERP')).toHaveTextContent(a.methods.key.replace('{{algorithm}}', 'EdDSA')));
    expect(within(rowOf('ERP')).getByRole('button', { name: `${a.actions.replaceKey} (ERP)` })).toBeVisible();
    expect(screen.queryByTestId('api-client-key-form')).toBeNull();
  });

  it('shows the API’s field errors beside the fields', async () => {
    const user = userEvent.setup();
    signedIn({
      [LIST]: () => jsonResponse([]),
      [CREATE]: () =>
        problemResponse({
          type: 'validation',
          title: 'Тексеру',
          status: 422,
          errors: [{ field: 'public_key_pem', code: 'invalid_key', message: 'an RSA key needs 2048 bits or more' }],
        }),
    });
    renderApp(PAGE);

    const form = await screen.findByTestId('api-client-form');
    await user.type(within(form).getByLabelText(a.form.name), 'ERP');
    await user.click(within(form).getByRole('checkbox', { name: a.scopes.permitsRead.label }));
    await user.type(within(form).getByLabelText(new RegExp(a.form.key.replace(/[()]/g, '\\$&'))), 'not a key');
    await user.click(within(form).getByRole('button', { name: a.form.submit }));

    expect(await within(form).findByText(a.keyForm.invalid)).toBeVisible();
    expect(within(form).getByRole('alert')).toHaveTextContent(kk.problems.types.validation);
  });

  it('tells an individual that API clients belong to organisations', async () => {
    const fetchMock = signedIn(
      {
        [LIST]: () => problemResponse({ type: 'forbidden', title: 'Тыйым салынған', status: 403 }),
      },
      { kind: 'individual' },
    );
    renderApp(PAGE);

    const unavailable = await screen.findByTestId('api-clients-unavailable');
    expect(within(unavailable).getByRole('alert')).toHaveTextContent(a.notOrganisation);
    expect(screen.queryByTestId('api-client-form')).toBeNull();
    expect(requestLog(fetchMock)).toEqual(['POST /api/v1/auth/refresh', LIST]);
  });
});

describe('the account page', () => {
  it('links a legal entity’s account to its API clients', async () => {
    signedIn({});
    renderApp('/account');
    const link = await screen.findByRole('link', { name: kk.account.apiClients.link });
    expect(link).toHaveAttribute('href', PAGE);
  });

  it('offers no API clients to an individual', async () => {
    signedIn({}, { kind: 'individual' });
    renderApp('/account');
    await screen.findByRole('heading', { level: 1, name: kk.account.title });
    expect(screen.queryByRole('link', { name: kk.account.apiClients.link })).toBeNull();
  });
});
