// The checklist's uploads: the server's refusals (413 too large, 415 another type, 422 empty) are
// shown at their slot in words, with the file box focused; a file larger than the slot allows is
// refused before it is sent; an uploaded file can be removed.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import kk from '@/i18n/locales/kk.json';
import { jsonResponse, mockApi, noContent, problemResponse, requestsTo } from '@/testing/api-responses';
import { permitRequest, permitType, REQUEST_ID } from '@/testing/permit-fixtures';
import { DocumentChecklist } from './document-checklist';

const UPLOAD = `POST /api/v1/permit-requests/${REQUEST_ID}/documents`;
const type = permitType();

function renderChecklist(onChanged = vi.fn(), documents = permitRequest().documents) {
  render(
    <DocumentChecklist requestId={REQUEST_ID} slots={type.documents} documents={documents} editable onChanged={onChanged} />,
  );
  return onChanged;
}

const sketchInput = () => screen.getByLabelText('«Эскиздік жоба» үшін файл');
const uploadSketch = () => screen.getByRole('button', { name: 'Жүктеу: «Эскиздік жоба» үшін файл' });
const pdf = (bytes = 10) => new File([new Uint8Array(bytes)], 'sketch.pdf', { type: 'application/pdf' });

describe('DocumentChecklist uploads', () => {
  it('shows each slot with what it accepts', () => {
    renderChecklist(vi.fn(), []);

    expect(screen.getByRole('heading', { level: 3, name: `Эскиздік жоба (${kk.permits.documents.mandatory})` })).toBeVisible();
    expect(sketchInput()).toHaveAccessibleDescription('Рұқсат етілген: PDF; 1 МБ аспауы керек.');
    expect(screen.getByLabelText('«Визуализация» үшін файл')).toHaveAccessibleDescription(
      'Рұқсат етілген: PNG, JPEG; 2 МБ аспауы керек.',
    );
    expect(sketchInput()).toHaveAttribute('accept', 'application/pdf,.pdf');
  });

  it.each([
    [
      'a file too large for the server (413)',
      problemResponse({ type: 'payload-too-large', title: 'Too large', status: 413 }),
      'Файл тым үлкен. Бұл құжаттың көлемі 1 МБ аспауы керек.',
    ],
    [
      'a file of another type (415)',
      problemResponse({ type: 'unsupported-file-type', title: 'File type not allowed', status: 415 }),
      'Мұнда мұндай түрдегі файл қабылданбайды. Рұқсат етілген: PDF. Түрі файлдың атауынан емес, мазмұнынан анықталады.',
    ],
    [
      'an empty file (422)',
      problemResponse({ type: 'empty-file', title: 'Empty file', status: 422 }),
      kk.permits.documents.errors.empty,
    ],
    ['a 413 from a proxy, without a problem body', new Response('Too large', { status: 413 }), 'Файл тым үлкен. Бұл құжаттың көлемі 1 МБ аспауы керек.'],
  ])('explains %s at the slot and focuses the file box', async (_case, answer, message) => {
    const user = userEvent.setup();
    const fetchMock = mockApi({ [UPLOAD]: () => answer.clone() });
    const onChanged = renderChecklist(vi.fn(), []);

    await user.upload(sketchInput(), pdf());
    await user.click(uploadSketch());

    await waitFor(() => expect(sketchInput()).toHaveAttribute('aria-invalid', 'true'));
    expect(sketchInput()).toHaveAccessibleDescription(new RegExp(`${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(sketchInput()).toHaveFocus();
    expect(onChanged).not.toHaveBeenCalled();
    const [sent] = requestsTo(fetchMock, UPLOAD);
    expect(new URL(sent?.url ?? '').searchParams.get('slot')).toBe('sketch');
  });

  it('refuses a file larger than the slot allows without sending it', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi({});
    renderChecklist(vi.fn(), []);

    await user.upload(sketchInput(), pdf(1024 * 1024 + 1));
    await user.click(uploadSketch());

    expect(sketchInput()).toHaveAccessibleDescription(/Файл тым үлкен\. Бұл құжаттың көлемі 1 МБ аспауы керек\.$/);
    expect(requestsTo(fetchMock, UPLOAD)).toHaveLength(0);
  });

  it('asks for a file when none is chosen', async () => {
    const user = userEvent.setup();
    renderChecklist(vi.fn(), []);
    await user.click(uploadSketch());
    expect(sketchInput()).toHaveAccessibleDescription(new RegExp(`${kk.permits.documents.errors.noFile}$`));
  });

  it('sends the file as multipart with one part named `file`, and announces it', async () => {
    const user = userEvent.setup();
    const document = permitRequest().documents[0];
    const fetchMock = mockApi({ [UPLOAD]: () => jsonResponse(document, 201) });
    const onChanged = renderChecklist(vi.fn(), []);

    await user.upload(sketchInput(), pdf());
    await user.click(uploadSketch());

    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    const [sent] = requestsTo(fetchMock, UPLOAD);
    expect(sent?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await sent?.formData();
    // (jsdom's File reaches Node's FormData without its name and bytes; the browser test checks those.)
    expect([...(form?.keys() ?? [])]).toEqual(['file']);
    expect(screen.getByText('sketch.pdf файлы «Эскиздік жоба» құжатына тіркелді.')).toHaveAttribute('role', 'status');
  });

  it('removes a file', async () => {
    const user = userEvent.setup();
    const document = permitRequest().documents[0];
    const remove = `DELETE /api/v1/permit-requests/${REQUEST_ID}/documents/${document?.id ?? ''}`;
    const fetchMock = mockApi({ [remove]: () => noContent() });
    const onChanged = renderChecklist();

    await user.click(screen.getByRole('button', { name: 'sketch.pdf жою' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce());
    expect(requestsTo(fetchMock, remove)).toHaveLength(1);
    expect(screen.getByText('sketch.pdf файлы жойылды.')).toHaveAttribute('role', 'status');
  });
});
