// The checklist of a request: one entry per slot of the service, with the files attached to it.
// While the request may be edited, each slot takes a file (one upload at a time) and its files
// can be removed. The slot says which types and how large a file it takes; the server reads the
// type from the file's bytes and refuses a file that is too large (413), of another type (415) or
// empty (422): each refusal is shown at its slot, in words, and the file box is focused.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import { downloadDocument, removeDocument, uploadDocument } from '../api/documents';
import type { DocumentSlot, UploadedDocument } from '../api/permit-types';
import { acceptOf, typeName, useFileSize, useLocalized } from '../lib/format';
import { DownloadButton } from './download-button';

/** Why a file was refused, in words, for the refusals a slot explains itself. */
export function useUploadProblemText(): (failure: ApiFailure, slot: DocumentSlot) => string | null {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  return (failure, slot) => {
    const type = failure.kind === 'problem' ? failure.problem.type : null;
    const status = failure.kind === 'problem' ? failure.problem.status : failure.kind === 'http' ? failure.status : 0;
    if (type === 'payload-too-large' || status === 413) {
      return t('permits.documents.errors.tooLarge', { size: fileSize(slot.max_bytes) });
    }
    if (type === 'unsupported-file-type' || status === 415) {
      return t('permits.documents.errors.wrongType', { types: slot.content_types.map(typeName).join(', ') });
    }
    if (type === 'empty-file') return t('permits.documents.errors.empty');
    return null;
  };
}

interface SlotProps {
  requestId: string;
  slot: DocumentSlot;
  documents: readonly UploadedDocument[];
  editable: boolean;
  /** An error the server gave for this slot at submission ("attach this document"). */
  submitError?: string | null;
  remarks: readonly string[];
  onChanged: (announcement: string) => void;
}

function Slot({ requestId, slot, documents, editable, submitError = null, remarks, onChanged }: SlotProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const fileSize = useFileSize();
  const uploadProblem = useUploadProblemText();
  const headingId = useId();
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const name = localized(slot.name);
  const allowed = t('permits.documents.allowed', {
    types: slot.content_types.map(typeName).join(', '),
    size: fileSize(slot.max_bytes),
  });

  function refuse(message: string) {
    setError(message);
    input.current?.focus();
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setFailure(null);
    if (!file) {
      refuse(t('permits.documents.errors.noFile'));
      return;
    }
    if (file.size > slot.max_bytes) {
      refuse(t('permits.documents.errors.tooLarge', { size: fileSize(slot.max_bytes) }));
      return;
    }
    setBusy(true);
    const answer = await uploadDocument(requestId, slot.code, file);
    setBusy(false);
    if (!answer.ok) {
      const explained = uploadProblem(answer.failure, slot);
      if (explained) refuse(explained);
      else setFailure(answer.failure);
      return;
    }
    setFile(null);
    form.current?.reset();
    onChanged(t('permits.documents.uploaded', { file: answer.data.file_name, slot: name }));
  }

  async function remove(document: UploadedDocument) {
    setError(null);
    setFailure(null);
    setBusy(true);
    const answer = await removeDocument(requestId, document.id);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    onChanged(t('permits.documents.removed', { file: document.file_name }));
  }

  return (
    <li className={['slot', submitError ? 'slot--error' : null].filter(Boolean).join(' ')} data-slot={slot.code}>
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="slot__name">
          {name}{' '}
          <span className="slot__need">
            ({slot.mandatory ? t('permits.documents.mandatory') : t('permits.documents.optional')})
          </span>
        </h3>
        <p className="slot__allowed">{allowed}</p>
        {remarks.map((remark, index) => (
          <p key={index} className="schema-form__remark">
            <strong>{t('permits.form.remark')}</strong> {remark}
          </p>
        ))}
        {submitError && (
          <p className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {submitError}
          </p>
        )}
        {documents.length === 0 ? (
          <p className="slot__empty">{t('permits.documents.none')}</p>
        ) : (
          <ul className="slot__files" aria-label={t('permits.documents.filesOf', { name })}>
            {documents.map((document) => (
              <li key={document.id} className="slot__file">
                <DownloadButton
                  label={document.file_name}
                  ariaLabel={t('permits.documents.downloadFile', { file: document.file_name })}
                  fallbackName={document.file_name}
                  fetchFile={() => downloadDocument(requestId, document.id)}
                />{' '}
                <span className="table__note">
                  {typeName(document.content_type)}, {fileSize(document.size_bytes)}
                </span>
                {editable && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={busy}
                    aria-label={t('permits.documents.removeFile', { file: document.file_name })}
                    onClick={() => void remove(document)}
                  >
                    {t('permits.documents.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <form ref={form} className="slot__upload" onSubmit={(event) => void upload(event)} noValidate>
            <Field label={t('permits.documents.fileFor', { name })} hint={allowed} error={error}>
              {(control) => (
                <input
                  {...control}
                  ref={input}
                  type="file"
                  name={`documents.${slot.code}`}
                  accept={acceptOf(slot.content_types)}
                  onChange={(event) => {
                    setFile(event.target.files?.[0] ?? null);
                    setError(null);
                  }}
                />
              )}
            </Field>
            <ProblemAlert failure={failure} />
            <button
              type="submit"
              className="button button--secondary"
              disabled={busy}
              aria-label={t('permits.documents.uploadTo', { name })}
            >
              {busy ? t('permits.documents.uploading') : t('permits.documents.upload')}
            </button>
          </form>
        )}
        {!editable && failure && <ProblemAlert failure={failure} />}
      </section>
    </li>
  );
}

export interface DocumentChecklistProps {
  requestId: string;
  slots: readonly DocumentSlot[];
  documents: readonly UploadedDocument[];
  editable: boolean;
  /** The server's errors at submission, by slot code. */
  submitErrors?: Readonly<Record<string, string>>;
  /** The reviewer's correction remarks, by slot code. */
  remarks?: Readonly<Record<string, readonly string[]>>;
  /** A file was added or removed: read the request again. */
  onChanged: () => void;
}

export function DocumentChecklist({
  requestId,
  slots,
  documents,
  editable,
  submitErrors = {},
  remarks = {},
  onChanged,
}: DocumentChecklistProps) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const known = new Set(slots.map((slot) => slot.code));
  const strays = documents.filter((document) => !known.has(document.slot));

  return (
    <>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <ul className="slot-list" aria-label={t('permits.documents.listLabel')}>
        {slots.map((slot) => (
          <Slot
            key={slot.code}
            requestId={requestId}
            slot={slot}
            documents={documents.filter((document) => document.slot === slot.code)}
            editable={editable}
            submitError={submitErrors[slot.code] ?? null}
            remarks={remarks[slot.code] ?? []}
            onChanged={(text) => {
              setAnnouncement(text);
              onChanged();
            }}
          />
        ))}
      </ul>
      {strays.length > 0 && (
        <ul className="slot__files">
          {strays.map((document) => (
            <li key={document.id}>
              <DownloadButton
                label={document.file_name}
                fallbackName={document.file_name}
                fetchFile={() => downloadDocument(requestId, document.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
