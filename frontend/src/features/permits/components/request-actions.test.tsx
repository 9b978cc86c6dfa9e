// The request's actions adapt to `actions`: the applicant's links to the wizard and their forms
// (withdraw, the signed objection), and the staff's steps (assign, accept, return, itemised
// corrections, the signed preliminary refusal with grounds, the two-step signed decision, an
// approving organisation's signed answer with its document), each sending what the API expects.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, problemResponse, requestLog, requestsTo } from '@/testing/api-responses';
import { permitRequest, permitType, REQUEST_ID } from '@/testing/permit-fixtures';
import type { PermitRequest, PermitsViewer } from '../api/permit-types';
import type { RenderSigner } from '../lib/signer';
import { RequestActions } from './request-actions';

const a = kk.permits.actions;
const APPLICANT: PermitsViewer = { id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f', role: 'applicant', kind: 'individual' };
const REVIEWER: PermitsViewer = { id: '0193a0c4-0000-7000-8000-0000000000e1', role: 'reviewer', kind: 'legal_entity' };
const at = (path = '') => `/api/v1/permit-requests/${REQUEST_ID}${path}`;

/** Stands in for the `eds` feature's signer: "signs" each text as `sig:<text>`. */
const fakeSigner: RenderSigner = (texts, onSigned, label) => (
  <button type="button" onClick={() => void onSigned({ signatures: texts.map((text) => `sig:${text}`), holder: null })}>
    {label}
  </button>
);

function renderActions(request: PermitRequest, viewer: PermitsViewer, onDone = vi.fn(), onChanged = vi.fn()) {
  render(
    <MemoryRouter>
      <RequestActions
        request={request}
        type={permitType()}
        viewer={viewer}
        renderSigner={fakeSigner}
        editLink={(id, step) => `/requests/${id}/edit${step ? `?step=${step}` : ''}`}
        onDone={onDone}
        onChanged={onChanged}
      />
    </MemoryRouter>,
  );
  return onDone;
}

const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);
const linkNames = () => screen.queryAllByRole('link').map((link) => link.textContent);

describe('RequestActions', () => {
  it('shows nothing when the reader may do nothing', () => {
    renderActions(permitRequest({ actions: [] }), APPLICANT);
    expect(buttonNames()).toEqual([]);
    expect(linkNames()).toEqual([]);
  });

  it('offers the applicant of a draft to edit, sign and submit, or withdraw', () => {
    renderActions(permitRequest({ status: 'draft', number: null, actions: ['edit', 'submit', 'withdraw'] }), APPLICANT);

    expect(screen.getByRole('link', { name: a.edit })).toHaveAttribute('href', `/requests/${REQUEST_ID}/edit`);
    expect(screen.getByRole('link', { name: a.submit })).toHaveAttribute('href', `/requests/${REQUEST_ID}/edit?step=sign`);
    expect(screen.getByRole('button', { name: a.withdraw })).toHaveAttribute('aria-expanded', 'false');
    expect(buttonNames()).toEqual([a.withdraw]);
  });

  it('words the links for answering corrections', () => {
    renderActions(permitRequest({ status: 'corrections_requested', actions: ['edit', 'submit', 'withdraw'] }), APPLICANT);
    expect(linkNames()).toEqual([a.answerCorrections, a.resubmit]);
  });

  it('offers the staff of a submitted request its steps, and only those', () => {
    renderActions(permitRequest({ actions: ['assign', 'accept', 'return', 'request_corrections'] }), REVIEWER);
    expect(buttonNames()).toEqual([a.assignToMe, a.accept, a.requestCorrections, a.return]);
    expect(linkNames()).toEqual([]);
  });

  it('does not offer to assign a request already assigned to the reader', () => {
    renderActions(
      permitRequest({ status: 'in_review', assignee_id: REVIEWER.id, actions: ['assign', 'request_corrections', 'preliminary_refusal', 'approve'] }),
      REVIEWER,
    );
    expect(buttonNames()).toEqual([a.requestCorrections, a.approve, a.preliminaryRefusal]);
    expect(screen.getByText(a.assignedToYou)).toBeVisible();
  });

  it('leaves taking a request another reviewer holds to the assignment form, which asks why', () => {
    renderActions(
      permitRequest({ status: 'in_review', assignee_id: '0193a0c4-0000-7000-8000-0000000000e2', actions: ['assign', 'request_corrections'] }),
      REVIEWER,
    );
    expect(buttonNames()).toEqual([a.requestCorrections]);
    expect(screen.queryByText(a.assignedToYou)).not.toBeInTheDocument();
  });

  it('assigns to me with an empty body', async () => {
    const user = userEvent.setup();
    const updated = permitRequest({ assignee_id: REVIEWER.id });
    const fetchMock = mockApi({ [`POST ${at('/assign')}`]: () => jsonResponse(updated) });
    const onDone = renderActions(permitRequest({ actions: ['assign', 'accept'] }), REVIEWER);

    await user.click(screen.getByRole('button', { name: a.assignToMe }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.assigned));
    expect(await requestsTo(fetchMock, `POST ${at('/assign')}`)[0]?.json()).toEqual({});
  });

  it('opens one form at a time and accepts with an optional comment', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [`POST ${at('/accept')}`]: () => jsonResponse(permitRequest({ status: 'in_review' })) });
    const onDone = renderActions(permitRequest({ actions: ['assign', 'accept', 'return'] }), REVIEWER);

    await user.click(screen.getByRole('button', { name: a.return }));
    expect(screen.getByRole('button', { name: a.return })).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: a.accept }));
    expect(screen.getByRole('button', { name: a.return })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: a.returnSubmit })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: a.acceptSubmit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ status: 'in_review' }), a.accepted));
    expect(await requestsTo(fetchMock, `POST ${at('/accept')}`)[0]?.json()).toEqual({ comment: null });
  });

  it('needs a reason to return a request', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [`POST ${at('/return')}`]: () => jsonResponse(permitRequest({ status: 'returned' })) });
    renderActions(permitRequest({ actions: ['return'] }), REVIEWER);

    await user.click(screen.getByRole('button', { name: a.return }));
    await user.click(screen.getByRole('button', { name: a.returnSubmit }));
    const reason = screen.getByRole('textbox', { name: a.reason });
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();

    await user.type(reason, 'Эскиз жоқ.');
    await user.click(screen.getByRole('button', { name: a.returnSubmit }));
    await waitFor(() => expect(requestsTo(fetchMock, `POST ${at('/return')}`)).toHaveLength(1));
    expect(await requestsTo(fetchMock, `POST ${at('/return')}`)[0]?.json()).toEqual({ reason: 'Эскиз жоқ.' });
  });

  it('sends itemised corrections: a field, a document and a general remark', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({
      [`POST ${at('/request-corrections')}`]: () => jsonResponse(permitRequest({ status: 'corrections_requested' })),
    });
    const onDone = renderActions(permitRequest({ status: 'in_review', actions: ['request_corrections'] }), REVIEWER);
    const e = kk.permits.corrections.editor;

    await user.click(screen.getByRole('button', { name: a.requestCorrections }));
    await user.click(screen.getByRole('button', { name: e.addItem }));
    await user.click(screen.getByRole('button', { name: e.addItem }));
    const item = (number: number) => screen.getByRole('group', { name: e.item.replace('{{number}}', String(number)) });
    await user.selectOptions(within(item(1)).getByRole('combobox', { name: e.target }), 'СЖТ нөмірі');
    await user.type(within(item(1)).getByRole('textbox', { name: e.message }), 'Нөмір қате.');
    await user.selectOptions(within(item(2)).getByRole('combobox', { name: e.target }), 'Эскиздік жоба');
    await user.type(within(item(2)).getByRole('textbox', { name: e.message }), 'Қолтаңба жоқ.');

    // The third item has no message yet.
    await user.click(screen.getByRole('button', { name: e.submit }));
    expect(within(item(3)).getByRole('textbox', { name: e.message })).toHaveAttribute('aria-invalid', 'true');
    expect(requestsTo(fetchMock, `POST ${at('/request-corrections')}`)).toHaveLength(0);

    await user.type(within(item(3)).getByRole('textbox', { name: e.message }), 'Мекенжайды нақтылаңыз.');
    await user.type(screen.getByRole('textbox', { name: new RegExp(e.comment) }), 'Рақмет.');
    await user.click(screen.getByRole('button', { name: e.submit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.anything(), a.correctionsRequested));
    expect(await requestsTo(fetchMock, `POST ${at('/request-corrections')}`)[0]?.json()).toEqual({
      items: [
        { field: 'apz_number', message: 'Нөмір қате.' },
        { slot: 'sketch', message: 'Қолтаңба жоқ.' },
        { message: 'Мекенжайды нақтылаңыз.' },
      ],
      comment: 'Рақмет.',
    });
  });

  describe('a signed preliminary refusal', () => {
    const r = kk.permits.refusal;
    const statementRoute = `POST ${at('/preliminary-refusal/statement')}`;
    const refusalRoute = `POST ${at('/preliminary-refusal')}`;
    const TEXT = 'Қабат саны СЖТ-дан асады.';
    /** The refusal as the API gives it to sign, with its digest. */
    const refusalStatement = (digest: string) => ({
      statement: {
        act: 'preliminary-refusal',
        request_id: REQUEST_ID,
        registration_number: 'AST-2026-000042',
        type: 'sketch-approval',
        grounds: [
          {
            code: 'apz_mismatch',
            text: { kk: 'Эскиз СЖТ-ға сәйкес емес', ru: 'Эскиз не соответствует АПЗ', en: 'The sketch does not meet the APZ' },
          },
        ],
        text: TEXT,
        official: { id: REVIEWER.id, iin: '880101300123' },
      },
      digest,
    });

    async function fillRefusal(user: ReturnType<typeof userEvent.setup>) {
      await user.click(screen.getByRole('button', { name: a.preliminaryRefusal }));
      await user.click(screen.getByRole('checkbox', { name: 'Эскиз СЖТ-ға сәйкес емес' }));
      await user.type(screen.getByRole('textbox', { name: r.text }), `  ${TEXT}\n`);
      await user.click(screen.getByRole('button', { name: r.prepare }));
    }

    it('reads the statement, shows what is signed, signs its digest and sends grounds, text, digest and signature', async () => {
      const user = userEvent.setup();
      const digest = 'a'.repeat(64);
      const updated = permitRequest({ status: 'preliminary_refusal' });
      const fetchMock = mockApi({
        [statementRoute]: () => jsonResponse(refusalStatement(digest)),
        [refusalRoute]: () => jsonResponse(updated),
      });
      const onDone = renderActions(permitRequest({ status: 'in_review', actions: ['preliminary_refusal'] }), REVIEWER);

      await user.click(screen.getByRole('button', { name: a.preliminaryRefusal }));
      await user.click(screen.getByRole('button', { name: r.prepare }));
      expect(screen.getByRole('group', { name: r.grounds })).toHaveAccessibleDescription(new RegExp(r.groundsMissing));
      expect(screen.getByRole('textbox', { name: r.text })).toHaveAttribute('aria-invalid', 'true');
      expect(requestLog(fetchMock)).toEqual([]);

      await user.click(screen.getByRole('checkbox', { name: 'Эскиз СЖТ-ға сәйкес емес' }));
      await user.type(screen.getByRole('textbox', { name: r.text }), `  ${TEXT}\n`);
      await user.click(screen.getByRole('button', { name: r.prepare }));

      expect(await screen.findByTestId('statement-digest')).toHaveTextContent(digest);
      const summary = screen.getByTestId('refusal-statement');
      expect(summary).toHaveTextContent('Эскиз СЖТ-ға сәйкес емес');
      expect(summary).toHaveTextContent(TEXT);
      expect(screen.getByRole('status')).toHaveTextContent(r.prepared);
      expect(await requestsTo(fetchMock, statementRoute)[0]?.json()).toEqual({ grounds: ['apz_mismatch'], text: TEXT });

      await user.click(screen.getByRole('button', { name: r.sign }));

      await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.refusalAnnounced));
      expect(await requestsTo(fetchMock, refusalRoute)[0]?.json()).toEqual({
        grounds: ['apz_mismatch'],
        text: TEXT,
        digest,
        signature: `sig:${digest}`,
      });
      expect(requestLog(fetchMock)).toEqual([statementRoute, refusalRoute]);
    });

    it('goes back to the form when the refusal changed before it was signed (409), keeping what was chosen', async () => {
      const user = userEvent.setup();
      let statements = 0;
      const fetchMock = mockApi({
        [statementRoute]: () => {
          statements += 1;
          return jsonResponse(refusalStatement(String(statements).repeat(64)));
        },
        [refusalRoute]: () =>
          problemResponse({ type: 'conflict', title: 'Conflict', status: 409, detail: 'What you sign changed since its digest was read.' }),
      });
      const onDone = renderActions(permitRequest({ status: 'in_review', actions: ['preliminary_refusal'] }), REVIEWER);

      await fillRefusal(user);
      expect(await screen.findByTestId('statement-digest')).toHaveTextContent('1'.repeat(64));
      await user.click(screen.getByRole('button', { name: r.sign }));

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(r.changed);
      expect(alert).toHaveTextContent('What you sign changed since its digest was read.');
      expect(screen.queryByTestId('statement-digest')).toBeNull();
      expect(screen.getByRole('checkbox', { name: 'Эскиз СЖТ-ға сәйкес емес' })).toBeChecked();
      expect(screen.getByRole('textbox', { name: r.text })).toHaveValue(`  ${TEXT}\n`);
      expect(onDone).not.toHaveBeenCalled();

      await user.click(screen.getByRole('button', { name: r.prepare }));
      expect(await screen.findByTestId('statement-digest')).toHaveTextContent('2'.repeat(64));
      expect(requestLog(fetchMock)).toEqual([statementRoute, refusalRoute, statementRoute]);
    });

    it('explains a signature made with the authentication key, and stays ready to sign again', async () => {
      const user = userEvent.setup();
      const digest = 'b'.repeat(64);
      mockApi({
        [statementRoute]: () => jsonResponse(refusalStatement(digest)),
        [refusalRoute]: () => problemResponse({ type: 'eds-wrong-key-usage', title: 'Wrong key', status: 422 }),
      });
      const onDone = renderActions(permitRequest({ status: 'in_review', actions: ['preliminary_refusal'] }), REVIEWER);

      await fillRefusal(user);
      await user.click(await screen.findByRole('button', { name: r.sign }));

      expect(await screen.findByRole('alert')).toHaveTextContent(kk.permits.sign.wrongKey);
      expect(screen.getByTestId('statement-digest')).toHaveTextContent(digest);
      expect(screen.getByRole('button', { name: r.sign })).toBeVisible();
      expect(onDone).not.toHaveBeenCalled();
    });

    it('shows a ground the service no longer has at the grounds', async () => {
      const user = userEvent.setup();
      mockApi({
        [statementRoute]: () =>
          problemResponse({
            type: 'validation',
            title: 'Validation failed',
            status: 422,
            errors: [{ field: 'grounds[0]', code: 'unknown', message: 'not a refusal ground of this service' }],
          }),
      });
      renderActions(permitRequest({ status: 'in_review', actions: ['preliminary_refusal'] }), REVIEWER);

      await fillRefusal(user);

      await waitFor(() =>
        expect(screen.getByRole('group', { name: r.grounds })).toHaveAccessibleDescription(new RegExp(r.groundsUnknown)),
      );
      // The first of the grounds, where the message is.
      expect(screen.getByRole('checkbox', { name: 'Деректер дұрыс емес' })).toHaveFocus();
      expect(screen.queryByTestId('statement-digest')).toBeNull();
    });
  });

  it('approves in two steps: the permit draft, then the signature over its SHA-256', async () => {
    const user = userEvent.setup();
    const d = kk.permits.decision;
    const sha = 'c'.repeat(64);
    const draft = {
      id: '0193a0c4-0000-7000-8000-0000000000c1',
      kind: 'permit',
      number: 'AST-2026-000042',
      pdf_sha256: sha,
      pdf_size: 36000,
      official_name: 'НҰРЛАНОВА ДИНАРА',
      signed: false,
      verify_url: 'http://localhost/verify/AST-2026-000042?code=x',
    };
    const issued = permitRequest({ status: 'issued' });
    const fetchMock = mockApi({
      [`POST ${at('/decision-draft')}`]: () => jsonResponse(draft, 201),
      [`POST ${at('/approve')}`]: () => jsonResponse(issued),
    });
    const onDone = renderActions(permitRequest({ status: 'in_review', actions: ['approve', 'preliminary_refusal'] }), REVIEWER);

    await user.click(screen.getByRole('button', { name: a.approve }));
    await user.type(screen.getByRole('textbox', { name: new RegExp(d.comment) }), 'Келісілді.');
    await user.click(screen.getByRole('button', { name: d.preparePermit }));

    expect(await screen.findByTestId('pdf-sha256')).toHaveTextContent(sha);
    expect(screen.getByRole('button', { name: d.preview })).toBeVisible();
    expect(await requestsTo(fetchMock, `POST ${at('/decision-draft')}`)[0]?.json()).toEqual({
      kind: 'permit',
      comment: 'Келісілді.',
    });

    await user.click(screen.getByRole('button', { name: d.signPermit }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(issued, a.approved));
    expect(await requestsTo(fetchMock, `POST ${at('/approve')}`)[0]?.json()).toEqual({
      decision_id: draft.id,
      signature: `sig:${sha}`,
    });
  });

  it('reads the request again after a draft is prepared, and prepares again when that draft was replaced', async () => {
    const user = userEvent.setup();
    const d = kk.permits.decision;
    const draft = (n: number) => ({
      id: `0193a0c4-0000-7000-8000-0000000000c${n}`,
      kind: 'refusal',
      number: 'AST-2026-000042',
      pdf_sha256: String(n).repeat(64),
      pdf_size: 30000,
      official_name: 'НҰРЛАНОВА ДИНАРА',
      signed: false,
      verify_url: null,
    });
    let drafts = 0;
    const fetchMock = mockApi({
      [`POST ${at('/decision-draft')}`]: () => {
        drafts += 1;
        return jsonResponse(draft(drafts), 201);
      },
      // A colleague prepared another draft meanwhile: this one is gone.
      [`POST ${at('/refuse')}`]: () => problemResponse({ type: 'not-found', title: 'Not found', status: 404 }),
    });
    const onChanged = vi.fn();
    renderActions(permitRequest({ status: 'in_review', actions: ['refuse'] }), REVIEWER, vi.fn(), onChanged);

    await user.click(screen.getByRole('button', { name: a.refuse }));
    await user.click(screen.getByRole('button', { name: d.prepareRefusal }));
    expect(await screen.findByTestId('pdf-sha256')).toHaveTextContent('1'.repeat(64));
    expect(onChanged).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: d.signRefusal }));
    expect(await screen.findByRole('alert')).toHaveTextContent(d.replaced);
    expect(screen.queryByTestId('pdf-sha256')).toBeNull();

    await user.click(screen.getByRole('button', { name: d.prepareRefusal }));
    expect(await screen.findByTestId('pdf-sha256')).toHaveTextContent('2'.repeat(64));
    expect(onChanged).toHaveBeenCalledTimes(2);
    expect(requestsTo(fetchMock, `POST ${at('/decision-draft')}`)).toHaveLength(2);
  });

  describe('an approving organisation’s signed answer', () => {
    const ta = kk.permits.taskAnswer;
    const organisation = (code: string, name: string) => ({
      ...permitType().organisation,
      id: `0193a0c4-0000-7000-8000-0000000000${code === 'water' ? 'd2' : 'd3'}`,
      code,
      name: { kk: name, ru: name, en: name },
    });
    const TASK_ID = '0193a0c4-0000-7000-8000-0000000000b1';
    const conditions = {
      file_name: 'tu-water.pdf',
      content_type: 'application/pdf',
      size: 2048,
      sha256: 'e'.repeat(64),
    };
    const pendingTask = (document: typeof conditions | null = null) => ({
      id: TASK_ID,
      organisation: organisation('water', 'Су арнасы'),
      status: 'pending',
      mine: true,
      deemed: false,
      document,
    });
    // Another organisation's task, still awaited: not the reader's to answer.
    const theirs = {
      ...pendingTask(),
      id: '0193a0c4-0000-7000-8000-0000000000b2',
      organisation: organisation('power', 'Энергия'),
      mine: false,
      deemed: false,
    };
    const route = (step: string) => `POST ${at(`/tasks/${TASK_ID}/${step}`)}`;
    /** Matches a text at the end of an accessible description. */
    const endsWith = (text: string) => new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const toggleName = a.task.replace('{{organisation}}', 'Су арнасы');
    const fileInput = () => screen.getByLabelText(ta.document);
    const pdf = () => new File([new Uint8Array(2048)], 'tu-water.pdf', { type: 'application/pdf' });
    /** The answer as the API gives it to sign, with its digest. */
    const answerDigest = (digest: string, verdict: 'approved' | 'declined', comment: string | null, withDocument: boolean) => ({
      answer: {
        request_id: REQUEST_ID,
        registration_number: 'AST-2026-000042',
        task_id: TASK_ID,
        organisation: { id: organisation('water', 'Су арнасы').id, code: 'water', bin: '123456789012' },
        verdict,
        comment,
        documents: withDocument ? [conditions] : [],
      },
      digest,
    });

    function renderTask(document: typeof conditions | null = null) {
      const onDone = vi.fn();
      const onChanged = vi.fn();
      renderActions(
        permitRequest({ status: 'in_review', tasks: [pendingTask(document), theirs], actions: ['task'] }),
        REVIEWER,
        onDone,
        onChanged,
      );
      return { onDone, onChanged };
    }

    it('offers the reader only their own organisation’s task', () => {
      mockApi({});
      renderTask();
      expect(buttonNames()).toEqual([toggleName]);
    });

    it('approves: uploads the technical conditions, reads the answer’s digest, signs it and sends the signature', async () => {
      const user = userEvent.setup();
      const digest = 'd'.repeat(64);
      const updated = permitRequest({ status: 'in_review' });
      const fetchMock = mockApi({
        [route('document')]: () => jsonResponse(conditions, 201),
        [route('answer')]: () => jsonResponse(answerDigest(digest, 'approved', 'Келісілді.', true)),
        [route('approve')]: () => jsonResponse(updated),
      });
      const { onDone, onChanged } = renderTask();

      await user.click(screen.getByRole('button', { name: toggleName }));
      await user.click(screen.getByRole('radio', { name: a.taskApprove }));
      await user.upload(fileInput(), pdf());
      await user.click(screen.getByRole('button', { name: ta.upload }));

      expect(await screen.findByTestId('task-document')).toHaveTextContent('Жүктелген: tu-water.pdf (2 КБ)');
      expect(screen.getByRole('status')).toHaveTextContent('tu-water.pdf файлы жүктелді.');
      expect(onChanged).toHaveBeenCalledTimes(1);
      const [upload] = requestsTo(fetchMock, route('document'));
      expect(upload?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
      expect([...((await upload?.formData())?.keys() ?? [])]).toEqual(['file']);

      await user.type(screen.getByRole('textbox', { name: a.comment }), 'Келісілді.');
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      expect(await screen.findByTestId('answer-digest')).toHaveTextContent(digest);
      const summary = screen.getByTestId('task-answer-summary');
      expect(summary).toHaveTextContent(kk.permits.approvals.statuses.approved);
      expect(summary).toHaveTextContent('Келісілді.');
      expect(summary).toHaveTextContent('tu-water.pdf (2 КБ)');
      expect(await requestsTo(fetchMock, route('answer'))[0]?.json()).toEqual({ verdict: 'approve', comment: 'Келісілді.' });

      await user.click(screen.getByRole('button', { name: ta.signApprove }));

      await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.taskApproved));
      expect(await requestsTo(fetchMock, route('approve'))[0]?.json()).toEqual({
        comment: 'Келісілді.',
        digest,
        signature: `sig:${digest}`,
      });
      expect(requestLog(fetchMock)).toEqual([route('document'), route('answer'), route('approve')]);
    });

    it('uploads a chosen file before reading the answer, and explains a file of another type at the file field', async () => {
      const user = userEvent.setup();
      const fetchMock = mockApi({
        [route('document')]: () => problemResponse({ type: 'unsupported-file-type', title: 'File type not allowed', status: 415 }),
      });
      renderTask();

      await user.click(screen.getByRole('button', { name: toggleName }));
      await user.click(screen.getByRole('radio', { name: a.taskApprove }));
      await user.upload(fileInput(), pdf());
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      await waitFor(() => expect(fileInput()).toHaveAttribute('aria-invalid', 'true'));
      expect(fileInput()).toHaveAccessibleDescription(endsWith(kk.permits.documents.errors.wrongType.replace('{{types}}', 'PDF')));
      expect(fileInput()).toHaveFocus();
      expect(requestLog(fetchMock)).toEqual([route('document')]);
    });

    it('refuses to approve without a document: at the file field, before asking the API', async () => {
      const user = userEvent.setup();
      const fetchMock = mockApi({});
      renderTask();

      await user.click(screen.getByRole('button', { name: toggleName }));
      // No answer chosen yet.
      await user.click(screen.getByRole('button', { name: ta.prepare }));
      expect(screen.getByRole('group', { name: ta.verdict })).toHaveAccessibleDescription(new RegExp(ta.verdictMissing));
      expect(screen.getByRole('radio', { name: a.taskApprove })).toHaveFocus();

      await user.click(screen.getByRole('radio', { name: a.taskApprove }));
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      expect(fileInput()).toHaveAttribute('aria-invalid', 'true');
      expect(fileInput()).toHaveAccessibleDescription(endsWith(ta.documentMissing));
      expect(fileInput()).toHaveFocus();
      expect(requestLog(fetchMock)).toEqual([]);
    });

    it('shows the API’s refusal of an approval without a document at the file field', async () => {
      const user = userEvent.setup();
      mockApi({
        [route('answer')]: () =>
          problemResponse({
            type: 'validation',
            title: 'Validation failed',
            status: 422,
            errors: [{ field: 'document', code: 'required', message: 'upload the technical conditions' }],
          }),
      });
      // The page still shows a document the API no longer has.
      renderTask(conditions);

      await user.click(screen.getByRole('button', { name: toggleName }));
      await user.click(screen.getByRole('radio', { name: a.taskApprove }));
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      await waitFor(() => expect(fileInput()).toHaveAttribute('aria-invalid', 'true'));
      expect(fileInput()).toHaveAccessibleDescription(endsWith(ta.documentMissing));
      expect(fileInput()).toHaveFocus();
      expect(screen.queryByTestId('answer-digest')).toBeNull();
    });

    it('declines saying why: a decline without a reason is refused in the browser', async () => {
      const user = userEvent.setup();
      const digest = 'f'.repeat(64);
      const updated = permitRequest({ status: 'in_review' });
      const fetchMock = mockApi({
        [route('answer')]: () => jsonResponse(answerDigest(digest, 'declined', 'Желіде қуат жоқ.', false)),
        [route('decline')]: () => jsonResponse(updated),
      });
      const { onDone } = renderTask();

      await user.click(screen.getByRole('button', { name: toggleName }));
      await user.click(screen.getByRole('radio', { name: a.taskDecline }));
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      const comment = screen.getByRole('textbox', { name: a.comment });
      expect(comment).toHaveAttribute('aria-invalid', 'true');
      expect(comment).toHaveAccessibleDescription(new RegExp(a.declineNeedsComment));
      expect(comment).toHaveFocus();
      expect(requestLog(fetchMock)).toEqual([]);

      await user.type(comment, 'Желіде қуат жоқ.');
      await user.click(screen.getByRole('button', { name: ta.prepare }));

      expect(await screen.findByTestId('answer-digest')).toHaveTextContent(digest);
      expect(screen.getByTestId('task-answer-summary')).toHaveTextContent(kk.permits.approvals.statuses.declined);
      expect(screen.getByTestId('task-answer-summary')).toHaveTextContent(ta.noDocument);
      expect(await requestsTo(fetchMock, route('answer'))[0]?.json()).toEqual({
        verdict: 'decline',
        comment: 'Желіде қуат жоқ.',
      });

      await user.click(screen.getByRole('button', { name: ta.signDecline }));

      await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.taskDeclined));
      expect(await requestsTo(fetchMock, route('decline'))[0]?.json()).toEqual({
        comment: 'Желіде қуат жоқ.',
        digest,
        signature: `sig:${digest}`,
      });
      expect(requestLog(fetchMock)).toEqual([route('answer'), route('decline')]);
    });

    it('goes back to the first step when the answer changed before it was signed (409), and prepares it again', async () => {
      const user = userEvent.setup();
      let answers = 0;
      let signed = 0;
      const updated = permitRequest({ status: 'in_review' });
      const fetchMock = mockApi({
        [route('answer')]: () => {
          answers += 1;
          return jsonResponse(answerDigest(String(answers).repeat(64), 'approved', null, true));
        },
        [route('approve')]: () => {
          signed += 1;
          // A colleague uploaded another document meanwhile.
          return signed === 1
            ? problemResponse({ type: 'conflict', title: 'Conflict', status: 409 })
            : jsonResponse(updated);
        },
      });
      const { onDone, onChanged } = renderTask(conditions);

      await user.click(screen.getByRole('button', { name: toggleName }));
      expect(screen.getByTestId('task-document')).toHaveTextContent('Жүктелген: tu-water.pdf (2 КБ)');
      await user.click(screen.getByRole('radio', { name: a.taskApprove }));
      await user.click(screen.getByRole('button', { name: ta.prepare }));
      expect(await screen.findByTestId('answer-digest')).toHaveTextContent('1'.repeat(64));

      await user.click(screen.getByRole('button', { name: ta.signApprove }));

      expect(await screen.findByRole('alert')).toHaveTextContent(ta.changed);
      expect(screen.queryByTestId('answer-digest')).toBeNull();
      expect(screen.getByRole('radio', { name: a.taskApprove })).toBeChecked();
      expect(onChanged).toHaveBeenCalledTimes(1);
      expect(onDone).not.toHaveBeenCalled();

      await user.click(screen.getByRole('button', { name: ta.prepare }));
      expect(await screen.findByTestId('answer-digest')).toHaveTextContent('2'.repeat(64));
      await user.click(screen.getByRole('button', { name: ta.signApprove }));

      await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.taskApproved));
      const sent = requestsTo(fetchMock, route('approve'));
      expect(await sent[1]?.json()).toEqual({ comment: null, digest: '2'.repeat(64), signature: `sig:${'2'.repeat(64)}` });
      expect(requestLog(fetchMock)).toEqual([route('answer'), route('approve'), route('answer'), route('approve')]);
    });
  });

  it('offers no answer once the reader’s organisation has answered', () => {
    const answered = {
      id: '0193a0c4-0000-7000-8000-0000000000b1',
      organisation: permitType().organisation,
      status: 'approved',
      comment: null,
      decided_at: '2026-11-25T10:00:00Z',
      mine: true,
      deemed: false,
    };
    const awaited = { ...answered, id: '0193a0c4-0000-7000-8000-0000000000b2', status: 'pending', decided_at: null, mine: false };
    renderActions(permitRequest({ status: 'in_review', tasks: [answered, awaited], actions: ['task'] }), REVIEWER);
    expect(buttonNames()).toEqual([]);
  });

  describe('a signed objection to a preliminary refusal', () => {
    const o = kk.permits.objecting;
    const statementRoute = `POST ${at('/objection/statement')}`;
    const objectionRoute = `POST ${at('/objection')}`;
    const REASON = 'Келіспеймін: эскиз СЖТ-ға сәйкес.';
    /** The objection as the API gives it to sign, with its digest. */
    const objectionStatement = (digest: string) => ({
      statement: {
        act: 'objection',
        request_id: REQUEST_ID,
        registration_number: 'AST-2026-000042',
        preliminary_refusal: { grounds: ['apz_mismatch'], text: 'Қабат саны СЖТ-дан асады.' },
        reason: REASON,
        applicant: { id: APPLICANT.id, iin: '900101300456' },
      },
      digest,
    });
    const refused = () => permitRequest({ status: 'preliminary_refusal', actions: ['withdraw', 'object'] });

    it('reads the statement, shows the reason and the digest, signs it and sends reason, digest and signature', async () => {
      const user = userEvent.setup();
      const digest = '9'.repeat(64);
      const updated = permitRequest({ objection: REASON });
      const fetchMock = mockApi({
        [statementRoute]: () => jsonResponse(objectionStatement(digest)),
        [objectionRoute]: () => jsonResponse(updated),
      });
      const onDone = renderActions(refused(), APPLICANT);

      expect(buttonNames()).toEqual([a.object, a.withdraw]);
      await user.click(screen.getByRole('button', { name: a.object }));
      await user.click(screen.getByRole('button', { name: o.prepare }));
      const reason = screen.getByRole('textbox', { name: a.objection });
      expect(reason).toHaveAttribute('aria-invalid', 'true');
      expect(reason).toHaveFocus();
      expect(requestLog(fetchMock)).toEqual([]);

      await user.type(reason, REASON);
      await user.click(screen.getByRole('button', { name: o.prepare }));

      expect(await screen.findByTestId('statement-digest')).toHaveTextContent(digest);
      expect(screen.getByTestId('objection-statement')).toHaveTextContent(REASON);
      expect(await requestsTo(fetchMock, statementRoute)[0]?.json()).toEqual({ reason: REASON });

      await user.click(screen.getByRole('button', { name: o.sign }));

      await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, a.objected));
      expect(await requestsTo(fetchMock, objectionRoute)[0]?.json()).toEqual({
        reason: REASON,
        digest,
        signature: `sig:${digest}`,
      });
      expect(requestLog(fetchMock)).toEqual([statementRoute, objectionRoute]);
    });

    it('shows a 409 after signing (the period ended meanwhile) and goes back to the form', async () => {
      const user = userEvent.setup();
      const digest = '8'.repeat(64);
      const fetchMock = mockApi({
        [statementRoute]: () => jsonResponse(objectionStatement(digest)),
        [objectionRoute]: () =>
          problemResponse({ type: 'conflict', title: 'Conflict', status: 409, detail: 'The period for objecting has ended.' }),
      });
      const onDone = renderActions(refused(), APPLICANT);

      await user.click(screen.getByRole('button', { name: a.object }));
      await user.type(screen.getByRole('textbox', { name: a.objection }), REASON);
      await user.click(screen.getByRole('button', { name: o.prepare }));
      await user.click(await screen.findByRole('button', { name: o.sign }));

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(o.changed);
      expect(alert).toHaveTextContent('The period for objecting has ended.');
      expect(screen.queryByTestId('statement-digest')).toBeNull();
      expect(screen.getByRole('textbox', { name: a.objection })).toHaveValue(REASON);
      expect(onDone).not.toHaveBeenCalled();
      expect(requestLog(fetchMock)).toEqual([statementRoute, objectionRoute]);
    });

    it('explains a key of another person', async () => {
      const user = userEvent.setup();
      mockApi({
        [statementRoute]: () => jsonResponse(objectionStatement('7'.repeat(64))),
        [objectionRoute]: () => problemResponse({ type: 'eds-identity-mismatch', title: 'Not your key', status: 422 }),
      });
      renderActions(refused(), APPLICANT);

      await user.click(screen.getByRole('button', { name: a.object }));
      await user.type(screen.getByRole('textbox', { name: a.objection }), REASON);
      await user.click(screen.getByRole('button', { name: o.prepare }));
      await user.click(await screen.findByRole('button', { name: o.sign }));

      expect(await screen.findByRole('alert')).toHaveTextContent(kk.permits.taskAnswer.otherPerson);
      expect(screen.getByTestId('statement-digest')).toHaveTextContent('7'.repeat(64));
    });

    it('says when the applicant may no longer object, before anything is signed', async () => {
      const user = userEvent.setup();
      const fetchMock = mockApi({
        [statementRoute]: () =>
          problemResponse({ type: 'conflict', title: 'Conflict', status: 409, detail: 'An objection was made already.' }),
      });
      renderActions(refused(), APPLICANT);

      await user.click(screen.getByRole('button', { name: a.object }));
      await user.type(screen.getByRole('textbox', { name: a.objection }), REASON);
      await user.click(screen.getByRole('button', { name: o.prepare }));

      expect(await screen.findByRole('alert')).toHaveTextContent(o.closed);
      expect(screen.queryByTestId('statement-digest')).toBeNull();
      expect(requestLog(fetchMock)).toEqual([statementRoute]);
    });
  });
});
