// Registration with the EDS: step 1 signs a fresh challenge with the key file (the
// signing itself is replaced here; it has its own tests), step 2 takes the contact details and a
// password that keeps the policy; the API's refusals are shown where they belong.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EdsError } from '@/features/eds/signing/eds-error';
import { signWithPkcs12 } from '@/features/eds/signing/sign-with-pkcs12';
import kk from '@/i18n/locales/kk.json';
import {
  account,
  jsonResponse,
  mockApi,
  problemResponse,
  requestLog,
  requestsTo,
  tokens,
  type ApiHandler,
} from '@/testing/api-responses';
import { renderApp } from '@/testing/render-app';

vi.mock('@/features/eds/signing/sign-with-pkcs12', () => ({ signWithPkcs12: vi.fn() }));

const CHALLENGE = 'saulet:auth:3q2-7wEAAAA:Ktv9Qm';
const HOLDER = {
  fullName: 'АСАНОВ АСАН АСАНҰЛЫ',
  iin: '850314301834',
  bin: null,
  organisation: null,
  validUntil: new Date('2027-11-24T00:00:00Z'),
};
const PASSWORD = 'Көктем-қаласы-2026';

const challenge: ApiHandler = () =>
  jsonResponse({ challenge: CHALLENGE, expires_at: '2026-11-24T10:05:00Z' }, 201);

beforeEach(() => {
  vi.mocked(signWithPkcs12).mockResolvedValue({ signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx', holder: HOLDER });
});

const keyFile = () => new File([new Uint8Array([0x30, 0x82, 0x01])], 'AUTH_RSA256_demo.p12', { type: 'application/x-pkcs12' });

async function signStepOne(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
  await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
  await user.click(screen.getByRole('button', { name: kk.register.key.submit }));
  return screen.findByRole('heading', { level: 2, name: kk.register.details.heading });
}

async function fillStepTwo(
  user: ReturnType<typeof userEvent.setup>,
  details: { email?: string; password?: string; repeat?: string } = {},
) {
  const { email = 'asan@example.kz', password = PASSWORD, repeat = password } = details;
  if (email) await user.type(screen.getByLabelText(kk.register.details.email), email);
  if (password) await user.type(screen.getByLabelText(kk.register.details.password), password);
  if (repeat) await user.type(screen.getByLabelText(kk.register.details.passwordRepeat), repeat);
  await user.click(screen.getByRole('button', { name: kk.register.details.submit }));
}

describe('registration, step 1: the EDS key', () => {
  it('asks for the key file and its password before asking for a challenge', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({});
    renderApp('/register');

    await user.click(screen.getByRole('button', { name: kk.register.key.submit }));

    expect(screen.getByLabelText(kk.eds.file.label)).toHaveAccessibleDescription(
      expect.stringContaining(kk.eds.file.missing),
    );
    expect(screen.getByLabelText(kk.eds.password.label)).toHaveAttribute('aria-invalid', 'true');
    // Only the agreements in force are looked up (none answer here: no step for them).
    expect(requestLog(fetchMock)).toEqual(['GET /api/v1/agreements']);
  });

  it('signs a fresh challenge with the file and shows whose certificate it is', async () => {
    const user = userEvent.setup();
    mockApi({ 'POST /api/v1/auth/eds/challenge': challenge });
    renderApp('/register');

    const heading = await signStepOne(user);

    // Signed with the key checked as an AUTH key.
    expect(vi.mocked(signWithPkcs12)).toHaveBeenCalledWith(expect.any(ArrayBuffer), 'Qwerty12', CHALLENGE, 'authentication');
    expect(heading).toHaveFocus();
    expect(screen.getByText(HOLDER.fullName)).toBeVisible();
    expect(screen.getByText(HOLDER.iin)).toBeVisible();
  });

  it('explains a key file the browser cannot open, and offers nothing else to fix', async () => {
    const user = userEvent.setup();
    vi.mocked(signWithPkcs12).mockRejectedValue(new EdsError('legacy-pkcs12'));
    mockApi({ 'POST /api/v1/auth/eds/challenge': challenge });
    renderApp('/register');

    await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.register.key.submit }));

    expect(await screen.findByRole('alert')).toHaveTextContent(kk.eds.errors['legacy-pkcs12']);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(kk.register.key.heading);
  });

  it('refuses the signing key in step 1, says which file to choose and where to read more', async () => {
    const user = userEvent.setup();
    vi.mocked(signWithPkcs12).mockRejectedValue(new EdsError('not-auth-key'));
    const fetchMock = mockApi({ 'POST /api/v1/auth/eds/challenge': challenge });
    renderApp('/register');

    await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.register.key.submit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(kk.eds.errors['not-auth-key']);
    expect(alert).toHaveTextContent('AUTH_');
    // Still step 1: nothing about the person was asked for or sent.
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(kk.register.key.heading);
    expect(screen.queryByLabelText(kk.register.details.email)).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST /api/v1/accounts')).toEqual([]);
    expect(screen.getByRole('link', { name: kk.eds.help.getEds })).toHaveAttribute('href', '/help#get-eds');
    expect(screen.getByRole('link', { name: kk.eds.help.ncalayer })).toHaveAttribute('href', '/help#ncalayer');
  });

  it('warns as soon as a file named like the signing key is chosen', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({});
    renderApp('/register');

    await user.upload(screen.getByLabelText(kk.eds.file.label), new File([new Uint8Array([0x30])], 'RSA256_demo.p12'));

    expect(screen.getByTestId('key-file-warning')).toHaveTextContent(kk.eds.keyFile.looksLikeSign);
    expect(requestLog(fetchMock)).toEqual(['GET /api/v1/agreements']);

    await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
    expect(screen.queryByTestId('key-file-warning')).not.toBeInTheDocument();
  });

  it('shows a wrong key password at the password field', async () => {
    const user = userEvent.setup();
    vi.mocked(signWithPkcs12).mockRejectedValue(new EdsError('wrong-password'));
    mockApi({ 'POST /api/v1/auth/eds/challenge': challenge });
    renderApp('/register');

    await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
    await user.type(screen.getByLabelText(kk.eds.password.label), 'qwerty');
    await user.click(screen.getByRole('button', { name: kk.register.key.submit }));

    const password = screen.getByLabelText(kk.eds.password.label);
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining(kk.eds.errors['wrong-password']));
    expect(password).toHaveFocus();
  });
});

describe('registration, step 2: contact details and password', () => {
  it('checks the email, the password policy and the repeated password before sending', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ 'POST /api/v1/auth/eds/challenge': challenge });
    renderApp('/register');
    await signStepOne(user);

    await fillStepTwo(user, { email: 'asan.example.kz', password: `pass-${HOLDER.iin}` });

    expect(screen.getByLabelText(kk.register.details.email)).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.email),
    );
    const password = screen.getByLabelText(kk.register.details.password);
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.contains_iin));
    // The policy is part of the field's description.
    expect(password).toHaveAccessibleDescription(expect.stringContaining(kk.passwordPolicy.personal));

    await user.clear(screen.getByLabelText(kk.register.details.password));
    await user.type(screen.getByLabelText(kk.register.details.password), PASSWORD);
    await user.click(screen.getByRole('button', { name: kk.register.details.submit }));
    expect(screen.getByLabelText(kk.register.details.passwordRepeat)).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.mismatch),
    );

    expect(requestsTo(fetchMock, 'POST /api/v1/accounts')).toEqual([]);
    // The challenge was asked for registration: the server spends it on that flow only.
    const [asked] = requestsTo(fetchMock, 'POST /api/v1/auth/eds/challenge');
    expect(await asked?.clone().json()).toEqual({ purpose: 'register' });
  });

  it('shows the API field errors next to their fields, in the interface language', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () =>
        problemResponse({
          type: 'validation',
          title: 'Деректер тексеруден өтпеді',
          status: 422,
          detail: 'The request has 1 invalid field.',
          errors: [{ field: 'password', code: 'too_common', message: 'is one of the most common passwords' }],
        }),
    });
    renderApp('/register');
    await signStepOne(user);

    await fillStepTwo(user, { password: 'qwertyuiop123' });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Деректер тексеруден өтпеді');
    expect(alert).toHaveTextContent(kk.problems.types.validation);
    expect(screen.getByLabelText(kk.register.details.password)).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.too_common),
    );
  });

  it('marks an email address another account uses', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () =>
        problemResponse({ type: 'email-taken', title: 'Пошта бос емес', status: 409, detail: 'Taken.' }),
    });
    renderApp('/register');
    await signStepOne(user);

    await fillStepTwo(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Пошта бос емес');
    expect(screen.getByLabelText(kk.register.details.email)).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.emailTaken),
    );
  });

  it('goes back to signing when the challenge expired in the meantime', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () =>
        problemResponse({ type: 'eds-challenge-expired', title: 'Expired', status: 422, detail: 'Sign again.' }),
    });
    renderApp('/register');
    await signStepOne(user);

    await fillStepTwo(user);

    const heading = await screen.findByRole('heading', { level: 2, name: kk.register.key.heading });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent(kk.register.key.expired);
  });

  it('registers, signs in with the new password and asks to confirm the address', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () => jsonResponse(account({ email_verified: false }), 201),
      'POST /api/v1/auth/login': () => jsonResponse(tokens('token-1', { email_verified: false })),
    });
    const { router } = renderApp('/register');
    await signStepOne(user);

    await user.type(screen.getByLabelText(kk.register.details.phone, { exact: false }), '+7 701 234 56 78');
    await user.selectOptions(screen.getByLabelText(kk.register.details.language), 'ru');
    await fillStepTwo(user);

    expect(await screen.findByRole('heading', { level: 1, name: kk.registered.title })).toBeVisible();
    expect(router.state.location.pathname).toBe('/register/check-email');
    expect(screen.getByText(kk.registered.sentTo.replace('{{email}}', 'asan@example.kz'))).toBeVisible();
    expect(within(screen.getByRole('banner')).getByText('АСАНОВ АСАН АСАНҰЛЫ')).toBeVisible();

    const [registration] = requestsTo(fetchMock, 'POST /api/v1/accounts');
    expect(await registration?.json()).toEqual({
      challenge: CHALLENGE,
      signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx',
      email: 'asan@example.kz',
      password: PASSWORD,
      language: 'ru',
      phone: '+7 701 234 56 78',
    });
    const [login] = requestsTo(fetchMock, 'POST /api/v1/auth/login');
    expect(await login?.json()).toEqual({ login: 'asan@example.kz', password: PASSWORD, client: 'web' });
  });
});

const AGREEMENT_ID = '0193a0c4-0000-7000-8000-000000000001';
const agreement = {
  id: AGREEMENT_ID,
  kind: 'terms',
  version: 1,
  title: { kk: 'Пайдаланушы келісімі', ru: 'Пользовательское соглашение', en: 'User agreement' },
  body: { kk: 'Келісім мәтіні.', ru: 'Текст соглашения.', en: 'The text.' },
  body_sha256: { kk: 'a'.repeat(64), ru: 'b'.repeat(64), en: 'c'.repeat(64) },
  details: null,
  published_at: '2026-11-20T10:00:00Z',
  effective_at: '2026-11-20T10:00:00Z',
  status: 'in_force',
};

describe('registration while agreements are in force', () => {
  it('shows them after the key, takes the SIGN-key acceptance and sends it with the registration', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      'GET /api/v1/agreements': () => jsonResponse([agreement]),
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () => jsonResponse(account({ email_verified: false }), 201),
      'POST /api/v1/auth/login': () => jsonResponse(tokens('token-1', { email_verified: false })),
    });
    renderApp('/register');

    expect(await screen.findByRole('heading', { level: 2, name: kk.register.key.headingOfThree })).toBeVisible();
    await user.upload(screen.getByLabelText(kk.eds.file.label), keyFile());
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.register.key.submit }));

    const heading = await screen.findByRole('heading', { level: 2, name: kk.register.consents.heading });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('heading', { level: 3, name: agreement.title.kk })).toBeVisible();
    expect(screen.getByText(agreement.body.kk)).toBeVisible();
    vi.mocked(signWithPkcs12).mockResolvedValueOnce({ signature: 'U0lHTi1zaWduYXR1cmU=', holder: HOLDER });
    await user.upload(screen.getByLabelText(kk.eds.signKey.label), new File([new Uint8Array([0x30])], 'SIGN.p12'));
    await user.type(screen.getByLabelText(kk.eds.password.label), 'Qwerty12');
    await user.click(screen.getByRole('button', { name: kk.register.consents.submit }));
    expect(vi.mocked(signWithPkcs12)).toHaveBeenLastCalledWith(expect.anything(), 'Qwerty12', 'a'.repeat(64), 'signing');

    expect(await screen.findByRole('heading', { level: 2, name: kk.register.details.headingOfThree })).toBeVisible();
    await fillStepTwo(user);
    expect(await screen.findByRole('heading', { level: 1, name: kk.registered.title })).toBeVisible();

    const [registration] = requestsTo(fetchMock, 'POST /api/v1/accounts');
    expect(await registration?.json()).toMatchObject({
      consents: [{ agreement_id: AGREEMENT_ID, language: 'kk', signature: 'U0lHTi1zaWduYXR1cmU=' }],
    });
  });

  it('explains a consent-required refusal and offers the agreements', async () => {
    const user = userEvent.setup();
    let listed = 0;
    mockApi({
      'GET /api/v1/agreements': () => jsonResponse(listed++ === 0 ? [] : [agreement]),
      'POST /api/v1/auth/eds/challenge': challenge,
      'POST /api/v1/accounts': () =>
        problemResponse({ type: 'consent-required', title: 'Consent required', status: 403, detail: 'Accept.' }),
    });
    renderApp('/register');
    await waitFor(() => expect(listed).toBe(1));
    await signStepOne(user);
    await fillStepTwo(user);

    expect(await screen.findByRole('alert')).toHaveTextContent(kk.register.consents.required);
    await user.click(screen.getByRole('button', { name: kk.register.consents.review }));

    expect(await screen.findByRole('heading', { level: 2, name: kk.register.consents.heading })).toBeVisible();
    expect(screen.getByRole('heading', { level: 3, name: agreement.title.kk })).toBeVisible();
  });
});
