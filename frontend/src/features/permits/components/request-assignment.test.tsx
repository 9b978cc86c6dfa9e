// Handing a request to a reviewer: the organisation's reviewers come from its staff list, read
// when the form opens; a request that has a reviewer passes to another only with a reason, asked
// for before anything is sent; the server's refusals are shown in its words, at the field it names.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo } from '@/testing/api-responses';
import { LEAD_ID, REVIEWER_ID, staffView } from '@/testing/back-office-fixtures';
import { permitRequest, REQUEST_ID } from '@/testing/permit-fixtures';
import type { PermitRequest, PermitsViewer } from '../api/permit-types';
import { RequestAssignment } from './request-assignment';

const s = kk.permits.assign;
const LEAD: PermitsViewer = { id: LEAD_ID, role: 'reviewer', kind: 'legal_entity' };
const ASSIGN = `POST /api/v1/permit-requests/${REQUEST_ID}/assign`;
const STAFF = 'GET /api/v1/organisations/department/staff';
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

function renderAssignment(request: PermitRequest, onDone = vi.fn()) {
  render(
    <MemoryRouter>
      <RequestAssignment request={request} viewer={LEAD} onDone={onDone} />
    </MemoryRouter>,
  );
  return onDone;
}

const heldByDinara = () =>
  permitRequest({ status: 'in_review', assignee_id: REVIEWER_ID, assignee_name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ', actions: ['assign'] });

describe('RequestAssignment', () => {
  it('reads the reviewers only when opened, the reader first, the current one left out', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [STAFF]: () => jsonResponse(staffView()) });
    renderAssignment(heldByDinara());

    const toggle = screen.getByRole('button', { name: s.toggle });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(requestLog(fetchMock)).toEqual([]);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const reviewer = await screen.findByRole('combobox', { name: s.reviewer });
    expect(within(reviewer).getAllByRole('option').map((option) => option.textContent)).toEqual([
      fill(kk.permits.team.you, { name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' }),
    ]);
    expect(screen.getByText(fill(s.introHandover, { name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ' }))).toBeVisible();
    expect(requestLog(fetchMock)).toEqual([STAFF]);
  });

  it('asks why a request passes from its reviewer to another before sending, then sends the reason', async () => {
    const user = userEvent.setup();
    const updated = permitRequest({ status: 'in_review', assignee_id: LEAD_ID, assignee_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' });
    const fetchMock = mockApi({ [STAFF]: () => jsonResponse(staffView()), [ASSIGN]: () => jsonResponse(updated) });
    const onDone = renderAssignment(heldByDinara());

    await user.click(screen.getByRole('button', { name: s.toggle }));
    await user.click(await screen.findByRole('button', { name: s.submit }));
    const reason = screen.getByRole('textbox', { name: s.reason });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining(s.reasonMissing));
    expect(reason).toHaveFocus();
    expect(requestsTo(fetchMock, ASSIGN)).toHaveLength(0);

    await user.type(reason, 'Демалыста');
    await user.click(screen.getByRole('button', { name: s.submit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, fill(s.done, { name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' })));
    expect(await requestsTo(fetchMock, ASSIGN)[0]?.json()).toEqual({ assignee_id: LEAD_ID, reason: 'Демалыста' });
  });

  it('needs no reason for a request no one holds', async () => {
    const user = userEvent.setup();
    const updated = permitRequest({ assignee_id: REVIEWER_ID, assignee_name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ' });
    const fetchMock = mockApi({ [STAFF]: () => jsonResponse(staffView()), [ASSIGN]: () => jsonResponse(updated) });
    const onDone = renderAssignment(permitRequest({ actions: ['assign', 'accept'] }));

    await user.click(screen.getByRole('button', { name: s.toggle }));
    const reviewer = await screen.findByRole('combobox', { name: s.reviewer });
    expect(within(reviewer).getAllByRole('option')).toHaveLength(2);
    expect(reviewer).toHaveValue(LEAD_ID);
    expect(screen.getByRole('textbox', { name: new RegExp(s.reason) })).toHaveAccessibleName(expect.stringContaining(kk.form.optional));
    await user.selectOptions(reviewer, REVIEWER_ID);
    await user.click(screen.getByRole('button', { name: s.submit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, fill(s.done, { name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ' })));
    expect(await requestsTo(fetchMock, ASSIGN)[0]?.json()).toEqual({ assignee_id: REVIEWER_ID, reason: null });
  });

  it('shows the server’s refusal, at the reason when it names it', async () => {
    const user = userEvent.setup();
    mockApi({
      [STAFF]: () => jsonResponse(staffView()),
      [ASSIGN]: () =>
        problemResponse({
          type: 'validation',
          title: 'Деректер тексеруден өтпеді',
          status: 422,
          errors: [{ field: 'reason', code: 'length', message: 'length' }],
        }),
    });
    const onDone = renderAssignment(heldByDinara());

    await user.click(screen.getByRole('button', { name: s.toggle }));
    await user.type(await screen.findByRole('textbox', { name: s.reason }), 'ә');
    await user.click(screen.getByRole('button', { name: s.submit }));

    const reason = screen.getByRole('textbox', { name: s.reason });
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.length));
    expect(screen.getByRole('alert')).toHaveTextContent(kk.problems.types.validation);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows a conflict in the server’s words', async () => {
    const user = userEvent.setup();
    mockApi({
      [STAFF]: () => jsonResponse(staffView()),
      [ASSIGN]: () =>
        problemResponse({ type: 'conflict', title: 'Қайшылық', status: 409, detail: 'Өтінім осы қараушыға бұрыннан тағайындалған.' }),
    });
    renderAssignment(heldByDinara());

    await user.click(screen.getByRole('button', { name: s.toggle }));
    await user.type(await screen.findByRole('textbox', { name: s.reason }), 'Демалыста');
    await user.click(screen.getByRole('button', { name: s.submit }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Өтінім осы қараушыға бұрыннан тағайындалған.');
  });

  it('says when there is no one else to assign to', async () => {
    const user = userEvent.setup();
    mockApi({
      [STAFF]: () =>
        jsonResponse(staffView({ staff: [{ account_id: LEAD_ID, full_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ', email: 'timur@example.kz', open: 1, overdue: 0, due_this_week: 0 }] })),
    });
    renderAssignment(permitRequest({ status: 'in_review', assignee_id: LEAD_ID, assignee_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ', actions: ['assign'] }));

    await user.click(screen.getByRole('button', { name: s.toggle }));
    expect(await screen.findByText(s.noOne)).toBeVisible();
  });
});
