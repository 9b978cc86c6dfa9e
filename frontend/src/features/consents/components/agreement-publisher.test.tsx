// Publishing an agreement version: the effective date is proposed three days ahead, with
// the notice explained (and the first version of a kind offered to take effect at once); the
// whole version, in each language, is shown to be confirmed before anything is sent.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, requestsTo } from '@/testing/api-responses';
import { AgreementPublisher } from './agreement-publisher';

const pub = kk.consents.publish;
const PUBLISH = 'POST /api/v1/admin/agreements';
const DAY = 24 * 3_600_000;

const inForce = {
  id: '0193a0c4-0000-7000-8000-000000000003',
  kind: 'terms',
  version: 1,
  title: { kk: 'Келісім', ru: 'Соглашение', en: 'Agreement' },
  body: { kk: 'Мәтін.', ru: 'Текст.', en: 'Text.' },
  body_sha256: { kk: 'a'.repeat(64), ru: 'b'.repeat(64), en: 'c'.repeat(64) },
  details: null,
  published_at: '2026-11-21T10:00:00Z',
  effective_at: '2026-11-21T10:00:00Z',
  status: 'in_force',
};

function serve(existing: unknown[]) {
  return mockApi({
    'GET /api/v1/agreements': () => jsonResponse(existing),
    [PUBLISH]: async (request) => jsonResponse({ ...inForce, ...((await request.json()) as object), version: 2 }, 201),
  });
}

const effectiveInput = () => screen.getByLabelText(pub.effectiveAt);

async function fillTexts(user: ReturnType<typeof userEvent.setup>) {
  for (const [language, autonym] of [
    ['kk', 'Қазақша'],
    ['ru', 'Русский'],
    ['en', 'English'],
  ] as const) {
    const group = screen.getByRole('group', { name: pub.textIn.replace('{{language}}', autonym) });
    await user.type(within(group).getByRole('textbox', { name: pub.title.replace('{{language}}', autonym) }), `Шарт ${language}`);
    await user.type(within(group).getByRole('textbox', { name: pub.body.replace('{{language}}', autonym) }), `Мәтін ${language}.`);
  }
}

describe('publishing an agreement version', () => {
  it('proposes to take effect three days ahead and says why', () => {
    serve([inForce]);
    render(<AgreementPublisher />);

    const proposed = new Date((effectiveInput() as HTMLInputElement).value).getTime();
    expect(proposed - Date.now()).toBeGreaterThanOrEqual(3 * DAY);
    expect(proposed - Date.now()).toBeLessThan(3 * DAY + 3 * 3_600_000);
    expect(effectiveInput()).toHaveAccessibleDescription(pub.effectiveHint);
  });

  it('offers the first version of a kind, and only it, to take effect at once', async () => {
    const user = userEvent.setup();
    serve([inForce]);
    render(<AgreementPublisher />);

    // Terms are in force; the personal-data consent has no version yet.
    await user.selectOptions(screen.getByRole('combobox', { name: pub.kind }), 'personal_data');
    const first = await screen.findByTestId('first-version');
    expect(first).toHaveTextContent(pub.firstVersion.replace('{{kind}}', kk.consents.kinds.personal_data));
    await user.selectOptions(screen.getByRole('combobox', { name: pub.kind }), 'terms');
    expect(screen.queryByTestId('first-version')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: pub.kind }), 'personal_data');
    await user.click(within(screen.getByTestId('first-version')).getByRole('button', { name: pub.atOnce }));
    expect(effectiveInput()).toHaveValue('');
  });

  it('asks for the title and text in every language before showing anything to confirm', async () => {
    const user = userEvent.setup();
    const fetchMock = serve([inForce]);
    render(<AgreementPublisher />);

    await user.click(screen.getByRole('button', { name: pub.submit }));

    expect(screen.getByRole('textbox', { name: pub.title.replace('{{language}}', 'Қазақша') })).toHaveAccessibleDescription(
      expect.stringContaining(kk.fieldErrors.required),
    );
    expect(screen.queryByTestId('agreement-review')).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, PUBLISH)).toEqual([]);
  });

  it('shows the whole version in each language and sends it only once confirmed', async () => {
    const user = userEvent.setup();
    const fetchMock = serve([inForce]);
    render(<AgreementPublisher />);
    await fillTexts(user);
    const chosen = (effectiveInput() as HTMLInputElement).value;

    await user.click(screen.getByRole('button', { name: pub.submit }));

    const review = screen.getByTestId('agreement-review');
    expect(within(review).getByRole('heading', { level: 2, name: pub.review.heading })).toHaveFocus();
    for (const language of ['kk', 'ru', 'en']) {
      expect(within(review).getByRole('heading', { level: 3, name: `Шарт ${language}` })).toBeVisible();
      expect(within(review).getByText(`Мәтін ${language}.`)).toBeVisible();
    }
    const [date = '', time = ''] = chosen.split('T');
    const [year, month, day] = date.split('-');
    expect(within(review).getByTestId('agreement-review-effective')).toHaveTextContent(
      pub.review.effective.replace('{{date}}', `${day}.${month}.${year}, ${time}`),
    );
    expect(requestsTo(fetchMock, PUBLISH)).toEqual([]);

    // Back to the form, with everything kept; then on to publishing.
    await user.click(within(review).getByRole('button', { name: pub.review.back }));
    expect(screen.getByRole('combobox', { name: pub.kind })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: pub.title.replace('{{language}}', 'English') })).toHaveValue('Шарт en');
    await user.click(screen.getByRole('button', { name: pub.submit }));
    await user.click(screen.getByRole('button', { name: pub.review.confirm }));

    await waitFor(() => expect(requestsTo(fetchMock, PUBLISH)).toHaveLength(1));
    const [sent] = requestsTo(fetchMock, PUBLISH);
    expect(await sent?.json()).toMatchObject({
      kind: 'terms',
      title: { kk: 'Шарт kk', ru: 'Шарт ru', en: 'Шарт en' },
      body: { kk: 'Мәтін kk.', ru: 'Мәтін ru.', en: 'Мәтін en.' },
      effective_at: new Date(chosen).toISOString(),
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      pub.published.replace('{{version}}', '2').replace('{{date}}', `${day}.${month}.${year}, ${time}`),
    );
  });
});
