// "People preparing this request" follows `actions`: the applicant's side invites by email (the
// address checked before it is sent), sees whom it invited and takes an invitation back once it
// confirms; someone invited is told that the applicant signs; staff see nothing of it. A refusal
// from the API is shown in the page's language.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '@/i18n';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, noContent, problemResponse, requestsTo } from '@/testing/api-responses';
import { permitRequest, REQUEST_ID } from '@/testing/permit-fixtures';
import type { CoApplicant, PermitRequest, PermitsViewer } from '../api/permit-types';
import { CoApplicants } from './co-applicants';

const c = kk.permits.coApplicants;
const INVITE = `POST /api/v1/permit-requests/${REQUEST_ID}/co-applicants`;
const MEMBER_ID = '0193a0c4-0000-7000-8000-0000000000c1';
const REMOVE = `DELETE /api/v1/permit-requests/${REQUEST_ID}/co-applicants/${MEMBER_ID}`;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

const designer: CoApplicant = { id: MEMBER_ID, email: 'designer@studio.kz', invited_at: '2026-11-24T09:55:00Z' };

function draft(overrides: Partial<PermitRequest> = {}): PermitRequest {
  return permitRequest({ status: 'draft', number: null, submitted_at: null, ...overrides });
}

const APPLICANT: PermitsViewer = { id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f', role: 'applicant', kind: 'individual' };
const DESIGNER: PermitsViewer = { id: '0193a0c4-0000-7000-8000-0000000000e2', role: 'applicant', kind: 'individual' };
const REVIEWER: PermitsViewer = { id: '0193a0c4-0000-7000-8000-0000000000e1', role: 'reviewer', kind: 'legal_entity' };

function renderPeople(request: PermitRequest, viewer = APPLICANT) {
  const onChanged = vi.fn();
  const view = render(<CoApplicants request={request} viewer={viewer} onChanged={onChanged} />);
  return { onChanged, ...view };
}

describe('CoApplicants', () => {
  it('lets the applicant of a draft invite people, and lists whom they invited', () => {
    renderPeople(draft({ actions: ['edit', 'submit', 'withdraw', 'invite'], co_applicants: [designer] }));

    const panel = screen.getByRole('region', { name: c.heading });
    expect(panel).toHaveTextContent(c.intro);
    const invited = within(panel).getByRole('list', { name: c.listLabel });
    expect(within(invited).getByRole('listitem')).toHaveTextContent('designer@studio.kz');
    expect(within(invited).getByRole('button', { name: fill(c.removeOf, { email: 'designer@studio.kz' }) })).toBeVisible();
    const form = within(panel).getByRole('form', { name: c.inviteHeading });
    expect(within(form).getByRole('textbox', { name: c.email })).toHaveAttribute('type', 'email');
  });

  it('says when no one is invited yet', () => {
    renderPeople(draft({ actions: ['edit', 'submit', 'invite'] }));
    expect(screen.getByText(c.none)).toBeVisible();
  });

  it('tells someone invited that the applicant signs and submits, and nothing more', () => {
    renderPeople(draft({ actions: ['edit'], co_applicants: [designer] }), DESIGNER);

    const panel = screen.getByRole('region', { name: c.heading });
    expect(within(panel).getByTestId('co-applicant-notice')).toHaveTextContent(c.youAreInvited);
    expect(within(panel).queryByRole('list')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('form')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the applicant take back an invitation to a submitted request, but invite no one', () => {
    renderPeople(permitRequest({ actions: ['withdraw'], co_applicants: [designer] }));
    expect(screen.getByRole('list', { name: c.listLabel })).toHaveTextContent('designer@studio.kz');
    expect(screen.getByRole('button', { name: fill(c.removeOf, { email: 'designer@studio.kz' }) })).toBeVisible();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('shows someone invited a submitted request’s invitations without buttons, and staff nothing at all', () => {
    renderPeople(permitRequest({ actions: [], co_applicants: [designer] }), DESIGNER);
    expect(screen.getByRole('list', { name: c.listLabel })).toHaveTextContent('designer@studio.kz');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();

    const { container } = renderPeople(permitRequest({ actions: ['assign', 'accept'] }), REVIEWER);
    expect(container).toBeEmptyDOMElement();
    const { container: nothingToShow } = renderPeople(permitRequest({ actions: [] }), DESIGNER);
    expect(nothingToShow).toBeEmptyDOMElement();
  });

  it('checks the address before inviting', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [INVITE]: () => jsonResponse(designer, 201) });
    renderPeople(draft({ actions: ['edit', 'invite'] }));
    const email = screen.getByRole('textbox', { name: c.email });

    await user.click(screen.getByRole('button', { name: c.inviteSubmit }));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.required));
    expect(email).toHaveFocus();

    await user.type(email, 'designer at studio');
    await user.click(screen.getByRole('button', { name: c.inviteSubmit }));
    expect(email).toHaveAccessibleDescription(expect.stringContaining(kk.fieldErrors.email));
    expect(requestsTo(fetchMock, INVITE)).toHaveLength(0);
  });

  it('invites by email and announces it', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [INVITE]: () => jsonResponse(designer, 201) });
    const { onChanged } = renderPeople(draft({ actions: ['edit', 'invite'] }));
    const email = screen.getByRole('textbox', { name: c.email });

    await user.type(email, ' Designer@Studio.kz ');
    await user.click(screen.getByRole('button', { name: c.inviteSubmit }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(fill(c.invited, { email: 'designer@studio.kz' })));
    expect(await requestsTo(fetchMock, INVITE)[0]?.json()).toEqual({ email: 'Designer@Studio.kz' });
    expect(email).toHaveValue('');
  });

  it('says in its own words that one cannot invite oneself', async () => {
    const user = userEvent.setup();
    mockApi({
      [INVITE]: () =>
        problemResponse({
          type: 'validation',
          title: 'Деректер тексеруден өтпеді',
          status: 422,
          errors: [{ field: 'email', code: 'self', message: 'басқа адамды шақырыңыз' }],
        }),
    });
    const { onChanged } = renderPeople(draft({ actions: ['edit', 'invite'] }));
    const email = screen.getByRole('textbox', { name: c.email });

    await user.type(email, 'asan@example.kz');
    await user.click(screen.getByRole('button', { name: c.inviteSubmit }));

    await waitFor(() => expect(email).toHaveAccessibleDescription(expect.stringContaining(c.notYourself)));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows an address invited already as the API refuses it, in the page’s language', async () => {
    await i18n.changeLanguage('en');
    const e = en.permits.coApplicants;
    const user = userEvent.setup();
    const fetchMock = mockApi({
      [INVITE]: () =>
        problemResponse({
          type: 'conflict',
          title: 'Conflict',
          status: 409,
          detail: 'This address is invited to the request already.',
        }),
    });
    const { onChanged } = renderPeople(draft({ actions: ['edit', 'invite'], co_applicants: [designer] }));

    await user.type(screen.getByRole('textbox', { name: e.email }), 'designer@studio.kz');
    await user.click(screen.getByRole('button', { name: e.inviteSubmit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent(en.problems.types.conflict);
    expect(alert).toHaveTextContent('This address is invited to the request already.');
    expect(requestsTo(fetchMock, INVITE)[0]?.headers.get('Accept-Language')).toBe('en');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('takes an invitation back only once it is confirmed', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [REMOVE]: () => noContent() });
    const { onChanged } = renderPeople(draft({ actions: ['edit', 'invite'], co_applicants: [designer] }));
    const removeName = fill(c.removeOf, { email: 'designer@studio.kz' });

    // Asked, then kept: nothing is sent and the focus goes back to the button.
    await user.click(screen.getByRole('button', { name: removeName }));
    const question = screen.getByRole('group', { name: fill(c.removeQuestion, { email: 'designer@studio.kz' }) });
    expect(within(question).getByRole('button', { name: c.removeConfirm })).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: c.keep }));
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: removeName })).toHaveFocus();
    expect(requestsTo(fetchMock, REMOVE)).toHaveLength(0);

    // Asked and confirmed.
    await user.click(screen.getByRole('button', { name: removeName }));
    await user.click(screen.getByRole('button', { name: c.removeConfirm }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(fill(c.removed, { email: 'designer@studio.kz' })));
    expect(requestsTo(fetchMock, REMOVE)).toHaveLength(1);
  });
});
