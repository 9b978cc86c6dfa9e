// The gate: a call refused with 403 consent-required takes the person to the blocking
// page with the documents it names; signing them with the SIGN key accepts each one and brings
// the person back to the page they were on.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import { signWithPkcs12 } from '@/features/eds/signing/sign-with-pkcs12';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

vi.mock('@/features/eds/signing/sign-with-pkcs12', () => ({ signWithPkcs12: vi.fn() }));

const AGREEMENT_ID = '0193a0c4-0000-7000-8000-000000000002';
const HASH_KK = 'a'.repeat(64);
const agreement = {
  id: AGREEMENT_ID,
  kind: 'terms',
  version: 2,
  title: { kk: 'Пайдаланушы келісімі, 2-нұсқа', ru: 'Соглашение, версия 2', en: 'User agreement, version 2' },
  body: { kk: 'Келісім мәтіні.', ru: 'Текст соглашения.', en: 'The text.' },
  body_sha256: { kk: HASH_KK, ru: 'b'.repeat(64), en: 'c'.repeat(64) },
  details: null,
  published_at: '2026-11-21T10:00:00Z',
  effective_at: '2026-11-24T10:00:00Z',
  status: 'in_force',
};
const stored = [{ category: 'security', in_app: true, email: true, mandatory: true }];

beforeEach(() => {
  vi.mocked(signWithPkcs12).mockResolvedValue({
    signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx',
    holder: { fullName: 'АСАНОВ АСАН', iin: '850314301834', bin: null, organisation: null, validUntil: null },
  });
});

// Kept before the data-export test below, which un-stubs every global (the stubbed fetch too).
describe('the blocking page’s words', () => {
  const PREVIOUS_ID = '0193a0c4-0000-7000-8000-000000000001';
  const previous = { ...agreement, id: PREVIOUS_ID, version: 1, status: 'annulled' };
  const personalData = {
    ...agreement,
    id: '0193a0c4-0000-7000-8000-000000000005',
    kind: 'personal_data',
    version: 1,
    title: { kk: 'Дербес деректер', ru: 'Персональные данные', en: 'Personal data' },
  };
  const accepted = (agreementId: string) => ({
    id: `c-${agreementId}`,
    agreement_id: agreementId,
    action: 'accepted',
    document_sha256: 'e'.repeat(64),
    language: 'kk',
    channel: 'web',
    signer_serial: '01',
    recorded_at: '2026-11-01T10:00:00Z',
    record_hash: 'd'.repeat(64),
  });

  function openWith(inForce: unknown[], consents: unknown[] | 'unreadable') {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/agreements': () => jsonResponse(inForce),
      'GET /api/v1/consents': () =>
        consents === 'unreadable'
          ? problemResponse({ type: 'internal', title: 'Internal error', status: 500 })
          : jsonResponse(consents),
      [`GET /api/v1/agreements/${PREVIOUS_ID}`]: () => jsonResponse(previous),
    });
    renderApp('/agreements/accept');
    return screen.findByTestId('accept-intro');
  }

  it('asks to read and accept before going on, when the person never accepted the document', async () => {
    expect(await openWith([agreement], [])).toHaveTextContent(kk.consents.accept.introFirst);
  });

  it('says the agreement has changed, when the person accepted an earlier version of it', async () => {
    expect(await openWith([agreement], [accepted(PREVIOUS_ID)])).toHaveTextContent(kk.consents.accept.introChanged);
    expect(screen.queryByText(kk.consents.accept.renewed)).not.toBeInTheDocument();
  });

  it('marks the renewed one when a new document comes with a changed one', async () => {
    expect(await openWith([agreement, personalData], [accepted(PREVIOUS_ID)])).toHaveTextContent(
      kk.consents.accept.introChanged,
    );
    const renewed = screen.getByRole('article', { name: agreement.title.kk });
    expect(within(renewed).getByText(kk.consents.accept.renewed)).toBeVisible();
    const first = screen.getByRole('article', { name: personalData.title.kk });
    expect(within(first).queryByText(kk.consents.accept.renewed)).not.toBeInTheDocument();
  });
});

describe('the blocking page', () => {
  it('follows a consent-required refusal, accepts with the SIGN key, and returns', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    let accepted = false;
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/notification-preferences': () =>
        accepted
          ? jsonResponse(stored)
          : jsonResponse(
              {
                type: 'consent-required',
                title: 'Accept the agreement',
                status: 403,
                detail: 'A new version is in force.',
                documents: [AGREEMENT_ID],
              },
              403,
              'application/problem+json',
            ),
      [`GET /api/v1/agreements/${AGREEMENT_ID}`]: () => jsonResponse(agreement),
      'POST /api/v1/consents': () => {
        accepted = true;
        return jsonResponse(
          {
            id: 'c1',
            agreement_id: AGREEMENT_ID,
            action: 'accepted',
            document_sha256: HASH_KK,
            language: 'kk',
            channel: 'web',
            signer_serial: '01',
            recorded_at: '2026-11-24T10:01:00Z',
            record_hash: 'd'.repeat(64),
          },
          201,
        );
      },
    });
    const { router } = renderApp('/notifications/preferences');

    expect(await screen.findByRole('heading', { level: 1, name: kk.consents.accept.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/agreements/accept');
    expect(await screen.findByRole('heading', { level: 2, name: agreement.title.kk })).toBeVisible();
    expect(screen.getByText(agreement.body.kk)).toBeVisible();

    await user.upload(
      screen.getByLabelText(kk.eds.signKey.label),
      new File([new Uint8Array([0x30, 0x82])], 'individual-sign.p12', { type: 'application/x-pkcs12' }),
    );
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.consents.accept.submit }));

    expect(await screen.findByRole('heading', { level: 1, name: kk.notifications.preferences.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/notifications/preferences');
    expect(vi.mocked(signWithPkcs12).mock.calls[0]?.[2]).toBe(HASH_KK);
    const [post] = requestsTo(fetchMock, 'POST /api/v1/consents');
    expect(await post?.json()).toEqual({
      agreement_id: AGREEMENT_ID,
      language: 'kk',
      signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx',
      channel: 'web',
    });
  });

  it('shows a refusal of the wrong key and stays', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/agreements': () => jsonResponse([agreement]),
      'GET /api/v1/consents': () => jsonResponse([]),
      'POST /api/v1/consents': () =>
        problemResponse({ type: 'eds-wrong-key-usage', title: 'Wrong key', status: 400, detail: 'AUTH key' }),
    });
    renderApp('/agreements/accept');

    expect(await screen.findByRole('heading', { level: 2, name: agreement.title.kk })).toBeVisible();
    await user.upload(screen.getByLabelText(kk.eds.signKey.label), new File([new Uint8Array([0x30])], 'a.p12'));
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.consents.accept.submit }));

    await waitFor(() => expect(screen.getByText(kk.consents.accept.wrongKey)).toBeVisible());
    expect(screen.getByRole('heading', { level: 1, name: kk.consents.accept.title })).toBeVisible();
  });

  it('lets the person download their data before deciding', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    const createObjectURL = vi.fn(() => 'blob:export');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/agreements': () => jsonResponse([agreement]),
      'GET /api/v1/consents': () => jsonResponse([]),
      'GET /api/v1/accounts/me/export': () => jsonResponse({ profile: { email: 'asan@example.kz' } }),
    });
    renderApp('/agreements/accept');

    await user.click(await screen.findByRole('button', { name: kk.account.export.button }));

    expect(await screen.findByText(kk.account.export.saved)).toBeVisible();
    const [exported] = requestsTo(fetchMock, 'GET /api/v1/accounts/me/export');
    expect(exported?.headers.get('Authorization')).toBe('Bearer token-1');
    expect(createObjectURL).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
    click.mockRestore();
    vi.unstubAllGlobals();
  });
});
