// The application wizard, for a draft and for a request sent back for corrections, in three
// steps kept in the address (`?step=`): (1) the form, rendered from the service's JSON Schema and
// saved with the ETag in If-Match (someone else's change meanwhile is a 412: the latest version
// is loaded and the applicant told); (2) the document checklist; (3) a review, then the
// signature with the SIGN key over the digest of exactly what is submitted, sent with an
// Idempotency-Key. The server's field errors at submission go back to their fields and slots.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useFieldErrorText } from '@/components/forms/use-field-errors';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import type { ApiFailure, FieldError } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import { saveDraft } from '../api/drafts';
import { loadRequestWithType } from '../api/load-request';
import { actionsOf, formDataOf, type PermitRequest, type PermitType } from '../api/permit-types';
import { getDigest, submitRequest } from '../api/submission';
import { useLocalized } from '../lib/format';
import { sortServerErrors, type SortedErrors } from '../lib/server-errors';
import type { RenderSigner } from '../lib/signer';
import {
  checkField,
  checkForm,
  fieldLabel,
  readFormSchema,
  toFormData,
  toInputs,
  type FormField,
  type FormInputs,
} from '../schema-form/form-schema';
import { SchemaForm, useFieldProblemText } from '../schema-form/schema-form';
import { DocumentChecklist } from './document-checklist';
import { CorrectionList, FormSummary } from './form-summary';
import './permits.css';

export const EDITOR_STEPS = ['form', 'documents', 'sign'] as const;
export type EditorStep = (typeof EDITOR_STEPS)[number];

function stepOf(value: string | null): EditorStep {
  return EDITOR_STEPS.find((step) => step === value) ?? 'form';
}

/** The reviewer's remarks, by form field and by slot. */
function remarksOf(request: PermitRequest) {
  const fields: Record<string, string[]> = {};
  const slots: Record<string, string[]> = {};
  for (const item of request.corrections) {
    if (item.field) (fields[item.field] ??= []).push(item.message);
    else if (item.slot) (slots[item.slot] ??= []).push(item.message);
  }
  return { fields, slots };
}

/** What the applicant typed, and the version of the request it started from. */
interface Draft {
  etag: string;
  title: string;
  inputs: FormInputs;
  dirty: boolean;
}

const NO_ERRORS: SortedErrors = { form: {}, documents: {}, title: null, other: [] };

/** A copy of `record` without `name`. */
function without<T>(record: Record<string, T>, name: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== name));
}

/** A server error in the interface language: the form's own words for the rule, when it knows it. */
function useServerErrorText(): (error: FieldError, field?: FormField, input?: string | boolean) => string {
  const problemText = useFieldProblemText();
  const codeText = useFieldErrorText();
  return (error, field, input) => {
    const problem = field ? checkField(field, input) : null;
    if (problem) return problemText(problem);
    return codeText(error.code, error.message);
  };
}

function StepLinks({ back, next }: { back?: EditorStep; next?: EditorStep }) {
  const { t } = useTranslation();
  return (
    <p className="form__actions">
      {back && (
        <Link className="button button--secondary" to={{ search: `?step=${back}` }}>
          {t('permits.editor.back')}
        </Link>
      )}
      {next && (
        <Link className="button" to={{ search: `?step=${next}` }}>
          {t('permits.editor.next')}
        </Link>
      )}
    </p>
  );
}

interface FormStepProps {
  fields: readonly FormField[];
  draft: Draft;
  onDraft: (change: Partial<Pick<Draft, 'title' | 'inputs'>>) => void;
  remarks: Readonly<Record<string, readonly string[]>>;
  serverErrors: SortedErrors;
  onEdited: (name: string) => void;
  save: () => Promise<boolean>;
  saveFailure: ApiFailure | null;
}

function FormStep({ fields, draft, onDraft, remarks, serverErrors, onEdited, save, saveFailure }: FormStepProps) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const problemText = useFieldProblemText();
  const serverText = useServerErrorText();
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [focusRound, setFocusRound] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRound === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRound]);

  const errors: Record<string, string> = {};
  for (const field of fields) {
    const own = checked[field.name];
    const server = serverErrors.form[field.name];
    if (own) errors[field.name] = own;
    else if (server) errors[field.name] = serverText(server, field, draft.inputs[field.name]);
  }

  async function submit(andContinue: boolean) {
    if (busy) return;
    if (andContinue) {
      const problems = checkForm(fields, draft.inputs);
      const texts = Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, problemText(problem)]));
      setChecked(texts);
      if (Object.keys(texts).length > 0) {
        setFocusRound((previous) => previous + 1);
        return;
      }
    } else {
      setChecked({});
    }
    setBusy(true);
    const saved = draft.dirty ? await save() : true;
    setBusy(false);
    if (!saved) {
      setFocusRound((previous) => previous + 1);
      return;
    }
    if (andContinue) setParams({ step: 'documents' });
  }

  const checkedCount = Object.keys(checked).length;
  return (
    <form
      ref={form}
      className="form form--wide"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void submit(true);
      }}
      noValidate
    >
      <p>{t('permits.editor.formIntro')}</p>
      {checkedCount > 0 && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('permits.editor.formInvalid', { count: checkedCount })}</p>
        </div>
      )}
      {checkedCount === 0 && (Object.keys(serverErrors.form).length > 0 || serverErrors.title) && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('permits.editor.serverInvalid')}</p>
        </div>
      )}
      <ProblemAlert failure={saveFailure} />
      <Field
        label={t('permits.fields.title')}
        hint={t('permits.editor.titleHint')}
        error={serverErrors.title ? serverText(serverErrors.title) : null}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="title"
            maxLength={300}
            value={draft.title}
            onChange={(event) => {
              onDraft({ title: event.target.value });
              onEdited('title');
            }}
          />
        )}
      </Field>
      <SchemaForm
        fields={fields}
        inputs={draft.inputs}
        errors={errors}
        remarks={remarks}
        onChange={(name, value) => {
          onDraft({ inputs: { ...draft.inputs, [name]: value } });
          onEdited(name);
          setChecked((previous) => (name in previous ? without(previous, name) : previous));
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('permits.editor.saveAndContinue')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void submit(false)}
        >
          {t('permits.editor.saveDraft')}
        </button>
      </div>
    </form>
  );
}

interface SignStepProps {
  request: PermitRequest;
  type: PermitType;
  fields: readonly FormField[];
  dirty: boolean;
  save: () => Promise<boolean>;
  renderSigner: RenderSigner;
  onSubmitted: (request: PermitRequest) => void;
  /** The server named fields or slots to fix: keep its errors; answers the step to go to. */
  onInvalid: (errors: SortedErrors) => EditorStep;
  /** The request changed since it was read: read it again. */
  onStale: () => void;
}

function SignStep({ request, type, fields, dirty, save, renderSigner, onSubmitted, onInvalid, onStale }: SignStepProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const language = currentLanguage();
  const [, setParams] = useSearchParams();
  const problemText = useFieldProblemText();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const digestKey = `${request.etag}:${request.documents.map((document) => document.id).join(',')}`;
  const loadDigest = useCallback(() => getDigest(request.id), [request.id]);
  const digest = useApiResult(loadDigest, digestKey);

  const problems = checkForm(fields, toInputs(fields, formDataOf(request)));
  const missing = type.documents.filter(
    (slot) => slot.mandatory && !request.documents.some((document) => document.slot === slot.code),
  );
  const complete = Object.keys(problems).length === 0 && missing.length === 0;
  const resubmission = request.status === 'corrections_requested';
  const unplaced = sortServerErrors(failure).other;

  const onSigned: SignedTextsHandler = async ({ signatures }) => {
    if (!digest.result?.ok) return;
    setFailure(null);
    setStale(false);
    const answer = await submitRequest(
      request.id,
      { digest: digest.result.data.digest, signature: signatures[0] ?? '' },
      crypto.randomUUID(),
    );
    if (answer.ok) {
      onSubmitted(answer.data);
      return;
    }
    const sorted = sortServerErrors(answer.failure);
    const placed = Object.keys(sorted.form).length + Object.keys(sorted.documents).length + (sorted.title ? 1 : 0);
    if (placed > 0) {
      setParams({ step: onInvalid(sorted) });
      return;
    }
    if (answer.failure.kind === 'problem' && answer.failure.problem.type === 'conflict') {
      setStale(true);
      digest.reload();
      onStale();
      return;
    }
    setFailure(answer.failure);
  };

  return (
    <>
      <p>{resubmission ? t('permits.sign.introAgain') : t('permits.sign.intro')}</p>
      <h3>{t('permits.sign.formHeading')}</h3>
      <FormSummary type={type} formData={formDataOf(request)} />
      <h3>{t('permits.sign.documentsHeading')}</h3>
      <ul className="checklist-summary">
        {type.documents.map((slot) => {
          const files = request.documents.filter((document) => document.slot === slot.code);
          return (
            <li key={slot.code}>
              <span className="checklist-summary__name">{localized(slot.name)}:</span>{' '}
              {files.length > 0 ? files.map((file) => file.file_name).join(', ') : t('permits.documents.none')}
            </li>
          );
        })}
      </ul>

      {!complete && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('permits.sign.incomplete')}</p>
          <ul>
            {fields
              .filter((field) => problems[field.name])
              .map((field) => {
                const problem = problems[field.name];
                return (
                  <li key={field.name}>
                    <Link to={{ search: '?step=form' }}>{fieldLabel(field, language)}</Link>:{' '}
                    {problem ? problemText(problem) : ''}
                  </li>
                );
              })}
            {missing.map((slot) => (
              <li key={slot.code}>
                <Link to={{ search: '?step=documents' }}>{localized(slot.name)}</Link>: {t('permits.documents.missing')}
              </li>
            ))}
          </ul>
        </div>
      )}

      {dirty && (
        <div className="alert alert--warning">
          <p>{t('permits.sign.unsaved')}</p>
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() => {
              setSaving(true);
              void save().finally(() => setSaving(false));
            }}
          >
            {t('permits.sign.saveFirst')}
          </button>
        </div>
      )}

      {complete && !dirty && (
        <section aria-labelledby="sign-heading">
          <h3 id="sign-heading">{resubmission ? t('permits.sign.headingAgain') : t('permits.sign.heading')}</h3>
          {stale && (
            <div className="alert alert--warning" role="alert">
              <p>{t('permits.sign.stale')}</p>
            </div>
          )}
          <ProblemAlert
            failure={failure}
            explain={{
              'eds-wrong-key-usage': t('permits.sign.wrongKey'),
              'eds-identity-mismatch': t('permits.sign.otherPerson'),
              // Errors that name no field or document are listed here rather than "marked below".
              validation: t('permits.sign.invalid'),
            }}
          >
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((error, index) => (
                  <li key={index}>{error.message}</li>
                ))}
              </ul>
            )}
          </ProblemAlert>
          {!digest.result ? (
            <p role="status">{t('common.loading')}</p>
          ) : !digest.result.ok ? (
            <ProblemAlert failure={digest.result.failure} />
          ) : (
            <>
              <p>{t('permits.sign.digestIntro', { version: digest.result.data.version })}</p>
              <p className="digest">
                <span className="digest__label">{t('permits.sign.digest')}</span>{' '}
                <code data-testid="digest">{digest.result.data.digest}</code>
              </p>
              {renderSigner(
                [digest.result.data.digest],
                onSigned,
                resubmission ? t('permits.sign.submitAgain') : t('permits.sign.submit'),
              )}
            </>
          )}
        </section>
      )}
      <StepLinks back="documents" />
    </>
  );
}

export interface RequestEditorProps {
  id: string;
  renderSigner: RenderSigner;
  /** Submitted: go to the request's page. */
  onSubmitted: (request: PermitRequest) => void;
  /** The request's page, for a request that can no longer be edited. */
  viewLink: (id: string) => string;
  /** The request, once read (for the page's heading). */
  onLoaded?: (request: PermitRequest) => void;
}

export function RequestEditor({ id, renderSigner, onSubmitted, viewLink, onLoaded }: RequestEditorProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const step = stepOf(params.get('step'));
  const load = useCallback(() => loadRequestWithType(id), [id]);
  const { result, reload } = useApiResult(load);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saveFailure, setSaveFailure] = useState<ApiFailure | null>(null);
  const [serverErrors, setServerErrors] = useState<SortedErrors>(NO_ERRORS);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);

  const loaded = result?.ok ? result.data : null;
  const fields = loaded ? readFormSchema(loaded.type.form_schema) : [];
  // The inputs follow the request whenever it changed on the server (saved here, or elsewhere).
  if (loaded && (draft === null || draft.etag !== loaded.request.etag)) {
    setDraft({
      etag: loaded.request.etag,
      title: loaded.request.title,
      inputs: toInputs(fields, formDataOf(loaded.request)),
      dirty: false,
    });
  }

  const loadedRequest = loaded?.request ?? null;
  useEffect(() => {
    if (loadedRequest) onLoaded?.(loadedRequest);
  }, [loadedRequest, onLoaded]);

  // A new step is announced by moving to its heading, as a new page would be.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    stepHeading.current?.focus();
  }, [step]);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (!loaded || !draft) return <p role="status">{t('common.loading')}</p>;
  const { request, type } = loaded;

  if (!actionsOf(request).includes('edit')) {
    return (
      <div className="alert alert--warning">
        <p>{t('permits.editor.notEditable')}</p>
        <p>
          <Link to={viewLink(request.id)}>{t('permits.editor.toRequest')}</Link>
        </p>
      </div>
    );
  }

  const current = draft;
  const remarks = remarksOf(request);
  const stepIndex = EDITOR_STEPS.indexOf(step);

  async function save(): Promise<boolean> {
    setNotice(null);
    setConflict(false);
    const saved = await saveDraft(request, {
      title: current.title.trim() || request.title,
      formData: toFormData(fields, current.inputs, formDataOf(request)),
    });
    if (!saved.ok) {
      const failure = saved.failure;
      if (failure.kind === 'problem' && failure.problem.type === 'precondition-failed') {
        setConflict(true);
        setSaveFailure(null);
        reload();
        return false;
      }
      setServerErrors({ ...sortServerErrors(failure), other: [] });
      setSaveFailure(failure);
      return false;
    }
    setSaveFailure(null);
    setNotice(t('permits.editor.saved'));
    reload();
    return true;
  }

  return (
    <>
      {request.status === 'corrections_requested' && request.corrections.length > 0 && (
        <section className="alert alert--warning" aria-labelledby="editor-corrections">
          <h2 id="editor-corrections" className="alert__heading">
            {t('permits.corrections.heading')}
          </h2>
          <p>{t('permits.corrections.intro')}</p>
          <CorrectionList type={type} items={request.corrections} testId="corrections" />
        </section>
      )}

      <nav aria-label={t('permits.editor.stepsLabel')}>
        <ol className="wizard-steps">
          {EDITOR_STEPS.map((name, index) => (
            <li key={name} className={index === stepIndex ? 'wizard-steps__step wizard-steps__step--current' : 'wizard-steps__step'}>
              <Link to={{ search: `?step=${name}` }} aria-current={index === stepIndex ? 'step' : undefined}>
                {t('permits.editor.stepNumber', { number: index + 1 })} {t(`permits.editor.steps.${name}`)}
              </Link>
            </li>
          ))}
        </ol>
      </nav>

      {conflict && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('permits.editor.conflictTitle')}</p>
          <p>{t('permits.editor.conflict')}</p>
        </div>
      )}
      {notice && <Notice>{notice}</Notice>}

      <section aria-labelledby="editor-step">
        <h2 id="editor-step" ref={stepHeading} tabIndex={-1}>
          {t('permits.editor.stepOf', { number: stepIndex + 1, total: EDITOR_STEPS.length })}{' '}
          {t(`permits.editor.steps.${step}`)}
        </h2>
        {step === 'form' && (
          <FormStep
            fields={fields}
            draft={draft}
            onDraft={(change) => setDraft((previous) => (previous ? { ...previous, ...change, dirty: true } : previous))}
            remarks={remarks.fields}
            serverErrors={serverErrors}
            onEdited={(name) =>
              setServerErrors((previous) => {
                if (name === 'title') return previous.title ? { ...previous, title: null } : previous;
                return previous.form[name] ? { ...previous, form: without(previous.form, name) } : previous;
              })
            }
            save={save}
            saveFailure={saveFailure}
          />
        )}
        {step === 'documents' && (
          <>
            <p>{t('permits.editor.documentsIntro')}</p>
            {Object.keys(serverErrors.documents).length > 0 && (
              <div className="alert alert--error" role="alert">
                <p className="alert__title">{t('permits.editor.documentsInvalid')}</p>
              </div>
            )}
            <DocumentChecklist
              requestId={request.id}
              slots={type.documents}
              documents={request.documents}
              editable
              submitErrors={Object.fromEntries(
                Object.entries(serverErrors.documents).map(([slot, error]) => [
                  slot,
                  error.code === 'required' ? t('permits.documents.missing') : error.message,
                ]),
              )}
              remarks={remarks.slots}
              onChanged={() => {
                setServerErrors((previous) => ({ ...previous, documents: {} }));
                reload();
              }}
            />
            <StepLinks back="form" next="sign" />
          </>
        )}
        {step === 'sign' && !request.actions.includes('submit') && (
          <>
            <p className="co-applicants__notice" role="note">
              {t('permits.editor.onlyApplicantSigns')}
            </p>
            <StepLinks back="documents" />
          </>
        )}
        {step === 'sign' && request.actions.includes('submit') && (
          <SignStep
            request={request}
            type={type}
            fields={fields}
            dirty={draft.dirty}
            save={save}
            renderSigner={renderSigner}
            onSubmitted={onSubmitted}
            onInvalid={(sorted) => {
              setServerErrors(sorted);
              return Object.keys(sorted.form).length > 0 || sorted.title ? 'form' : 'documents';
            }}
            onStale={reload}
          />
        )}
      </section>
    </>
  );
}
