// One year's exceptions to the Monday–Friday rule: the holidays (days off) and the Saturdays or
// Sundays worked by decree, each named in the three languages. Days are added, changed and
// removed here, then the year is saved as a whole (PUT /admin/calendar/{year}). A year without
// data of its own starts from the holidays fixed by law, which the server counts on meanwhile.
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiFailure } from '@/lib/api-client';
import { getCalendarYear, putCalendarYear } from '../api/calendar';
import { DAY_KINDS, type CalendarDay } from '../api/catalogue-types';
import { checkDays, dayDraft, dayFieldsShown, isDayKind, toDays, type DayDraft, type DayProblem } from '../lib/calendar-draft';
import { LANGUAGES } from '../lib/type-draft';
import { useDayProblemText } from './use-problem-texts';

export interface CalendarYearEditorProps {
  year: number;
  /** Whether the year has data of its own (null: not known). */
  defined: boolean | null;
  onSaved: () => void;
}

export function CalendarYearEditor({ year, defined, onSaved }: CalendarYearEditorProps) {
  const { t } = useTranslation();
  const load = useCallback(() => getCalendarYear(year), [year]);
  const { result } = useApiResult(load);
  const [saved, setSaved] = useState<CalendarDay[] | null>(null);

  return (
    <section aria-labelledby="calendar-editing" className="calendar-editor">
      <h2 id="calendar-editing">{t('adminCatalogue.calendar.editing', { year })}</h2>
      {defined === false && !saved && <p className="alert alert--info">{t('adminCatalogue.calendar.undefinedYear', { year })}</p>}
      {!result && <p role="status">{t('common.loading')}</p>}
      {result && !result.ok && <ProblemAlert failure={result.failure} />}
      {result?.ok && (
        <DaysForm
          year={year}
          initial={result.data}
          saved={saved}
          onSaved={(days) => {
            setSaved(days);
            onSaved();
          }}
        />
      )}
    </section>
  );
}

/** Rows in date order, the ones without a date yet last. */
function inDateOrder(rows: readonly DayDraft[]): DayDraft[] {
  return [...rows].sort((a, b) => (a.date === '' ? 1 : 0) - (b.date === '' ? 1 : 0) || a.date.localeCompare(b.date));
}

interface DaysFormProps {
  year: number;
  initial: CalendarDay[];
  saved: CalendarDay[] | null;
  onSaved: (days: CalendarDay[]) => void;
}

function DaysForm({ year, initial, saved, onSaved }: DaysFormProps) {
  const { t } = useTranslation();
  const problemText = useDayProblemText();
  const [rows, setRows] = useState<DayDraft[]>(() => initial.map((day) => dayDraft(day)));
  const [problems, setProblems] = useState<Record<string, DayProblem>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<{ key: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const table = useRef<HTMLTableSectionElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  const serverErrors = useApiFieldErrors(failure);

  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) errors[field] = problemText(problem);
  for (const [field, text] of Object.entries(serverErrors)) errors[field] ??= text;
  const shown = dayFieldsShown(rows);
  const elsewhere = Object.entries(serverErrors).filter(([field]) => !shown.has(field));

  // A day just added: its date field takes the focus.
  useEffect(() => {
    if (!focus) return;
    table.current?.querySelector<HTMLInputElement>(`[data-row="${focus.key}"] input[type="date"]`)?.focus();
  }, [focus]);

  // The confirmation is above a long table: it takes the focus, so it is seen and read.
  useEffect(() => {
    if (saved) notice.current?.focus();
  }, [saved]);

  // After a check or a refusal, the first field at fault takes the focus.
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const update = (index: number, patch: Partial<DayDraft>) =>
    setRows((previous) => previous.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  function add() {
    const row = dayDraft();
    setRows((previous) => [...previous, row]);
    setProblems({});
    setFailure(null);
    setFocus({ key: row.key });
  }

  function remove(index: number) {
    setRows((previous) => previous.filter((_, at) => at !== index));
    setProblems({});
    setFailure(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    // Sent in date order, and shown in it, so the server's errors (`days[3]`) name the row shown.
    const ordered = inDateOrder(rows);
    setRows(ordered);
    const found = checkDays(year, ordered);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      setAttempt((previous) => previous + 1);
      return;
    }
    setBusy(true);
    const answer = await putCalendarYear(year, toDays(ordered));
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      setAttempt((previous) => previous + 1);
      return;
    }
    setRows(answer.data.map((day) => dayDraft(day)));
    onSaved(answer.data);
  }

  const nameLabel = (language: (typeof LANGUAGES)[number]) =>
    t(`adminCatalogue.editor.inLanguage.${language}`, { label: t('adminCatalogue.calendar.names') });
  const dateLabel = t('adminCatalogue.calendar.date');
  const kindLabel = t('adminCatalogue.calendar.kind');

  return (
    <>
      {saved && (
        <div ref={notice} className="alert alert--success" role="status" tabIndex={-1}>
          <p>{t('adminCatalogue.calendar.saved', { year, count: saved.length })}</p>
        </div>
      )}
      {Object.keys(problems).length > 0 && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('adminCatalogue.editor.invalid')}</p>
        </div>
      )}
      <ProblemAlert failure={failure}>
        {elsewhere.length > 0 && (
          <ul>
            {elsewhere.map(([field, text]) => (
              <li key={field}>{text}</li>
            ))}
          </ul>
        )}
      </ProblemAlert>
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate>
        {errors.days && (
          <p className="field__error" id="calendar-days-error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {errors.days}
          </p>
        )}
        {rows.length === 0 ? (
          <p>{t('adminCatalogue.calendar.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table calendar-days" aria-describedby={errors.days ? 'calendar-days-error' : undefined}>
              <caption>{t('adminCatalogue.calendar.days', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{dateLabel}</th>
                  <th scope="col">{kindLabel}</th>
                  {LANGUAGES.map((language) => (
                    <th key={language} scope="col">
                      {nameLabel(language)}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">{t('adminCatalogue.calendar.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody ref={table}>
                {rows.map((row, index) => {
                  const at = `days[${index}]`;
                  const number = index + 1;
                  const label = (field: string) => t('adminCatalogue.calendar.field', { field, number });
                  return (
                    <tr key={row.key} data-row={row.key} data-testid="calendar-day">
                      <td>
                        <Cell error={errors[`${at}.date`]} id={`${row.key}-date`}>
                          {(control) => (
                            <input
                              {...control}
                              type="date"
                              name={`${at}.date`}
                              min={`${year}-01-01`}
                              max={`${year}-12-31`}
                              aria-label={label(dateLabel)}
                              aria-required
                              value={row.date}
                              onChange={(event) => update(index, { date: event.target.value })}
                            />
                          )}
                        </Cell>
                      </td>
                      <td>
                        <Cell error={errors[`${at}.kind`]} id={`${row.key}-kind`}>
                          {(control) => (
                            <select
                              {...control}
                              name={`${at}.kind`}
                              aria-label={label(kindLabel)}
                              value={row.kind}
                              onChange={(event) => {
                                const kind = event.target.value;
                                if (isDayKind(kind)) update(index, { kind });
                              }}
                            >
                              {DAY_KINDS.map((kind) => (
                                <option key={kind} value={kind}>
                                  {t(`adminCatalogue.calendar.kinds.${kind}`)}
                                </option>
                              ))}
                            </select>
                          )}
                        </Cell>
                      </td>
                      {LANGUAGES.map((language) => (
                        <td key={language}>
                          <Cell error={errors[`${at}.name.${language}`]} id={`${row.key}-${language}`}>
                            {(control) => (
                              <input
                                {...control}
                                type="text"
                                name={`${at}.name.${language}`}
                                lang={language}
                                aria-label={label(nameLabel(language))}
                                aria-required
                                value={row.name[language]}
                                onChange={(event) => update(index, { name: { ...row.name, [language]: event.target.value } })}
                              />
                            )}
                          </Cell>
                        </td>
                      ))}
                      <td>
                        <button type="button" className="button button--link" onClick={() => remove(index)}>
                          {t('adminCatalogue.calendar.remove', { number })}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <button type="button" className="button button--secondary" onClick={add}>
            {t('adminCatalogue.calendar.add')}
          </button>
        </p>
        <p>{t('adminCatalogue.calendar.kept')}</p>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {t('adminCatalogue.calendar.submit', { year })}
          </button>
        </div>
      </form>
    </>
  );
}

interface CellControl {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A control in a table cell, with its error above it, tied to it. */
function Cell({ id, error, children }: { id: string; error: string | undefined; children: (control: CellControl) => ReactNode }) {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  return (
    <>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children({ id, ...(error ? { 'aria-describedby': errorId, 'aria-invalid': true as const } : {}) })}
    </>
  );
}
