// The account is split into short pages with their own navigation: profile, security and
// sessions, consents, data, closing. The consents page composes the `eds` feature's signer into
// "My consents": withdrawing the personal-data consent signs the statement's digest with the SIGN
// key (the key file here), and sends the digest with that signature.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import { signWithPkcs12 } from '@/features/eds/signing/sign-with-pkcs12';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, requestsTo, tokens } from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

vi.mock('@/features/eds/signing/sign-with-pkcs12', () => ({ signWithPkcs12: vi.fn() }));

const m = kk.consents.mine;
const AGREEMENT_ID = '0193a0c4-0000-7000-8000-000000000003';
const CONSENT_ID = '0193a0c4-0000-7000-8000-0000000000c1';
const DIGEST = '7'.repeat(64);
const SIGNATURE = 'MIAGCSqGSIb3DQEHAqCAMIACAQEx';
const SENTENCE = 'Мен 2026-11-24 берген дербес деректерді жинауға және өңдеуге келісімімді (нұсқа 1) кері қайтарып аламын.';

const consent = (id: string, action: 'accepted' | 'withdrawn', recordedAt: string) => ({
  id,
  agreement_id: AGREEMENT_ID,
  action,
  document_sha256: 'a'.repeat(64),
  language: 'kk',
  channel: 'web',
  signer_serial: '01',
  recorded_at: recordedAt,
  record_hash: 'd'.repeat(64),
});

beforeEach(() => {
  vi.mocked(signWithPkcs12).mockResolvedValue({
    signature: SIGNATURE,
    holder: { fullName: 'АСАНОВ АСАН', iin: '850314301834', bin: null, organisation: null, validUntil: null },
  });
});

describe('the account’s consents page', () => {
  it('withdraws the personal-data consent with a SIGN-key signature over the statement’s digest', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    const withdrawal = consent('0193a0c4-0000-7000-8000-0000000000c2', 'withdrawn', '2026-11-25T10:00:00Z');
    const fetchMock = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/consents': () => jsonResponse([consent(CONSENT_ID, 'accepted', '2026-11-24T10:00:00Z')]),
      [`GET /api/v1/agreements/${AGREEMENT_ID}`]: () =>
        jsonResponse({
          id: AGREEMENT_ID,
          kind: 'personal_data',
          version: 1,
          title: { kk: 'Дербес деректер', ru: 'Персональные данные', en: 'Personal data' },
          body: { kk: 'Мәтін.', ru: 'Текст.', en: 'Text.' },
          body_sha256: { kk: 'a'.repeat(64), ru: 'b'.repeat(64), en: 'c'.repeat(64) },
          details: null,
          published_at: '2026-11-21T10:00:00Z',
          effective_at: '2026-11-21T10:00:00Z',
          status: 'in_force',
        }),
      [`GET /api/v1/consents/${CONSENT_ID}/withdrawal`]: () =>
        jsonResponse({ statement: { consent_record: CONSENT_ID, language: 'kk', statement: SENTENCE }, digest: DIGEST }),
      [`POST /api/v1/consents/${CONSENT_ID}/withdraw`]: () => jsonResponse(withdrawal, 201),
    });
    renderApp('/account/consents');

    const consents = await screen.findByRole('region', { name: m.heading });
    await user.click(await within(consents).findByRole('button', { name: m.withdraw }));
    expect(await within(consents).findByText(SENTENCE)).toBeVisible();

    // The AUTH file, by its name, is the wrong one here: said at once.
    await user.upload(
      within(consents).getByLabelText(kk.eds.signKey.label),
      new File([new Uint8Array([0x30, 0x82])], 'AUTH_RSA256_demo.p12', { type: 'application/x-pkcs12' }),
    );
    expect(within(consents).getByTestId('key-file-warning')).toHaveTextContent(kk.eds.keyFile.looksLikeAuth);
    await user.upload(
      within(consents).getByLabelText(kk.eds.signKey.label),
      new File([new Uint8Array([0x30, 0x82])], 'individual-sign.p12', { type: 'application/x-pkcs12' }),
    );
    expect(within(consents).queryByTestId('key-file-warning')).not.toBeInTheDocument();
    await user.type(within(consents).getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(within(consents).getByRole('button', { name: m.withdrawSign }));

    await waitFor(() => expect(requestsTo(fetchMock, `POST /api/v1/consents/${CONSENT_ID}/withdraw`)).toHaveLength(1));
    expect(vi.mocked(signWithPkcs12).mock.calls[0]?.[2]).toBe(DIGEST);
    // A document signature: the key is checked as a SIGN key.
    expect(vi.mocked(signWithPkcs12).mock.calls[0]?.[3]).toBe('signing');
    const [post] = requestsTo(fetchMock, `POST /api/v1/consents/${CONSENT_ID}/withdraw`);
    expect(await post?.json()).toEqual({ digest: DIGEST, signature: SIGNATURE });
    expect(await within(consents).findByText(m.withdrawn)).toBeInTheDocument();
  });
});

describe('the account’s pages', () => {
  const SECTIONS = [
    { path: '/account', nav: kk.account.nav.profile, region: kk.account.profile.heading, title: kk.account.title },
    { path: '/account/security', nav: kk.account.nav.security, region: kk.account.sessions.heading, title: kk.account.nav.security },
    { path: '/account/consents', nav: kk.account.nav.consents, region: m.heading, title: kk.account.nav.consents },
    { path: '/account/data', nav: kk.account.nav.data, region: kk.account.export.heading, title: kk.account.nav.data },
    { path: '/account/close', nav: kk.account.nav.close, region: kk.account.close.heading, title: kk.account.nav.close },
  ];

  beforeEach(() => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1')),
      'GET /api/v1/accounts/me/changes': () => jsonResponse([]),
      'GET /api/v1/accounts/me/sessions': () => jsonResponse([]),
      'GET /api/v1/consents': () => jsonResponse([]),
    });
  });

  it.each(SECTIONS)('$path is a page of its own, marked in the account’s navigation', async ({ path, nav, region, title }) => {
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: kk.account.title })).toBeVisible();
    expect(await screen.findByRole('region', { name: region })).toBeVisible();
    const sections = screen.getByRole('navigation', { name: kk.account.nav.label });
    expect(within(sections).getByRole('link', { name: nav })).toHaveAttribute('aria-current', 'page');
    expect(document.title).toBe(`${title} — Saulet`);
    // The other pages' sections are not on this one.
    for (const other of SECTIONS.filter((section) => section.path !== path)) {
      expect(screen.queryByRole('region', { name: other.region })).not.toBeInTheDocument();
    }
  });

  it('leads from one page to another through the account’s navigation', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/account');

    const sections = await screen.findByRole('navigation', { name: kk.account.nav.label });
    await user.click(within(sections).getByRole('link', { name: kk.account.nav.close }));

    expect(await screen.findByRole('region', { name: kk.account.close.heading })).toBeVisible();
    expect(router.state.location.pathname).toBe('/account/close');
    expect(screen.getByRole('heading', { level: 1, name: kk.account.title })).toHaveFocus();
  });
});
