// "My consents": withdrawing a personal-data consent is a signed act. "Withdraw" reads the
// statement (GET …/withdrawal) and shows its sentence, in the consent's language, with its digest;
// the digest is signed with the SIGN key and sent with the signature (POST …/withdraw); the API's
// refusals (a permit request in progress, a statement changed meanwhile) are shown in words.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo } from '@/testing/api-responses';
import { MyConsents, type RenderSigner } from './my-consents';

const m = kk.consents.mine;
const PERSONAL_ID = '0193a0c4-0000-7000-8000-000000000003';
const TERMS_ID = '0193a0c4-0000-7000-8000-000000000002';
const CONSENT_ID = '0193a0c4-0000-7000-8000-0000000000c1';
const DIGEST = '7'.repeat(64);
const SENTENCE =
  'Я отзываю своё согласие на сбор и обработку персональных данных (версия 1), данное 2026-11-24.';

const agreement = (id: string, kind: 'terms' | 'personal_data', title: string) => ({
  id,
  kind,
  version: 1,
  title: { kk: title, ru: title, en: title },
  body: { kk: 'Мәтін.', ru: 'Текст.', en: 'Text.' },
  body_sha256: { kk: 'a'.repeat(64), ru: 'b'.repeat(64), en: 'c'.repeat(64) },
  details: null,
  published_at: '2026-11-21T10:00:00Z',
  effective_at: '2026-11-21T10:00:00Z',
  status: 'in_force',
});

const consent = (id: string, agreementId: string, action: 'accepted' | 'withdrawn', recordedAt: string) => ({
  id,
  agreement_id: agreementId,
  action,
  document_sha256: 'b'.repeat(64),
  language: 'ru',
  channel: 'web',
  signer_serial: '01',
  recorded_at: recordedAt,
  record_hash: 'd'.repeat(64),
});

const accepted = consent(CONSENT_ID, PERSONAL_ID, 'accepted', '2026-11-24T10:00:00Z');
const terms = consent('0193a0c4-0000-7000-8000-0000000000c0', TERMS_ID, 'accepted', '2026-11-24T09:59:00Z');
const withdrawn = consent('0193a0c4-0000-7000-8000-0000000000c2', PERSONAL_ID, 'withdrawn', '2026-11-25T10:00:00Z');

const statement = {
  statement: {
    act: 'personal-data-consent-withdrawal',
    account: { id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f', iin: '850314301834' },
    agreement: { id: PERSONAL_ID, version: 1, document_sha256: 'b'.repeat(64) },
    consent_record: CONSENT_ID,
    accepted_at: accepted.recorded_at,
    language: 'ru',
    statement: SENTENCE,
  },
  digest: DIGEST,
};

const LIST = 'GET /api/v1/consents';
const STATEMENT = `GET /api/v1/consents/${CONSENT_ID}/withdrawal`;
const WITHDRAW = `POST /api/v1/consents/${CONSENT_ID}/withdraw`;

/** Stands in for the `eds` feature's signer: "signs" each text as `sig:<text>`. */
const fakeSigner: RenderSigner = (texts, onSigned, label) => (
  <button type="button" onClick={() => void onSigned({ signatures: texts.map((text) => `sig:${text}`), holder: null })}>
    {label}
  </button>
);

function mockConsents(answers: Parameters<typeof mockApi>[0], list: () => unknown[] = () => [terms, accepted]) {
  return mockApi({
    [LIST]: () => jsonResponse(list()),
    [`GET /api/v1/agreements/${PERSONAL_ID}`]: () =>
      jsonResponse(agreement(PERSONAL_ID, 'personal_data', 'Дербес деректерді өңдеуге келісім')),
    [`GET /api/v1/agreements/${TERMS_ID}`]: () => jsonResponse(agreement(TERMS_ID, 'terms', 'Пайдаланушы келісімі')),
    ...answers,
  });
}

function renderConsents() {
  render(
    <MemoryRouter>
      <MyConsents linkTo={(id) => `/agreements/${id}`} renderSigner={fakeSigner} />
    </MemoryRouter>,
  );
}

describe('MyConsents', () => {
  it('offers to withdraw only the personal-data consent', async () => {
    mockConsents({});
    renderConsents();

    const table = await screen.findByRole('table', { name: m.caption });
    expect(within(table).getAllByRole('button', { name: m.withdraw })).toHaveLength(1);
    const row = within(table).getByRole('row', { name: /Дербес деректерді өңдеуге келісім/ });
    expect(within(row).getByRole('button', { name: m.withdraw })).toBeVisible();
  });

  it('shows the statement’s sentence, signs its digest and sends the digest with the signature', async () => {
    const user = userEvent.setup();
    let done = false;
    const fetchMock = mockConsents(
      {
        [STATEMENT]: () => jsonResponse(statement),
        [WITHDRAW]: () => {
          done = true;
          return jsonResponse(withdrawn, 201);
        },
      },
      () => (done ? [terms, accepted, withdrawn] : [terms, accepted]),
    );
    renderConsents();

    await user.click(await screen.findByRole('button', { name: m.withdraw }));

    const panel = await screen.findByTestId('consent-withdrawal');
    const heading = within(panel).getByRole('heading', { level: 3, name: m.withdrawHeading });
    expect(heading).toHaveFocus();
    // The sentence as the API words it, in the language the consent was given in.
    const sentence = within(panel).getByTestId('withdrawal-statement');
    expect(sentence).toHaveTextContent(SENTENCE);
    expect(sentence).toHaveAttribute('lang', 'ru');
    expect(within(panel).getByTestId('withdrawal-digest')).toHaveTextContent(DIGEST);
    expect(requestsTo(fetchMock, WITHDRAW)).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: m.withdrawSign }));

    await waitFor(() => expect(screen.queryByTestId('consent-withdrawal')).toBeNull());
    expect(await requestsTo(fetchMock, WITHDRAW)[0]?.json()).toEqual({ digest: DIGEST, signature: `sig:${DIGEST}` });
    expect(screen.getByRole('status')).toHaveTextContent(m.withdrawn);
    // The list is read again: the withdrawal is in it, and nothing is left to withdraw.
    expect(await screen.findByRole('row', { name: new RegExp(kk.consents.actions.withdrawn) })).toBeVisible();
    expect(screen.queryByRole('button', { name: m.withdraw })).toBeNull();
    expect(requestLog(fetchMock).filter((line) => !line.startsWith('GET /api/v1/agreements/'))).toEqual([
      LIST,
      STATEMENT,
      WITHDRAW,
      LIST,
    ]);
  });

  it('shows why a withdrawal is refused while a permit request is in progress (409 legal-hold)', async () => {
    const user = userEvent.setup();
    mockConsents({
      [STATEMENT]: () => jsonResponse(statement),
      [WITHDRAW]: () =>
        problemResponse({
          type: 'legal-hold',
          title: 'Өтінім қаралып жатыр',
          status: 409,
          detail: 'A permit request is in progress.',
        }),
    });
    renderConsents();

    await user.click(await screen.findByRole('button', { name: m.withdraw }));
    await user.click(await screen.findByRole('button', { name: m.withdrawSign }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Өтінім қаралып жатыр');
    expect(alert).toHaveTextContent(m.legalHold);
    expect(alert).not.toHaveTextContent('A permit request is in progress.');
    // Still there to read; "Do not withdraw" closes it.
    expect(screen.getByTestId('withdrawal-statement')).toHaveTextContent(SENTENCE);
    await user.click(screen.getByRole('button', { name: m.withdrawCancel }));
    expect(screen.queryByTestId('consent-withdrawal')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes the person back to the list when the statement changed before it was signed (409 conflict)', async () => {
    const user = userEvent.setup();
    const fetchMock = mockConsents({
      [STATEMENT]: () => jsonResponse(statement),
      [WITHDRAW]: () => problemResponse({ type: 'conflict', title: 'Қайшылық', status: 409, detail: 'Read it again.' }),
    });
    renderConsents();

    await user.click(await screen.findByRole('button', { name: m.withdraw }));
    await user.click(await screen.findByRole('button', { name: m.withdrawSign }));

    expect(await screen.findByRole('alert')).toHaveTextContent(m.changed);
    expect(screen.queryByTestId('consent-withdrawal')).toBeNull();
    await waitFor(() => expect(requestsTo(fetchMock, LIST)).toHaveLength(2));
  });

  it('explains a signature with another person’s key', async () => {
    const user = userEvent.setup();
    mockConsents({
      [STATEMENT]: () => jsonResponse(statement),
      [WITHDRAW]: () => problemResponse({ type: 'eds-identity-mismatch', title: 'Басқа адамның кілті', status: 403 }),
    });
    renderConsents();

    await user.click(await screen.findByRole('button', { name: m.withdraw }));
    await user.click(await screen.findByRole('button', { name: m.withdrawSign }));

    expect(await screen.findByRole('alert')).toHaveTextContent(m.otherPerson);
    expect(screen.getByTestId('consent-withdrawal')).toBeVisible();
  });

  it('shows the refusal to read the statement of a consent withdrawn already', async () => {
    const user = userEvent.setup();
    const fetchMock = mockConsents({
      [STATEMENT]: () =>
        problemResponse({ type: 'conflict', title: 'Қайшылық', status: 409, detail: 'This consent is withdrawn already.' }),
    });
    renderConsents();

    await user.click(await screen.findByRole('button', { name: m.withdraw }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Қайшылық');
    expect(alert).toHaveTextContent('This consent is withdrawn already.');
    expect(screen.queryByTestId('consent-withdrawal')).toBeNull();
    expect(requestsTo(fetchMock, WITHDRAW)).toHaveLength(0);
  });
});
