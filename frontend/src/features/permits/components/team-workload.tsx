// The team's page: an organisation's reviewers, each with the requests they hold that are still
// open, how many of those are overdue and how many fall due by Sunday (the department's
// calendar), and the open requests no one holds; each figure leads to the queue filtered to those
// requests. A reviewer sees their own organisation; an administrator chooses one (it lives in the
// address: ?organisation=department).
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useApiResult } from '@/hooks/use-api-result';
import { sundayOf } from '@/lib/dates';
import type { RequestFilter } from '../api/list-requests';
import type { Organisation, PermitsViewer, StaffView } from '../api/permit-types';
import { findMyTeam, getStaff, listOrganisations } from '../api/staff';
import { useDay, useLocalized } from '../lib/format';
import { dueThisWeek, queueSearch } from '../lib/queue-filter';
import type { QueueLinkState } from './staff-queue';
import './permits.css';

function queue(filter: RequestFilter) {
  return { pathname: paths.staffRequests, search: queueSearch(filter) };
}

/** A figure that leads to the queue's requests behind it, when there are any. */
function Figure({ count, label, filter, state }: { count: number; label: string; filter: RequestFilter; state?: QueueLinkState }) {
  if (count === 0) return <>{count}</>;
  return (
    <Link to={queue(filter)} state={state} aria-label={label}>
      {count}
    </Link>
  );
}

function Team({ view, viewer }: { view: StaffView; viewer: PermitsViewer }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const day = useDay();
  const sunday = sundayOf(view.today);

  return (
    <section aria-labelledby="team-organisation" data-testid="team">
      <h2 id="team-organisation">{localized(view.organisation.name)}</h2>
      <p>{t('permits.team.today', { day: day(view.today) })}</p>
      <p className="team__unassigned" data-testid="team-unassigned">
        {t('permits.team.unassigned', { count: view.unassigned })}
        {view.unassigned > 0 && (
          <>
            {' '}
            <Link to={queue({ assignee: 'none' })}>{t('permits.team.unassignedLink')}</Link>
          </>
        )}
      </p>
      {view.staff.length === 0 ? (
        <p>{t('permits.team.noReviewers')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table team__counts">
            <caption className="visually-hidden">{t('permits.team.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('permits.team.reviewer')}</th>
                <th scope="col">{t('permits.team.open')}</th>
                <th scope="col">{t('permits.team.overdue')}</th>
                <th scope="col">{t('permits.team.dueThisWeek', { day: day(sunday) })}</th>
                <th scope="col">{t('permits.team.queue')}</th>
              </tr>
            </thead>
            <tbody>
              {view.staff.map((member) => {
                const name = member.full_name || member.email;
                const state: QueueLinkState = { assigneeName: name };
                const mine = member.account_id === viewer.id;
                return (
                  <tr key={member.account_id} data-testid="team-member">
                    <th scope="row">
                      {mine ? t('permits.team.you', { name }) : name}
                      <span className="table__note">{member.email}</span>
                    </th>
                    <td>{member.open}</td>
                    <td>
                      <Figure
                        count={member.overdue}
                        label={t('permits.team.overdueOf', { name, count: member.overdue })}
                        filter={{ assignee: member.account_id, overdue: true }}
                        state={state}
                      />
                    </td>
                    <td>
                      <Figure
                        count={member.due_this_week}
                        label={t('permits.team.dueThisWeekOf', { name, count: member.due_this_week })}
                        filter={{ assignee: member.account_id, ...dueThisWeek(sunday) }}
                        state={state}
                      />
                    </td>
                    <td>
                      <Link to={queue({ assignee: member.account_id })} state={state} aria-label={t('permits.team.requestsOf', { name })}>
                        {t('permits.team.showRequests')}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A reviewer's own organisation. */
function MyTeam({ viewer }: { viewer: PermitsViewer }) {
  const { t } = useTranslation();
  const load = useCallback(() => findMyTeam(), []);
  const { result } = useApiResult(load);
  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (!result.data) return <p>{t('permits.team.notStaff')}</p>;
  return <Team view={result.data} viewer={viewer} />;
}

function OrganisationTeam({ code, viewer }: { code: string; viewer: PermitsViewer }) {
  const { t } = useTranslation();
  const load = useCallback(() => getStaff(code), [code]);
  const { result } = useApiResult(load);
  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  return <Team view={result.data} viewer={viewer} />;
}

function OrganisationChoice({ organisations, chosen, onChoose }: { organisations: Organisation[]; chosen: string; onChoose: (code: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [code, setCode] = useState(chosen);

  function show(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChoose(code);
  }

  return (
    <form className="form form--inline team__choice" aria-label={t('permits.team.chooseLabel')} onSubmit={show}>
      <Field label={t('permits.team.organisation')}>
        {(control) => (
          <select {...control} name="organisation" value={code} onChange={(event) => setCode(event.target.value)}>
            {organisations.map((organisation) => (
              <option key={organisation.code} value={organisation.code}>
                {localized(organisation.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('permits.team.show')}
        </button>
      </div>
    </form>
  );
}

/** An administrator's: any organisation, the department first. */
function AnyTeam({ viewer }: { viewer: PermitsViewer }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const load = useCallback(() => listOrganisations(), []);
  const { result } = useApiResult(load);
  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const organisations = [
    ...result.data.filter((organisation) => organisation.kind === 'provider'),
    ...result.data.filter((organisation) => organisation.kind !== 'provider'),
  ];
  const asked = params.get('organisation');
  const chosen = organisations.find((organisation) => organisation.code === asked) ?? organisations[0];
  if (!chosen) return <p>{t('permits.team.noOrganisations')}</p>;
  return (
    <>
      <OrganisationChoice
        key={`choice:${chosen.code}`}
        organisations={organisations}
        chosen={chosen.code}
        onChoose={(code) => setParams(new URLSearchParams({ organisation: code }))}
      />
      <OrganisationTeam key={`team:${chosen.code}`} code={chosen.code} viewer={viewer} />
    </>
  );
}

export function TeamWorkload({ viewer }: { viewer: PermitsViewer }) {
  return viewer.role === 'admin' ? <AnyTeam viewer={viewer} /> : <MyTeam viewer={viewer} />;
}
