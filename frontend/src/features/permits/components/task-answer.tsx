// An approving organisation's answer to its task, a signed act, in two steps. First the staff
// member approves or declines: an approval needs the organisation's document (the technical
// conditions, a PDF, uploaded with POST …/tasks/{task}/document; another upload replaces it until
// the answer is signed), a decline needs its reason. "Prepare" reads the answer to sign and its
// digest (POST …/answer); then the staff member signs the digest's 64 characters with their SIGN
// key, which approves or declines. An answer changed since its digest was read (another document
// uploaded meanwhile) is 409 when signed, which takes them back to the first step.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { problemType, type ApiFailure, type ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { AnswerDigest, ApprovalTask, PermitRequest, TaskDocument, TaskVerdict } from '../api/permit-types';
import { readTaskAnswer, signTaskAnswer, uploadTaskDocument } from '../api/review-steps';
import { acceptOf, typeName, useFileSize } from '../lib/format';
import { isRecord } from '../lib/json';
import type { RenderSigner } from '../lib/signer';

/** The largest document the API takes for an answer, and its only type. */
export const TASK_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
const TASK_DOCUMENT_TYPES = ['application/pdf'];

export interface TaskAnswerProps {
  requestId: string;
  task: ApprovalTask;
  renderSigner: RenderSigner;
  /** Sends the signed answer: resolves with the failure to show, or null when done. */
  onSigned: (verdict: TaskVerdict, step: Promise<ApiResult<PermitRequest>>) => Promise<ApiFailure | null>;
  /** The task's document changed, or the answer did: read the request again. */
  onChanged?: () => void;
}

type Errors = Partial<Record<'verdict' | 'document' | 'comment', string>>;

interface Summary {
  verdict: TaskVerdict;
  comment: string | null;
  document: { name: string; size: number | null } | null;
}

/** What the server put in the answer to sign, where it says it; what was chosen here otherwise. */
function summaryOf(answer: unknown, fallback: Summary): Summary {
  if (!isRecord(answer)) return fallback;
  const verdict = answer.verdict === 'approved' ? 'approve' : answer.verdict === 'declined' ? 'decline' : fallback.verdict;
  const comment = typeof answer.comment === 'string' ? answer.comment : answer.comment === null ? null : fallback.comment;
  let document = fallback.document;
  if (Array.isArray(answer.documents)) {
    const first: unknown = answer.documents[0];
    document =
      isRecord(first) && typeof first.file_name === 'string'
        ? { name: first.file_name, size: typeof first.size === 'number' ? first.size : null }
        : null;
  }
  return { verdict, comment, document };
}

export function TaskAnswer({ requestId, task, renderSigner, onSigned, onChanged }: TaskAnswerProps) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const verdictErrorId = useId();
  const verdictInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const [verdict, setVerdict] = useState<TaskVerdict | null>(null);
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  /** Back from a signature refused because the answer changed meanwhile. */
  const [stale, setStale] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [prepared, setPrepared] = useState<AnswerDigest | null>(null);

  // The document uploaded here, until the request read again names one of its own.
  const [uploaded, setUploaded] = useState<TaskDocument | null>(null);
  const serverSha = task.document?.sha256 ?? null;
  const [seenSha, setSeenSha] = useState(serverSha);
  if (serverSha !== seenSha) {
    setSeenSha(serverSha);
    setUploaded(null);
  }
  const attached = uploaded ?? task.document ?? null;
  const maxSize = fileSize(TASK_DOCUMENT_MAX_BYTES);

  const focusOf = {
    verdict: verdictInput,
    document: fileInput,
    comment: commentInput,
  } as const;

  function refuse(field: keyof Errors, message: string) {
    setErrors({ [field]: message });
    focusOf[field].current?.focus();
  }

  /** Why the server refused a file, in words, when it is one of the refusals the field explains. */
  function uploadProblem(refusal: ApiFailure): string | null {
    const type = problemType(refusal);
    const status = refusal.kind === 'problem' ? refusal.problem.status : refusal.kind === 'http' ? refusal.status : 0;
    if (type === 'payload-too-large' || status === 413) return t('permits.documents.errors.tooLarge', { size: maxSize });
    if (type === 'unsupported-file-type' || status === 415) {
      return t('permits.documents.errors.wrongType', { types: TASK_DOCUMENT_TYPES.map(typeName).join(', ') });
    }
    if (type === 'empty-file') return t('permits.documents.errors.empty');
    return null;
  }

  /** Uploads the chosen file: the document as the server keeps it, or null when refused. */
  async function upload(chosen: File): Promise<TaskDocument | null> {
    if (chosen.size > TASK_DOCUMENT_MAX_BYTES) {
      refuse('document', t('permits.documents.errors.tooLarge', { size: maxSize }));
      return null;
    }
    setUploading(true);
    const answer = await uploadTaskDocument(requestId, task.id, chosen);
    setUploading(false);
    if (!answer.ok) {
      const explained = uploadProblem(answer.failure);
      if (explained) refuse('document', explained);
      else setFailure(answer.failure);
      return null;
    }
    setUploaded(answer.data);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    setAnnouncement(t('permits.taskAnswer.uploadedStatus', { file: answer.data.file_name }));
    onChanged?.();
    return answer.data;
  }

  async function uploadChosen() {
    if (busy) return;
    setErrors({});
    setFailure(null);
    setStale(false);
    if (!file) {
      refuse('document', t('permits.documents.errors.noFile'));
      return;
    }
    setBusy(true);
    await upload(file);
    setBusy(false);
  }

  async function prepare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setErrors({});
    setFailure(null);
    setStale(false);
    if (!verdict) {
      refuse('verdict', t('permits.taskAnswer.verdictMissing'));
      return;
    }
    if (verdict === 'decline' && comment.trim() === '') {
      refuse('comment', t('permits.actions.declineNeedsComment'));
      return;
    }
    setBusy(true);
    // A file chosen but not uploaded yet goes with the answer.
    const document = file ? await upload(file) : attached;
    if (file && !document) {
      setBusy(false);
      return;
    }
    if (verdict === 'approve' && !document) {
      setBusy(false);
      refuse('document', t('permits.taskAnswer.documentMissing'));
      return;
    }
    const answer = await readTaskAnswer(requestId, task.id, verdict, comment);
    setBusy(false);
    if (!answer.ok) {
      const refusal = answer.failure;
      const fields = refusal.kind === 'problem' && refusal.problem.type === 'validation' ? (refusal.problem.errors ?? []) : [];
      if (fields.some((error) => error.field === 'document')) refuse('document', t('permits.taskAnswer.documentMissing'));
      else if (fields.some((error) => error.field === 'comment')) refuse('comment', t('permits.actions.declineNeedsComment'));
      else setFailure(refusal);
      return;
    }
    setPrepared(answer.data);
  }

  const onSignedTexts: SignedTextsHandler = async ({ signatures }) => {
    if (!prepared || !verdict) return;
    setFailure(null);
    const outcome = await onSigned(
      verdict,
      signTaskAnswer(requestId, task.id, verdict, comment, prepared.digest, signatures[0] ?? ''),
    );
    if (!outcome) return;
    if (problemType(outcome) === 'conflict') {
      // The answer is not what was signed any more: read it again from the first step.
      setPrepared(null);
      setStale(true);
      onChanged?.();
    }
    setFailure(outcome);
  };

  const explain: Partial<Record<string, string>> = {
    'eds-wrong-key-usage': t('permits.sign.wrongKey'),
    'eds-identity-mismatch': t('permits.taskAnswer.otherPerson'),
    ...(stale ? { conflict: t('permits.taskAnswer.changed') } : {}),
  };

  if (!prepared || !verdict) {
    return (
      <form className="form" onSubmit={(event) => void prepare(event)} noValidate>
        <p>{t('permits.taskAnswer.intro')}</p>
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <ProblemAlert failure={failure} explain={explain} />
        <fieldset
          className={errors.verdict ? 'choice field--error' : 'choice'}
          aria-describedby={errors.verdict ? verdictErrorId : undefined}
        >
          <legend className="choice__legend">{t('permits.taskAnswer.verdict')}</legend>
          {errors.verdict && (
            <p id={verdictErrorId} className="field__error">
              <span className="visually-hidden">{t('form.errorPrefix')} </span>
              {errors.verdict}
            </p>
          )}
          {(['approve', 'decline'] as const).map((option) => (
            <label key={option} className="choice__option">
              <input
                ref={option === 'approve' ? verdictInput : undefined}
                type="radio"
                name={`task-verdict-${task.id}`}
                value={option}
                checked={verdict === option}
                onChange={() => {
                  setVerdict(option);
                  setErrors({});
                }}
              />{' '}
              {option === 'approve' ? t('permits.actions.taskApprove') : t('permits.actions.taskDecline')}
            </label>
          ))}
        </fieldset>
        {attached && (
          <p data-testid="task-document">
            {t('permits.taskAnswer.uploaded', { file: attached.file_name, size: fileSize(attached.size) })}
          </p>
        )}
        <Field
          label={t('permits.taskAnswer.document')}
          hint={
            attached
              ? t('permits.taskAnswer.documentHintReplace', { size: maxSize })
              : t('permits.taskAnswer.documentHint', { size: maxSize })
          }
          error={errors.document ?? null}
        >
          {(control) => (
            <input
              {...control}
              ref={fileInput}
              type="file"
              name="task-document"
              accept={acceptOf(TASK_DOCUMENT_TYPES)}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setErrors({});
              }}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void uploadChosen()}>
            {uploading ? t('permits.documents.uploading') : t('permits.taskAnswer.upload')}
          </button>
        </div>
        <Field label={t('permits.actions.comment')} hint={t('permits.actions.taskHint')} error={errors.comment ?? null}>
          {(control) => (
            <textarea
              {...control}
              ref={commentInput}
              name="task-comment"
              rows={3}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {t('permits.taskAnswer.prepare')}
        </button>
      </form>
    );
  }

  const summary = summaryOf(prepared.answer, {
    verdict,
    comment: comment.trim() || null,
    document: attached ? { name: attached.file_name, size: attached.size } : null,
  });

  return (
    <div className="task-answer" data-testid="task-answer-summary">
      <p role="status">{t('permits.taskAnswer.prepared')}</p>
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('permits.approvals.status')}</dt>
          <dd>{summary.verdict === 'approve' ? t('permits.approvals.statuses.approved') : t('permits.approvals.statuses.declined')}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.actions.comment')}</dt>
          <dd>{summary.comment ?? '—'}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.approvals.document')}</dt>
          <dd>
            {summary.document
              ? summary.document.size === null
                ? summary.document.name
                : t('permits.taskAnswer.file', { file: summary.document.name, size: fileSize(summary.document.size) })
              : t('permits.taskAnswer.noDocument')}
          </dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.taskAnswer.digest')}</dt>
          <dd>
            <code data-testid="answer-digest">{prepared.digest}</code>
          </dd>
        </div>
      </dl>
      <p>{t('permits.taskAnswer.signIntro')}</p>
      <ProblemAlert failure={failure} explain={explain} />
      {renderSigner(
        [prepared.digest],
        onSignedTexts,
        verdict === 'approve' ? t('permits.taskAnswer.signApprove') : t('permits.taskAnswer.signDecline'),
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setPrepared(null);
            setFailure(null);
          }}
        >
          {t('permits.taskAnswer.back')}
        </button>
      </div>
    </div>
  );
}
