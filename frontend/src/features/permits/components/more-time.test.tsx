// "More time" follows `actions`: the day to answer while corrections are requested, the
// applicant's ask (working days and a reason, checked before it is sent), the reviewer's answer
// to a pending ask (a refusal needs a reason), and every ask with its outcome; a refusal from the
// API is shown in the page's language.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '@/i18n';
import kk from '@/i18n/locales/kk.json';
import ru from '@/i18n/locales/ru.json';
import { jsonResponse, mockApi, problemResponse, requestsTo } from '@/testing/api-responses';
import { permitRequest, REQUEST_ID } from '@/testing/permit-fixtures';
import type { Extension, PermitRequest } from '../api/permit-types';
import { MoreTime } from './more-time';

const m = kk.permits.moreTime;
const ASK = `POST /api/v1/permit-requests/${REQUEST_ID}/extension`;
const DECIDE = `POST /api/v1/permit-requests/${REQUEST_ID}/extension/decision`;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

function extension(overrides: Partial<Extension> = {}): Extension {
  return {
    id: '0193a0c4-0000-7000-8000-0000000000b1',
    days: 5,
    reason: 'Геодезист келесі аптада келеді',
    status: 'pending',
    decision_comment: null,
    created_at: '2026-11-26T05:00:00Z',
    decided_at: null,
    ...overrides,
  };
}

/** A request waiting on the applicant's corrections, to be answered by 10 December 2026. */
function correcting(overrides: Partial<PermitRequest> = {}): PermitRequest {
  return permitRequest({
    status: 'corrections_requested',
    paused: true,
    corrections: [{ field: 'apz_number', message: 'СЖТ нөмірі қате' }],
    corrections_due: '2026-12-10',
    ...overrides,
  });
}

function renderMoreTime(request: PermitRequest, staff = false) {
  const onDone = vi.fn();
  const view = render(<MoreTime request={request} staff={staff} onDone={onDone} />);
  return { onDone, ...view };
}

describe('MoreTime', () => {
  it('shows nothing for a request that never waited on corrections', () => {
    const { container } = renderMoreTime(permitRequest({ status: 'in_review', actions: ['withdraw'] }));
    expect(container).toBeEmptyDOMElement();
  });

  it('tells the applicant the day to answer and offers to ask for more time', () => {
    renderMoreTime(correcting({ actions: ['edit', 'submit', 'withdraw', 'ask_extension'] }));

    const panel = screen.getByRole('region', { name: m.heading });
    expect(within(panel).getByTestId('answer-by')).toHaveTextContent(fill(m.answerBy, { day: '10.12.2026' }));
    const form = within(panel).getByRole('form', { name: m.askHeading });
    expect(form).toHaveTextContent(m.askIntro);
    expect(within(form).getByRole('spinbutton', { name: m.days })).toBeVisible();
    expect(within(form).getByRole('textbox', { name: m.reason })).toBeVisible();
    expect(screen.queryByRole('button', { name: m.grant })).not.toBeInTheDocument();
  });

  it('tells the applicant a pending ask awaits the reviewer, and offers no second one', () => {
    renderMoreTime(correcting({ actions: ['edit', 'submit', 'withdraw'], extensions: [extension()] }));

    expect(screen.getByText(fill(m.waiting, { count: 5 }))).toBeVisible();
    expect(screen.queryByRole('form', { name: m.askHeading })).not.toBeInTheDocument();
    const asks = within(screen.getByRole('list', { name: m.asksHeading })).getAllByRole('listitem');
    expect(asks).toHaveLength(1);
    expect(asks[0]).toHaveTextContent(m.outcome.pending);
  });

  it('shows the reviewer the pending ask with its days and reason, to grant or refuse', () => {
    renderMoreTime(correcting({ actions: ['assign', 'decide_extension'], extensions: [extension()] }), true);

    const pending = screen.getByRole('form', { name: m.decideHeading });
    expect(pending).toHaveTextContent(`${m.daysAsked}5`);
    expect(pending).toHaveTextContent('Геодезист келесі аптада келеді');
    expect(within(pending).getByRole('button', { name: m.grant })).toBeVisible();
    expect(within(pending).getByRole('button', { name: m.refuse })).toBeVisible();
    expect(screen.queryByRole('form', { name: m.askHeading })).not.toBeInTheDocument();
    expect(screen.queryByText(fill(m.waiting, { count: 5 }))).not.toBeInTheDocument();
  });

  it('lists the past asks with their outcome in words, and the reviewer’s reason for a refusal', () => {
    renderMoreTime(
      permitRequest({
        status: 'in_review',
        extensions: [
          extension({ status: 'granted', decided_at: '2026-11-27T06:00:00Z' }),
          extension({
            id: '0193a0c4-0000-7000-8000-0000000000b2',
            days: 10,
            reason: 'Тағы',
            status: 'refused',
            decision_comment: 'Түсірілім үш күн алады',
            decided_at: '2026-12-01T06:00:00Z',
          }),
        ],
      }),
    );

    expect(screen.queryByTestId('answer-by')).not.toBeInTheDocument();
    const [granted, refused] = within(screen.getByRole('list', { name: m.asksHeading })).getAllByRole('listitem');
    expect(granted).toHaveTextContent(m.outcome.granted);
    expect(granted).toHaveTextContent(`${m.daysAsked}: 5`);
    expect(refused).toHaveTextContent(m.outcome.refused);
    expect(refused).toHaveTextContent(`${m.reviewerComment}: Түсірілім үш күн алады`);
  });

  it('checks the days and the reason before asking', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [ASK]: () => jsonResponse(correcting()) });
    renderMoreTime(correcting({ actions: ['ask_extension'] }));
    const days = screen.getByRole('spinbutton', { name: m.days });
    const reason = screen.getByRole('textbox', { name: m.reason });
    const submit = screen.getByRole('button', { name: m.askSubmit });

    await user.click(submit);
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveAccessibleDescription(expect.stringContaining(fill(m.daysInvalid, { max: 30 })));
    expect(days).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(expect.stringContaining(m.reasonMissing));

    await user.type(days, '31');
    await user.type(reason, 'Геодезист');
    await user.click(submit);
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(reason).not.toHaveAttribute('aria-invalid');
    expect(requestsTo(fetchMock, ASK)).toHaveLength(0);
  });

  it('sends the working days and the reason, and announces the ask', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [ASK]: () => jsonResponse(correcting({ extensions: [extension()] })) });
    const { onDone } = renderMoreTime(correcting({ actions: ['ask_extension'] }));

    await user.type(screen.getByRole('spinbutton', { name: m.days }), '5');
    await user.type(screen.getByRole('textbox', { name: m.reason }), '  Геодезист келесі аптада келеді ');
    await user.click(screen.getByRole('button', { name: m.askSubmit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(m.asked));
    expect(await requestsTo(fetchMock, ASK)[0]?.json()).toEqual({ days: 5, reason: 'Геодезист келесі аптада келеді' });
  });

  it('needs a reason to refuse more time, and sends none to grant it', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      [DECIDE]: () =>
        jsonResponse(correcting({ corrections_due: '2026-12-17', extensions: [extension({ status: 'granted' })] })),
    });
    const { onDone } = renderMoreTime(correcting({ actions: ['decide_extension'], extensions: [extension()] }), true);
    const comment = screen.getByRole('textbox', { name: m.comment });

    await user.click(screen.getByRole('button', { name: m.refuse }));
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(comment).toHaveAccessibleDescription(expect.stringContaining(m.commentMissing));
    expect(comment).toHaveFocus();
    expect(requestsTo(fetchMock, DECIDE)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: m.grant }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(fill(m.granted, { day: '17.12.2026' })));
    expect(await requestsTo(fetchMock, DECIDE)[0]?.json()).toEqual({ grant: true, comment: null });
  });

  it('refuses with the reviewer’s reason', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [DECIDE]: () => jsonResponse(correcting({ extensions: [extension({ status: 'refused' })] })) });
    const { onDone } = renderMoreTime(correcting({ actions: ['decide_extension'], extensions: [extension()] }), true);

    await user.type(screen.getByRole('textbox', { name: m.comment }), 'Түсірілім үш күн алады');
    await user.click(screen.getByRole('button', { name: m.refuse }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(m.refused));
    expect(await requestsTo(fetchMock, DECIDE)[0]?.json()).toEqual({ grant: false, comment: 'Түсірілім үш күн алады' });
  });

  it('shows a refusal from the API in the page’s language, and its field message beside the field', async () => {
    await i18n.changeLanguage('ru');
    const r = ru.permits.moreTime;
    const user = userEvent.setup();
    const fetchMock = mockApi({
      [ASK]: () =>
        problemResponse({
          type: 'validation',
          title: 'Ошибка проверки данных',
          status: 422,
          errors: [{ field: 'days', code: 'range', message: 'не более 20 рабочих дней за раз' }],
        }),
    });
    const { onDone } = renderMoreTime(correcting({ actions: ['ask_extension'] }));

    expect(screen.getByTestId('answer-by')).toHaveTextContent(fill(r.answerBy, { day: '10.12.2026' }));
    await user.type(screen.getByRole('spinbutton', { name: r.days }), '25');
    await user.type(screen.getByRole('textbox', { name: r.reason }), 'Геодезист');
    await user.click(screen.getByRole('button', { name: r.askSubmit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ошибка проверки данных');
    expect(alert).toHaveTextContent(ru.problems.types.validation);
    expect(screen.getByRole('spinbutton', { name: r.days })).toHaveAccessibleDescription(
      expect.stringContaining('не более 20 рабочих дней за раз'),
    );
    expect(requestsTo(fetchMock, ASK)[0]?.headers.get('Accept-Language')).toBe('ru');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows the reviewer a conflict from the API in the page’s language', async () => {
    await i18n.changeLanguage('ru');
    const r = ru.permits.moreTime;
    const user = userEvent.setup();
    mockApi({
      [DECIDE]: () =>
        problemResponse({
          type: 'conflict',
          title: 'Конфликт',
          status: 409,
          detail: 'Нет просьбы о дополнительном времени, на которую нужно ответить.',
        }),
    });
    const { onDone } = renderMoreTime(correcting({ actions: ['decide_extension'], extensions: [extension()] }), true);

    await user.click(screen.getByRole('button', { name: r.grant }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Конфликт');
    expect(alert).toHaveTextContent(ru.problems.types.conflict);
    expect(alert).toHaveTextContent('Нет просьбы о дополнительном времени');
    expect(onDone).not.toHaveBeenCalled();
  });
});
