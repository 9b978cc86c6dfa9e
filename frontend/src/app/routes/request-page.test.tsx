// A request's page says first where the request stands: its status in plain words, what happens
// next (for the applicant, or for the staff who review it), the date that matters and the working
// days left, then what the reader may do. Fingerprints and certificate serials wait under
// "Technical details", closed for the applicant.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '@/features/auth/components/auth-provider';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, tokens } from '@/testing/api-responses';
import { permitRequest, permitType, REQUEST_ID } from '@/testing/permit-fixtures';
import { renderApp } from '@/testing/render-app';

const p = kk.permits;
const REQUEST = `/api/v1/permit-requests/${REQUEST_ID}`;

type Request = ReturnType<typeof permitRequest>;

const issued = (): Partial<Request> => ({
  status: 'issued',
  due_on: '2026-12-08',
  decided_at: '2026-12-01T10:00:00Z',
  actions: [],
  decisions: [
    {
      id: '0193a0c4-0000-7000-8000-0000000000c1',
      kind: 'permit',
      number: 'AST-2026-000042-P',
      pdf_sha256: 'c'.repeat(64),
      pdf_size: 40960,
      official_name: 'НҰРЛАНОВА ДИНАРА',
      signed: true,
      signed_at: '2026-12-01T10:00:00Z',
      verify_url: 'https://saulet.example.kz/verify/AST-2026-000042?code=abc',
    },
  ],
  version_no: 1,
});

const VERSION = {
  no: 1,
  digest: 'd'.repeat(64),
  content: {},
  signer_serial: '1FB6BE70',
  created_at: '2026-11-24T10:00:00Z',
  changes: [],
};

function openRequest(overrides: Partial<Request>, role: 'applicant' | 'reviewer' = 'applicant') {
  window.localStorage.setItem(SESSION_HINT_KEY, '1');
  mockApi({
    'POST /api/v1/auth/refresh': () => jsonResponse(tokens('token-1', { role })),
    [`GET ${REQUEST}`]: () => jsonResponse(permitRequest(overrides)),
    'GET /api/v1/permit-types/sketch-approval': () => jsonResponse(permitType()),
    [`GET ${REQUEST}/history`]: () => jsonResponse([]),
    [`GET ${REQUEST}/versions`]: () => jsonResponse([VERSION]),
  });
  renderApp(`/requests/${REQUEST_ID}`);
  return screen.findByTestId('request-overview');
}

describe('where a request stands', () => {
  it('tells the applicant what the status means, the due date and the working days left', async () => {
    const overview = await openRequest({ status: 'in_review', due_on: '2026-12-08', working_days_left: 7, actions: ['withdraw'] });

    expect(overview).toHaveTextContent(p.status.in_review);
    expect(within(overview).getByTestId('status-meaning')).toHaveTextContent(p.meaning.applicant.in_review);
    expect(overview).toHaveTextContent(`${p.fields.dueOn}08.12.2026`);
    expect(within(overview).getByTestId('working-days-left')).toHaveTextContent(p.overview.dueIn.replace('{{count}}', '7'));
  });

  it('tells the staff what they have to do next', async () => {
    const overview = await openRequest({ status: 'submitted', intake_due: '2026-11-26', working_days_left: 2, actions: ['assign'] }, 'reviewer');

    expect(within(overview).getByTestId('status-meaning')).toHaveTextContent(p.meaning.staff.submitted);
    expect(overview).toHaveTextContent(`${p.fields.intakeDue}26.11.2026`);
  });

  it('says when today is the last working day', async () => {
    const lastDay = await openRequest({ status: 'in_review', working_days_left: 0 });
    expect(lastDay).toHaveTextContent(p.overview.lastDay);
  });

  it('marks a late request as overdue rather than counting days', async () => {
    const late = await openRequest({ status: 'in_review', overdue: true, working_days_left: 0 });
    expect(late).toHaveTextContent(p.due.overdue);
    expect(within(late).queryByTestId('working-days-left')).not.toBeInTheDocument();
  });

  it('gives the last day to answer corrections while the clock stands still', async () => {
    const overview = await openRequest({
      status: 'corrections_requested',
      paused: true,
      corrections_due: '2026-12-15',
      working_days_left: null,
      actions: ['edit', 'withdraw'],
    });

    expect(within(overview).getByTestId('status-meaning')).toHaveTextContent(p.meaning.applicant.corrections_requested);
    expect(overview).toHaveTextContent(`${p.overview.answerBy}15.12.2026`);
    expect(overview).toHaveTextContent(p.due.paused);
  });

  it('comes before the actions and the particulars, which name the IIN as ЖСН', async () => {
    const overview = await openRequest({ status: 'in_review', actions: ['withdraw'] });

    const actions = screen.getByRole('heading', { level: 2, name: p.actions.heading });
    const particulars = screen.getByRole('heading', { level: 2, name: p.view.particularsHeading });
    expect(overview.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(actions.compareDocumentPosition(particulars) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('request-facts')).toHaveTextContent('АСАНОВ АСАН АСАНҰЛЫ (ЖСН 850314301834)');
  });
});

describe('technical details', () => {
  it('are folded away for the applicant: the PDF’s SHA-256, the version’s fingerprint and the certificate serial', async () => {
    await openRequest(issued());

    const decision = await screen.findByTestId('decision');
    const decisionDetails = within(decision).getByTestId('technical-details');
    expect(decisionDetails).not.toHaveAttribute('open');
    expect(within(decisionDetails).getByText(p.technical.summary)).toBeVisible();
    expect(decisionDetails).toHaveTextContent('c'.repeat(64));
    expect(within(decisionDetails).getByText('c'.repeat(64))).not.toBeVisible();
    expect(within(decision).getByRole('link', { name: p.decision.verifyLink })).toBeVisible();

    const versions = await screen.findByRole('heading', { level: 3, name: p.versions.title.replace('{{number}}', '1') });
    const versionDetails = within(versions.closest('li') as HTMLElement).getByTestId('technical-details');
    expect(versionDetails).not.toHaveAttribute('open');
    expect(within(versionDetails).getByText('1FB6BE70')).not.toBeVisible();
    expect(within(versionDetails).getByText('d'.repeat(64))).not.toBeVisible();
  });

  it('are open for the staff', async () => {
    await openRequest(issued(), 'reviewer');

    const decision = await screen.findByTestId('decision');
    expect(within(decision).getByTestId('technical-details')).toHaveAttribute('open');
    expect(within(decision).getByText('c'.repeat(64))).toBeVisible();
  });
});
