// A client's webhooks on the API clients page: adding one (its signing secret shown once, then
// gone), the API's field error on the receiver's address, a test ping and the delivery log (read
// again on request; a delivery sent again), a disabled webhook with its reason and the way to
// enable it, a new signing secret and deleting (each after a confirmation).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, noContent, problemResponse, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

const w = kk.apiClients.webhooks;
const PAGE = '/account/api-clients';
const ERP_ID = '0193a0c4-0000-7000-8000-0000000000e1';
const HOOK_ID = '0193a0c4-0000-7000-8000-0000000000f1';
const PING_ID = '0193a0c4-0000-7000-8000-0000000000d1';
const HOOKS = `/api/v1/clients/${ERP_ID}/webhooks`;
const HOOK_URL = 'https://erp.example.kz/saulet-hook';
const SECRET = 'whsec_Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1zZWNyZXQ=';
const NEW_SECRET = 'whsec_YW5vdGhlci10ZXN0LXNlY3JldC1ub3QtYS1yZWFsLW9uZQ==';

const ORGANISATION = { kind: 'legal_entity', bin: '123456789012', organisation: 'ТОО «Жоба»' } as const;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

const erp = {
  id: ERP_ID,
  organisation_bin: ORGANISATION.bin,
  name: 'ERP',
  scopes: ['permits:read'],
  owner_id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  auth_methods: ['client_secret_basic'],
  key_algorithm: null,
  created_at: '2026-11-24T10:00:00Z',
  secret_rotated_at: null,
  last_used_at: null,
  revoked_at: null,
};

type Hook = ReturnType<typeof webhook>;

function webhook(overrides: Record<string, unknown> = {}) {
  return {
    id: HOOK_ID,
    client_id: ERP_ID,
    url: HOOK_URL,
    events: ['permit_request.status_changed'],
    enabled: true,
    disabled_at: null as string | null,
    disabled_reason: null as string | null,
    created_at: '2026-11-25T10:00:00Z',
    ...overrides,
  };
}

function delivery(overrides: Record<string, unknown> = {}) {
  return {
    id: PING_ID,
    message_id: `msg_${PING_ID}`,
    event_type: 'webhook.ping',
    status: 'pending',
    attempts: 0,
    next_attempt_at: '2026-11-26T08:00:00Z' as string | null,
    last_attempt_at: null as string | null,
    last_status: null as number | null,
    last_error: null as string | null,
    delivered_at: null as string | null,
    created_at: '2026-11-26T08:00:00Z',
    payload: '{"type":"webhook.ping"}',
    ...overrides,
  };
}

/** Signed in as a legal entity's representative, with the client ERP; the API's answers on top. */
function signedIn(answers: Parameters<typeof mockApi>[0]) {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
  return mockApi({
    'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', ORGANISATION)),
    'GET /api/v1/clients': () => jsonResponse([erp]),
    ...answers,
  });
}

/** Opens the webhooks of ERP: the section, once its list has arrived. */
async function openWebhooks(user: ReturnType<typeof userEvent.setup>) {
  const row = await screen.findByTestId('api-client-row');
  const toggle = within(row).getByRole('button', { name: `${w.toggle} (ERP)` });
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await user.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const section = within(row).getByRole('region', { name: w.heading });
  await waitFor(() => expect(within(section).queryByText(w.loading)).toBeNull());
  return section;
}

describe('webhooks of an API client', () => {
  it('adds a webhook and shows its signing secret once, until it is dismissed', async () => {
    const user = userEvent.setup();
    const hooks: Hook[] = [];
    const fetchMock = signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse(hooks),
      [`POST ${HOOKS}`]: async (request) => {
        const body = (await request.json()) as { url: string; events: string[] };
        const created = webhook({ url: body.url, events: body.events });
        hooks.push(created);
        return jsonResponse({ subscription: created, secret: SECRET }, 201);
      },
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    expect(within(section).getByTestId('webhooks-empty')).toHaveTextContent(w.empty);
    const form = within(section).getByTestId('webhook-form');

    // Nothing is sent without an address and an event.
    await user.click(within(form).getByRole('button', { name: w.form.submit }));
    expect(within(form).getByLabelText(w.form.url)).toHaveFocus();
    expect(within(form).getByText(w.form.eventsMissing)).toBeVisible();
    expect(requestsTo(fetchMock, `POST ${HOOKS}`)).toHaveLength(0);

    // Every event type is offered, each explained.
    expect(within(form).getAllByRole('checkbox')).toHaveLength(3);
    expect(within(form).getByRole('checkbox', { name: w.eventTypes.taskCreated.label })).toHaveAccessibleDescription(
      w.eventTypes.taskCreated.explanation,
    );

    await user.type(within(form).getByLabelText(w.form.url), HOOK_URL);
    await user.click(within(form).getByRole('checkbox', { name: w.eventTypes.taskAnswered.label }));
    await user.click(within(form).getByRole('checkbox', { name: w.eventTypes.statusChanged.label }));
    await user.click(within(form).getByRole('button', { name: w.form.submit }));

    const panel = await within(section).findByTestId('webhook-secret');
    expect(panel).toHaveFocus();
    expect(within(panel).getByRole('heading', { name: fill(w.secret.createdHeading, { url: HOOK_URL }) })).toBeVisible();
    expect(within(panel).getByText(w.secret.warning)).toBeVisible();
    expect(within(panel).getByTestId('webhook-secret-value')).toHaveTextContent(SECRET);
    // Shown once: in the panel only, never in the list.
    expect(screen.getAllByText(SECRET)).toHaveLength(1);
    const [post] = requestsTo(fetchMock, `POST ${HOOKS}`);
    expect(await post?.json()).toEqual({
      url: HOOK_URL,
      events: ['permit_request.status_changed', 'approval_task.answered'],
    });

    // The list shows the new webhook; the form is empty again.
    const row = await within(section).findByTestId('webhook-row');
    expect(within(row).getByTestId('webhook-url')).toHaveTextContent(HOOK_URL);
    expect(within(row).getByTestId('webhook-state')).toHaveTextContent(w.list.enabled);
    expect(within(row).getByText(w.eventTypes.statusChanged.label)).toBeVisible();
    expect(within(row).getByText(w.eventTypes.taskAnswered.label)).toBeVisible();
    expect(within(row).queryByText(SECRET)).toBeNull();
    expect(within(form).getByLabelText(w.form.url)).toHaveValue('');

    await user.click(within(panel).getByRole('button', { name: w.secret.copy }));
    expect(await within(panel).findByText(kk.apiClients.copy.done)).toBeVisible();
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await user.click(within(panel).getByRole('button', { name: w.secret.dismiss }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(within(section).getByRole('heading', { level: 4, name: w.heading })).toHaveFocus();
  });

  it('shows the API’s error on the receiver’s address beside the field', async () => {
    const user = userEvent.setup();
    signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse([]),
      [`POST ${HOOKS}`]: () =>
        problemResponse({
          type: 'validation',
          title: 'Тексеру',
          status: 422,
          errors: [{ field: 'url', code: 'invalid_url', message: 'an https:// address' }],
        }),
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    const form = within(section).getByTestId('webhook-form');
    await user.type(within(form).getByLabelText(w.form.url), 'http://erp.example.kz/hook');
    await user.click(within(form).getByRole('checkbox', { name: w.eventTypes.statusChanged.label }));
    await user.click(within(form).getByRole('button', { name: w.form.submit }));

    const url = within(form).getByLabelText(w.form.url);
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveAccessibleDescription(new RegExp(w.form.urlInvalid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(url).toHaveFocus();
    expect(within(form).getByRole('alert')).toHaveTextContent(kk.problems.types.validation);
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('sends a test ping and shows it in the delivery log, read again on request', async () => {
    const user = userEvent.setup();
    let deliveries: ReturnType<typeof delivery>[] = [];
    const fetchMock = signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse([webhook()]),
      [`POST /api/v1/webhooks/${HOOK_ID}/ping`]: () => {
        deliveries = [delivery()];
        return jsonResponse(delivery(), 202);
      },
      [`GET /api/v1/webhooks/${HOOK_ID}/deliveries`]: () => jsonResponse(deliveries),
      [`POST /api/v1/webhooks/${HOOK_ID}/deliveries/${PING_ID}/redeliver`]: () => {
        deliveries = [delivery()];
        return jsonResponse(deliveries[0]);
      },
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    const row = within(section).getByTestId('webhook-row');
    await user.click(within(row).getByRole('button', { name: `${w.actions.ping} (${HOOK_URL})` }));

    expect(await within(row).findByText(w.pinged)).toBeVisible();
    expect(requestsTo(fetchMock, `POST /api/v1/webhooks/${HOOK_ID}/ping`)).toHaveLength(1);
    // The log opens by itself, with the ping waiting to be sent.
    expect(within(row).getByRole('button', { name: `${w.actions.log} (${HOOK_URL})` })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    const log = within(row).getByTestId('webhook-log');
    const table = await within(log).findByRole('table', { name: fill(w.log.caption, { url: HOOK_URL }) });
    let ping = within(table).getByTestId('webhook-delivery');
    expect(ping).toHaveAttribute('data-status', 'pending');
    expect(ping).toHaveTextContent(w.eventTypes.ping);
    expect(within(ping).getByTestId('webhook-delivery-status')).toHaveTextContent(w.log.statuses.pending);

    // The server's worker delivers it; Refresh reads the log again.
    deliveries = [
      delivery({
        status: 'delivered',
        attempts: 1,
        last_status: 200,
        next_attempt_at: null,
        last_attempt_at: '2026-11-26T08:00:01Z',
        delivered_at: '2026-11-26T08:00:01Z',
      }),
    ];
    await user.click(within(log).getByRole('button', { name: w.log.refresh }));
    await waitFor(() => expect(within(log).getByTestId('webhook-delivery')).toHaveAttribute('data-status', 'delivered'));
    ping = within(log).getByTestId('webhook-delivery');
    expect(within(ping).getByTestId('webhook-delivery-status')).toHaveTextContent(w.log.statuses.delivered);
    expect(ping).toHaveTextContent(fill(w.log.httpStatus, { status: 200 }));
    expect(within(ping).getByTestId('webhook-delivery-attempts')).toHaveTextContent(fill(w.log.attempts, { number: 1 }));
    expect(requestsTo(fetchMock, `GET /api/v1/webhooks/${HOOK_ID}/deliveries`)).toHaveLength(2);

    // Sent again, under the same webhook-id: pending again.
    const again = within(ping).getByTestId('webhook-redeliver');
    expect(again).toHaveAccessibleName(expect.stringContaining(`${w.log.redeliver} (${w.eventTypes.ping},`));
    await user.click(again);
    expect(await within(log).findByText(w.log.redelivered)).toBeVisible();
    await waitFor(() => expect(within(log).getByTestId('webhook-delivery')).toHaveAttribute('data-status', 'pending'));
    expect(requestsTo(fetchMock, `POST /api/v1/webhooks/${HOOK_ID}/deliveries/${PING_ID}/redeliver`)).toHaveLength(1);
  });

  it('shows why a webhook was disabled, and enables it again', async () => {
    const user = userEvent.setup();
    let hook = webhook({
      enabled: false,
      disabled_at: '2026-11-26T08:00:00Z',
      disabled_reason: 'deliveries failed for 24 hours',
    });
    const fetchMock = signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse([hook]),
      [`POST /api/v1/webhooks/${HOOK_ID}/enable`]: () => {
        hook = webhook();
        return jsonResponse(hook);
      },
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    const row = within(section).getByTestId('webhook-row');
    expect(row).toHaveAttribute('data-status', 'disabled');
    expect(within(row).getByTestId('webhook-state')).toHaveTextContent(w.list.disabled);
    expect(within(row).getByTestId('webhook-disabled')).toHaveTextContent(
      fill(w.list.reason, { reason: fill(w.list.failingFor, { hours: 24 }) }),
    );
    expect(within(row).getByText(w.list.disabledHint)).toBeVisible();
    // A disabled webhook cannot be pinged.
    expect(within(row).queryByRole('button', { name: new RegExp(w.actions.ping) })).toBeNull();

    await user.click(within(row).getByRole('button', { name: `${w.actions.enable} (${HOOK_URL})` }));
    expect(await within(row).findByText(w.enabledNotice)).toBeVisible();
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'enabled'));
    expect(within(row).queryByTestId('webhook-disabled')).toBeNull();
    expect(within(row).getByRole('button', { name: `${w.actions.ping} (${HOOK_URL})` })).toBeEnabled();
    expect(requestsTo(fetchMock, `POST /api/v1/webhooks/${HOOK_ID}/enable`)).toHaveLength(1);
  });

  it('issues a new signing secret after the confirmation, and says the old one signs for 24 hours', async () => {
    const user = userEvent.setup();
    const fetchMock = signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse([webhook()]),
      [`POST /api/v1/webhooks/${HOOK_ID}/secret`]: () => jsonResponse({ subscription: webhook(), secret: NEW_SECRET }),
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    await user.click(within(section).getByRole('button', { name: `${w.actions.rotate} (${HOOK_URL})` }));
    const dialog = screen.getByRole('dialog', { name: fill(w.confirm.rotateTitle, { url: HOOK_URL }) });
    expect(dialog).toHaveAccessibleDescription(w.confirm.rotateBody);
    await user.click(within(dialog).getByRole('button', { name: w.confirm.rotateConfirm }));

    const panel = await within(section).findByTestId('webhook-secret');
    expect(panel).toHaveFocus();
    expect(within(panel).getByRole('heading', { name: fill(w.secret.rotatedHeading, { url: HOOK_URL }) })).toBeVisible();
    expect(within(panel).getByTestId('webhook-secret-value')).toHaveTextContent(NEW_SECRET);
    expect(within(panel).getByText(w.secret.overlap)).toBeVisible();
    expect(requestsTo(fetchMock, `POST /api/v1/webhooks/${HOOK_ID}/secret`)).toHaveLength(1);
  });

  it('deletes a webhook only after the confirmation', async () => {
    const user = userEvent.setup();
    let hooks = [webhook()];
    const fetchMock = signedIn({
      [`GET ${HOOKS}`]: () => jsonResponse(hooks),
      [`DELETE /api/v1/webhooks/${HOOK_ID}`]: () => {
        hooks = [];
        return noContent();
      },
    });
    renderApp(PAGE);

    const section = await openWebhooks(user);
    const remove = within(section).getByRole('button', { name: `${w.actions.delete} (${HOOK_URL})` });
    await user.click(remove);
    let dialog = screen.getByRole('dialog', { name: fill(w.confirm.deleteTitle, { url: HOOK_URL }) });
    await user.click(within(dialog).getByRole('button', { name: kk.apiClients.confirm.cancel }));
    expect(requestsTo(fetchMock, `DELETE /api/v1/webhooks/${HOOK_ID}`)).toHaveLength(0);

    await user.click(remove);
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: w.confirm.deleteConfirm }));
    expect(await within(section).findByText(fill(w.deleted, { url: HOOK_URL }))).toBeVisible();
    await waitFor(() => expect(within(section).queryByTestId('webhook-row')).toBeNull());
    expect(within(section).getByTestId('webhooks-empty')).toBeVisible();
    expect(requestsTo(fetchMock, `DELETE /api/v1/webhooks/${HOOK_ID}`)).toHaveLength(1);
  });
});
