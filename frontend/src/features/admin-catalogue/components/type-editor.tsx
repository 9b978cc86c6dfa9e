// The editor of one permit type (docs/administration.md, "The catalogue and the calendar"): its
// names and description in the three languages, who may apply, the periods in working days, the
// responsible organisation and the approvals, the checklist of documents, the refusal grounds, the
// form's JSON Schema, whether it is open; and the reason, without which nothing is saved. What the
// server would refuse is found before anything is sent; what it refuses all the same is shown at
// the field it names, in the interface language. Beside it, the application form as the
// applicant will see it, drawn from the schema being edited (`renderPreview`, the permits
// feature's form, composed in by the page).
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import type { ApiFailure } from '@/lib/api-client';
import { APPLICANT_KINDS, CONTENT_TYPES, type Organisation, type PermitTypeView } from '../api/catalogue-types';
import { putType } from '../api/permit-types';
import {
  PERIODS,
  REASON_MAX,
  checkDraft,
  draftOf,
  fieldOfError,
  fieldsShown,
  groundDraft,
  parseSchema,
  slotDraft,
  toUpdate,
  type DraftProblem,
  type GroundDraft,
  type SlotDraft,
  type TypeDraft,
} from '../lib/type-draft';
import { Group } from './choice-group';
import { LocalizedFields } from './localized-fields';
import { useLocalized } from './use-localized';
import { useDraftProblemText } from './use-problem-texts';

/** Draws the application form from a form schema, as the applicant sees it. */
export type RenderPreview = (schema: unknown) => ReactNode;

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
};

const typeName = (contentType: string) => TYPE_NAMES[contentType] ?? contentType;

export interface TypeEditorProps {
  type: PermitTypeView;
  organisations: readonly Organisation[];
  onSaved: (type: PermitTypeView) => void;
  renderPreview: RenderPreview;
}

export function TypeEditor({ type, organisations, onSaved, renderPreview }: TypeEditorProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const problemText = useDraftProblemText();
  const [draft, setDraft] = useState<TypeDraft>(() => draftOf(type));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, DraftProblem>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const serverErrors = useApiFieldErrors(failure);
  const schema = useMemo(() => parseSchema(draft.formSchema), [draft.formSchema]);

  // The client's findings first, then the server's, each at the field the editor shows it at.
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) errors[field] = problemText(problem);
  for (const [field, text] of Object.entries(serverErrors)) errors[fieldOfError(field)] ??= text;
  const shown = fieldsShown(draft);
  const elsewhere = Object.entries(serverErrors).filter(([field]) => !shown.has(fieldOfError(field)));

  // After a check or a refusal, the first field at fault takes the focus.
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')?.focus();
  }, [attempt]);

  const update = (patch: Partial<TypeDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const updateSlot = (index: number, patch: Partial<SlotDraft>) =>
    setDraft((previous) => ({
      ...previous,
      documents: previous.documents.map((slot, at) => (at === index ? { ...slot, ...patch } : slot)),
    }));
  const updateGround = (index: number, patch: Partial<GroundDraft>) =>
    setDraft((previous) => ({
      ...previous,
      refusalGrounds: previous.refusalGrounds.map((ground, at) => (at === index ? { ...ground, ...patch } : ground)),
    }));
  /** Rows added or removed: the errors found so far name rows by position, so they are dropped. */
  const reshape = (patch: Partial<TypeDraft>) => {
    update(patch);
    setProblems({});
    setFailure(null);
  };
  const toggle = (list: readonly string[], value: string, on: boolean) =>
    on ? [...list.filter((entry) => entry !== value), value] : list.filter((entry) => entry !== value);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = checkDraft(draft, reason);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      setAttempt((previous) => previous + 1);
      return;
    }
    setBusy(true);
    const answer = await putType(draft.code, toUpdate(draft, reason));
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      setAttempt((previous) => previous + 1);
      return;
    }
    onSaved(answer.data);
  }

  const approvers = organisations.filter((organisation) => organisation.code !== draft.organisation);

  return (
    <>
      <p>{t('adminCatalogue.editor.intro', { next: type.version + 1 })}</p>
      {Object.keys(problems).length > 0 && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('adminCatalogue.editor.invalid')}</p>
        </div>
      )}
      <ProblemAlert failure={failure}>
        {elsewhere.length > 0 && (
          <>
            <p>{t('adminCatalogue.editor.otherErrors')}</p>
            <ul>
              {elsewhere.map(([field, text]) => (
                <li key={field}>
                  <code>{field}</code>: {text}
                </li>
              ))}
            </ul>
          </>
        )}
      </ProblemAlert>
      <form ref={form} className="form catalogue-editor" onSubmit={(event) => void submit(event)} noValidate>
        <Group legend={t('adminCatalogue.editor.name')}>
          <LocalizedFields
            label={t('adminCatalogue.editor.name')}
            field="name"
            value={draft.name}
            errors={errors}
            onChange={(name) => update({ name })}
          />
        </Group>
        <Group legend={t('adminCatalogue.editor.description')}>
          <LocalizedFields
            label={t('adminCatalogue.editor.description')}
            field="description"
            multiline
            value={draft.description}
            errors={errors}
            onChange={(description) => update({ description })}
          />
        </Group>

        <Group legend={t('adminCatalogue.editor.applicants')} error={errors.applicant_kinds ?? null}>
          {APPLICANT_KINDS.map((kind) => (
            <label key={kind} className="choice__option">
              <input
                type="checkbox"
                name="applicant_kinds"
                value={kind}
                checked={draft.applicantKinds.includes(kind)}
                onChange={(event) =>
                  update({
                    applicantKinds: APPLICANT_KINDS.filter((option) =>
                      option === kind ? event.target.checked : draft.applicantKinds.includes(option),
                    ),
                  })
                }
              />{' '}
              {t(`permits.applicantKinds.${kind}`)}
            </label>
          ))}
        </Group>

        <Group legend={t('adminCatalogue.editor.periods')} hint={t('adminCatalogue.editor.periodsHint')}>
          <div className="catalogue-periods">
            {PERIODS.map(({ field, min, max }) => (
              <Field
                key={field}
                label={t(`adminCatalogue.editor.period.${field}`)}
                hint={t('adminCatalogue.editor.periodRange', { min, max })}
                error={errors[field] ?? null}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    name={field}
                    aria-required
                    value={draft.periods[field]}
                    onChange={(event) => update({ periods: { ...draft.periods, [field]: event.target.value } })}
                  />
                )}
              </Field>
            ))}
          </div>
        </Group>

        <Field label={t('adminCatalogue.editor.organisation')} error={errors.organisation ?? null}>
          {(control) => (
            <select
              {...control}
              name="organisation"
              value={draft.organisation}
              onChange={(event) => update({ organisation: event.target.value })}
            >
              {organisations.length === 0 && <option value={draft.organisation}>{draft.organisation}</option>}
              {organisations.map((organisation) => (
                <option key={organisation.code} value={organisation.code}>
                  {localized(organisation.name)}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Group legend={t('adminCatalogue.editor.approvals')} error={errors.approvals ?? null}>
          {approvers.length === 0 && <p>{t('adminCatalogue.editor.noApprovers')}</p>}
          {approvers.map((organisation) => (
            <label key={organisation.code} className="choice__option">
              <input
                type="checkbox"
                name="approvals"
                value={organisation.code}
                checked={draft.approvals.includes(organisation.code)}
                onChange={(event) => update({ approvals: toggle(draft.approvals, organisation.code, event.target.checked) })}
              />{' '}
              {localized(organisation.name)}
            </label>
          ))}
        </Group>

        <Group legend={t('adminCatalogue.editor.documents')} error={errors.documents ?? null}>
          {draft.documents.map((slot, index) => {
            const at = `documents[${index}]`;
            const number = index + 1;
            return (
              <Group key={slot.key} legend={t('adminCatalogue.editor.document', { number })} testId="catalogue-document">
                <Field label={t('adminCatalogue.editor.code')} hint={t('adminCatalogue.editor.codeHint')} error={errors[`${at}.code`] ?? null}>
                  {(control) => (
                    <input
                      {...control}
                      type="text"
                      autoComplete="off"
                      name={`${at}.code`}
                      aria-required
                      value={slot.code}
                      onChange={(event) => updateSlot(index, { code: event.target.value })}
                    />
                  )}
                </Field>
                <LocalizedFields
                  label={t('adminCatalogue.editor.documentName')}
                  field={`${at}.name`}
                  value={slot.name}
                  errors={errors}
                  onChange={(name) => updateSlot(index, { name })}
                />
                <Field label={t('adminCatalogue.editor.mandatory')} className="field--checkbox" error={errors[`${at}.mandatory`] ?? null}>
                  {(control) => (
                    <input
                      {...control}
                      type="checkbox"
                      name={`${at}.mandatory`}
                      checked={slot.mandatory}
                      onChange={(event) => updateSlot(index, { mandatory: event.target.checked })}
                    />
                  )}
                </Field>
                <Group legend={t('adminCatalogue.editor.contentTypes')} error={errors[`${at}.content_types`] ?? null}>
                  {CONTENT_TYPES.map((contentType) => (
                    <label key={contentType} className="choice__option">
                      <input
                        type="checkbox"
                        name={`${at}.content_types`}
                        value={contentType}
                        checked={slot.contentTypes.includes(contentType)}
                        onChange={(event) =>
                          updateSlot(index, { contentTypes: toggle(slot.contentTypes, contentType, event.target.checked) })
                        }
                      />{' '}
                      {typeName(contentType)}
                    </label>
                  ))}
                </Group>
                <Field label={t('adminCatalogue.editor.maxSize')} error={errors[`${at}.max_bytes`] ?? null} className="catalogue-size">
                  {(control) => (
                    <input
                      {...control}
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      name={`${at}.max_bytes`}
                      aria-required
                      value={slot.maxSize}
                      onChange={(event) => updateSlot(index, { maxSize: event.target.value })}
                    />
                  )}
                </Field>
                <p className="catalogue-row-actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => reshape({ documents: draft.documents.filter((_, at) => at !== index) })}
                  >
                    {t('adminCatalogue.editor.removeDocument', { number })}
                  </button>
                </p>
              </Group>
            );
          })}
          <button type="button" className="button button--secondary" onClick={() => reshape({ documents: [...draft.documents, slotDraft()] })}>
            {t('adminCatalogue.editor.addDocument')}
          </button>
        </Group>

        <Group legend={t('adminCatalogue.editor.grounds')} error={errors.refusal_grounds ?? null}>
          {draft.refusalGrounds.map((ground, index) => {
            const at = `refusal_grounds[${index}]`;
            const number = index + 1;
            return (
              <Group key={ground.key} legend={t('adminCatalogue.editor.ground', { number })} testId="catalogue-ground">
                <Field label={t('adminCatalogue.editor.code')} hint={t('adminCatalogue.editor.codeHint')} error={errors[`${at}.code`] ?? null}>
                  {(control) => (
                    <input
                      {...control}
                      type="text"
                      autoComplete="off"
                      name={`${at}.code`}
                      aria-required
                      value={ground.code}
                      onChange={(event) => updateGround(index, { code: event.target.value })}
                    />
                  )}
                </Field>
                <LocalizedFields
                  label={t('adminCatalogue.editor.groundText')}
                  field={`${at}.text`}
                  multiline
                  value={ground.text}
                  errors={errors}
                  onChange={(text) => updateGround(index, { text })}
                />
                <p className="catalogue-row-actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => reshape({ refusalGrounds: draft.refusalGrounds.filter((_, at) => at !== index) })}
                  >
                    {t('adminCatalogue.editor.removeGround', { number })}
                  </button>
                </p>
              </Group>
            );
          })}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => reshape({ refusalGrounds: [...draft.refusalGrounds, groundDraft()] })}
          >
            {t('adminCatalogue.editor.addGround')}
          </button>
        </Group>

        <Field
          label={t('adminCatalogue.editor.schema')}
          hint={t('adminCatalogue.editor.schemaHint')}
          error={errors.form_schema ?? null}
          className="catalogue-schema"
        >
          {(control) => (
            <textarea
              {...control}
              name="form_schema"
              rows={14}
              spellCheck={false}
              value={draft.formSchema}
              onChange={(event) => update({ formSchema: event.target.value })}
            />
          )}
        </Field>

        <Field
          label={t('adminCatalogue.editor.active')}
          hint={t('adminCatalogue.editor.activeHint')}
          className="field--checkbox"
          error={errors.active ?? null}
        >
          {(control) => (
            <input {...control} type="checkbox" name="active" checked={draft.active} onChange={(event) => update({ active: event.target.checked })} />
          )}
        </Field>

        <Field label={t('adminCatalogue.editor.reason')} hint={t('adminCatalogue.editor.reasonHint')} error={errors.reason ?? null}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={3}
              maxLength={REASON_MAX}
              aria-required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {t('adminCatalogue.editor.submit')}
          </button>
        </div>
      </form>

      <section aria-labelledby="catalogue-preview">
        <h2 id="catalogue-preview">{t('adminCatalogue.preview.heading')}</h2>
        <p>{t('adminCatalogue.preview.intro')}</p>
        <div className="catalogue-preview" data-testid="form-preview">
          {schema.ok ? renderPreview(schema.schema) : <p>{t('adminCatalogue.preview.invalid')}</p>}
          {draft.documents.length > 0 && (
            <>
              <h3>{t('adminCatalogue.preview.documents')}</h3>
              <ul>
                {draft.documents.map((slot) => (
                  <li key={slot.key}>
                    <strong>{localized(slot.name)}</strong> (
                    {slot.mandatory ? t('adminCatalogue.preview.mandatory') : t('adminCatalogue.preview.optional')}):{' '}
                    {t('adminCatalogue.preview.slot', { types: slot.contentTypes.map(typeName).join(', '), size: slot.maxSize })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </section>
    </>
  );
}
