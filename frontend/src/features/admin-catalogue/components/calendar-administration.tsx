// The working-day calendar (docs/permits.md, "Deadlines"): the state of this year and the next
// two (their own data or the holidays fixed by law alone, checked against the decrees or not,
// where from), a warning while next year still lacks its checked calendar (from 1 October: the
// server's notices link here), and one year's exceptions to edit. Saving a year counts for new
// submissions only: requests already filed keep their due dates.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useApiResult } from '@/hooks/use-api-result';
import { getCalendarStatus } from '../api/calendar';
import { CalendarYearEditor } from './calendar-year-editor';
import './admin-catalogue.css';

/** `year`: the year to edit, from the address; by default the year that needs it, else this one. */
export function CalendarAdministration({ year }: { year: number | null }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const load = useCallback(() => getCalendarStatus(), []);
  const { result } = useApiResult(load, round);
  const onSaved = useCallback(() => setRound((previous) => previous + 1), []);
  // The first answer decides the year to edit; a later reading (after a save) does not move it.
  const [first, setFirst] = useState<number | null>(null);
  const status = result?.ok ? result.data : null;
  if (status && first === null) {
    const fallback = status.next_year_missing ?? status.years[0]?.year ?? new Date().getFullYear();
    setFirst(fallback);
  }
  const editing = year ?? first;
  const missing = status?.next_year_missing ?? null;
  const yes = t('common.yes');
  const no = t('common.no');

  return (
    <>
      <p className="alert alert--info">{t('adminCatalogue.calendar.kept')}</p>
      {missing !== null && (
        <div className="alert alert--warning" data-testid="calendar-missing">
          <p>{t('adminCatalogue.calendar.missing', { year: missing })}</p>
          {editing !== missing && (
            <p>
              <Link to={paths.adminCalendarYear(missing)}>{t('adminCatalogue.calendar.missingLink', { year: missing })}</Link>
            </p>
          )}
        </div>
      )}
      <section aria-labelledby="calendar-years">
        <h2 id="calendar-years">{t('adminCatalogue.calendar.status')}</h2>
        {!result && <p role="status">{t('common.loading')}</p>}
        {result && !result.ok && <ProblemAlert failure={result.failure} />}
        {status && (
          <div className="table-scroll">
            <table className="table calendar-years">
              <caption className="visually-hidden">{t('adminCatalogue.calendar.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminCatalogue.calendar.year')}</th>
                  <th scope="col">{t('adminCatalogue.calendar.defined')}</th>
                  <th scope="col">{t('adminCatalogue.calendar.verified')}</th>
                  <th scope="col">{t('adminCatalogue.calendar.source')}</th>
                  <th scope="col">{t('adminCatalogue.calendar.daysColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {status.years.map((entry) => (
                  <tr key={entry.year} data-testid="calendar-year">
                    <th scope="row">{entry.year}</th>
                    <td>{entry.defined ? yes : no}</td>
                    <td>{entry.verified ? yes : no}</td>
                    <td>{entry.source || '—'}</td>
                    <td>
                      {entry.year === editing ? (
                        <span aria-current="true">{t('adminCatalogue.calendar.shown')}</span>
                      ) : (
                        <Link to={paths.adminCalendarYear(entry.year)}>{t('adminCatalogue.calendar.edit', { year: entry.year })}</Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing !== null && (
        <CalendarYearEditor
          key={editing}
          year={editing}
          defined={status?.years.find((entry) => entry.year === editing)?.defined ?? null}
          onSaved={onSaved}
        />
      )}
    </>
  );
}
