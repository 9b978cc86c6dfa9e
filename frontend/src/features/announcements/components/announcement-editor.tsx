// Administrators write an announcement or a maintenance notice: kind, audience, the title and the
// text in each of the three languages, when it is published and when it expires, and for
// maintenance the window the service is down. A live preview shows the banner in each language.
import { Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import { LANGUAGES, LANGUAGE_AUTONYMS } from '@/i18n/languages';
import type { ApiFailure } from '@/lib/api-client';
import {
  AUDIENCES,
  KINDS,
  type AnnouncementKind,
  type AnnouncementRequest,
  type Audience,
  type Localized,
} from '../api/announcement-types';
import { createAnnouncement } from '../api/create-announcement';
import { AnnouncementNotice } from './announcement-notice';

const DAY_MS = 24 * 3600 * 1000;

/** A `datetime-local` value (local time, to the minute) for a moment. */
export function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}`;
}

/** The moment a `datetime-local` value (local time) stands for, as an ISO string; null if empty. */
function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

interface Draft {
  kind: AnnouncementKind;
  audience: Audience;
  title: Localized;
  body: Localized;
  publishAt: string;
  expiresAt: string;
  windowStart: string;
  windowEnd: string;
}

function emptyDraft(): Draft {
  const now = new Date();
  return {
    kind: 'info',
    audience: 'everyone',
    title: { kk: '', ru: '', en: '' },
    body: { kk: '', ru: '', en: '' },
    publishAt: toLocalInput(now),
    expiresAt: toLocalInput(new Date(now.getTime() + 7 * DAY_MS)),
    windowStart: '',
    windowEnd: '',
  };
}

/** The form's own checks, by the API's field names. */
function check(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const language of LANGUAGES) {
    if (!draft.title[language].trim()) errors[`title.${language}`] = 'required';
    if (!draft.body[language].trim()) errors[`body.${language}`] = 'required';
  }
  if (!draft.expiresAt) errors.expires_at = 'required';
  if (draft.kind === 'maintenance') {
    if (!draft.windowStart) errors.window_start = 'required';
    if (!draft.windowEnd) errors.window_end = 'required';
  }
  return errors;
}

export function AnnouncementEditor() {
  const { t } = useTranslation();
  const fieldText = useFieldErrorText();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [ownErrors, setOwnErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [published, setPublished] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const apiErrors = useApiFieldErrors(failure);
  // Bumped by a refused submit: the first field in error then takes the focus.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const errorOf = (field: string): string | null => {
    const own = ownErrors[field];
    if (own) return fieldText(own);
    return apiErrors[field] ?? null;
  };

  const update = (change: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...change }));
    setPublished(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = check(draft);
    setOwnErrors(errors);
    if (Object.keys(errors).length > 0) {
      setFailure(null);
      setRefused((previous) => previous + 1);
      return;
    }
    const maintenance = draft.kind === 'maintenance';
    const request: AnnouncementRequest = {
      kind: draft.kind,
      audience: draft.audience,
      title: draft.title,
      body: draft.body,
      publish_at: fromLocalInput(draft.publishAt),
      expires_at: fromLocalInput(draft.expiresAt) ?? '',
      window_start: maintenance ? fromLocalInput(draft.windowStart) : null,
      window_end: maintenance ? fromLocalInput(draft.windowEnd) : null,
    };
    setSaving(true);
    const result = await createAnnouncement(request);
    setSaving(false);
    if (!result.ok) {
      setFailure(result.failure);
      setRefused((previous) => previous + 1);
      return;
    }
    setFailure(null);
    setPublished(result.data.title[LANGUAGES[0]]);
    setDraft(emptyDraft());
  };

  const maintenance = draft.kind === 'maintenance';

  return (
    <div className="announcement-editor">
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate>
        <ProblemAlert failure={failure} />
        {published !== null && <Notice>{t('announcements.editor.published', { title: published })}</Notice>}

        <fieldset>
          <legend>{t('announcements.editor.about')}</legend>
          <Field label={t('announcements.editor.kind')}>
            {(control) => (
              <select
                {...control}
                value={draft.kind}
                onChange={(event) => update({ kind: event.target.value as AnnouncementKind })}
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`announcements.kinds.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('announcements.editor.audience')}>
            {(control) => (
              <select
                {...control}
                value={draft.audience}
                onChange={(event) => update({ audience: event.target.value as Audience })}
              >
                {AUDIENCES.map((audience) => (
                  <option key={audience} value={audience}>
                    {t(`announcements.audiences.${audience}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        {LANGUAGES.map((language) => (
          <fieldset key={language}>
            <legend>{t('announcements.editor.textIn', { language: LANGUAGE_AUTONYMS[language] })}</legend>
            <Field label={t('announcements.editor.title', { language: LANGUAGE_AUTONYMS[language] })} error={errorOf(`title.${language}`)}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  lang={language}
                  value={draft.title[language]}
                  onChange={(event) => update({ title: { ...draft.title, [language]: event.target.value } })}
                />
              )}
            </Field>
            <Field label={t('announcements.editor.body', { language: LANGUAGE_AUTONYMS[language] })} error={errorOf(`body.${language}`)}>
              {(control) => (
                <textarea
                  {...control}
                  lang={language}
                  rows={3}
                  value={draft.body[language]}
                  onChange={(event) => update({ body: { ...draft.body, [language]: event.target.value } })}
                />
              )}
            </Field>
          </fieldset>
        ))}

        <fieldset>
          <legend>{t('announcements.editor.when')}</legend>
          <Field
            label={t('announcements.editor.publishAt')}
            hint={t('announcements.editor.publishAtHint')}
            error={errorOf('publish_at')}
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={draft.publishAt}
                onChange={(event) => update({ publishAt: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('announcements.editor.expiresAt')} error={errorOf('expires_at')}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={draft.expiresAt}
                onChange={(event) => update({ expiresAt: event.target.value })}
              />
            )}
          </Field>
          {maintenance && (
            <>
              <Field label={t('announcements.editor.windowStart')} error={errorOf('window_start')}>
                {(control) => (
                  <input
                    {...control}
                    type="datetime-local"
                    value={draft.windowStart}
                    onChange={(event) => update({ windowStart: event.target.value })}
                  />
                )}
              </Field>
              <Field
                label={t('announcements.editor.windowEnd')}
                hint={t('announcements.editor.windowHint')}
                error={errorOf('window_end')}
              >
                {(control) => (
                  <input
                    {...control}
                    type="datetime-local"
                    value={draft.windowEnd}
                    onChange={(event) => update({ windowEnd: event.target.value })}
                  />
                )}
              </Field>
            </>
          )}
        </fieldset>

        <button type="submit" className="button" disabled={saving}>
          {t('announcements.editor.submit')}
        </button>
      </form>

      <section className="announcement-preview" aria-labelledby="announcement-preview-heading">
        <h2 id="announcement-preview-heading">{t('announcements.editor.preview')}</h2>
        <p className="field__hint">{t('announcements.editor.previewHint')}</p>
        {/* Each language's words arrive with its translations, fetched on first use. */}
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          {LANGUAGES.map((language) => (
            <div key={language} data-testid={`preview-${language}`}>
              <h3>{LANGUAGE_AUTONYMS[language]}</h3>
              <AnnouncementNotice
                language={language}
                announcement={{
                  kind: draft.kind,
                  title: draft.title,
                  body: draft.body,
                  window_start: fromLocalInput(draft.windowStart),
                  window_end: fromLocalInput(draft.windowEnd),
                }}
              />
            </div>
          ))}
        </Suspense>
      </section>
    </div>
  );
}
