// The audit page: the whole log, newest first, filtered by the action (one, or a family
// such as every action on accounts), who acted, the account acted on and the department's days
// (Astana time), more on request; and the same events exported as a CSV file. The filter lives in
// the address, so "back" from an account returns to the same events.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { PagedListResults } from '@/components/paged-list-results';
import { usePagedList } from '@/hooks/use-paged-list';
import type { ApiFailure } from '@/lib/api-client';
import { saveFile } from '@/lib/save-file';
import { exportAuditEvents, listAuditEvents, type AuditFilter } from '../api/list-audit-events';
import { AUDIT_ACTIONS, AUDIT_FAMILIES, AuditTable, type ActionFamily } from './audit-log';

/** The name the export is saved under. */
export const AUDIT_EXPORT_FILE = 'saulet-audit.csv';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** What the API takes as an action: letters, underscores and dots (a family ends with one). */
const ACTION = /^[a-z_.]{1,64}$/;

function filterOf(params: URLSearchParams): AuditFilter {
  const matching = (name: string, pattern: RegExp) => {
    const value = params.get(name)?.trim();
    return value && pattern.test(value) ? value : undefined;
  };
  return {
    action: matching('action', ACTION),
    actor: matching('actor', UUID),
    account: matching('account', UUID),
    from: matching('from', DAY),
    to: matching('to', DAY),
  };
}

function actionsOf(family: ActionFamily) {
  return AUDIT_ACTIONS.filter((action) => action.startsWith(`${family}.`));
}

interface FilterErrors {
  actor?: string;
  account?: string;
  to?: string;
}

function FilterForm({ initial, onSearch }: { initial: AuditFilter; onSearch: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState(initial.action ?? '');
  const [actor, setActor] = useState(initial.actor ?? '');
  const [account, setAccount] = useState(initial.account ?? '');
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [errors, setErrors] = useState<FilterErrors>({});
  const known = (AUDIT_ACTIONS as readonly string[]).includes(action) || AUDIT_FAMILIES.some((family) => action === `${family}.`);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FilterErrors = {};
    if (actor.trim() && !UUID.test(actor.trim())) found.actor = t('admin.auditSearch.notAnId');
    if (account.trim() && !UUID.test(account.trim())) found.account = t('admin.auditSearch.notAnId');
    if (DAY.test(from) && DAY.test(to) && from > to) found.to = t('admin.auditSearch.toBeforeFrom');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSearch({
      action: action || undefined,
      actor: actor.trim() || undefined,
      account: account.trim() || undefined,
      from: DAY.test(from) ? from : undefined,
      to: DAY.test(to) ? to : undefined,
    });
  }

  return (
    <form className="form form--inline" role="search" aria-label={t('admin.auditSearch.label')} onSubmit={search} noValidate>
      <Field label={t('admin.auditSearch.action')}>
        {(control) => (
          <select {...control} name="action" value={action} onChange={(event) => setAction(event.target.value)}>
            <option value="">{t('admin.auditSearch.anyAction')}</option>
            {/* An action from the address that the interface does not word stays choosable. */}
            {action && !known && <option value={action}>{action}</option>}
            {AUDIT_FAMILIES.map((family) => (
              <optgroup key={family} label={t(`admin.audit.families.${family}`)}>
                <option value={`${family}.`}>{t('admin.auditSearch.wholeFamily', { family: t(`admin.audit.families.${family}`) })}</option>
                {actionsOf(family).map((option) => (
                  <option key={option} value={option}>
                    {t(`admin.audit.actions.${option}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.auditSearch.actor')} hint={t('admin.auditSearch.idHint')} error={errors.actor} optional>
        {(control) => (
          <input
            {...control}
            name="actor"
            autoComplete="off"
            spellCheck={false}
            value={actor}
            onChange={(event) => setActor(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.auditSearch.account')} hint={t('admin.auditSearch.idHint')} error={errors.account} optional>
        {(control) => (
          <input
            {...control}
            name="account"
            autoComplete="off"
            spellCheck={false}
            value={account}
            onChange={(event) => setAccount(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('admin.auditSearch.from')} hint={t('admin.auditSearch.dayHint')} optional>
        {(control) => <input {...control} type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} />}
      </Field>
      <Field label={t('admin.auditSearch.to')} error={errors.to} optional>
        {(control) => <input {...control} type="date" name="to" value={to} onChange={(event) => setTo(event.target.value)} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('admin.auditSearch.submit')}
        </button>
      </div>
    </form>
  );
}

/** "Export CSV": every event the filter finds, fetched with the token and saved as a file. */
function ExportButton({ filter }: { filter: AuditFilter }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState('');

  async function download() {
    setBusy(true);
    setFailure(null);
    setSaved('');
    const answer = await exportAuditEvents(filter);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    saveFile(answer.data, AUDIT_EXPORT_FILE);
    setSaved(t('admin.auditSearch.exported', { file: AUDIT_EXPORT_FILE }));
  }

  return (
    <div>
      <p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download()}>
          {t('admin.auditSearch.export')}
        </button>{' '}
        <span className="field__hint">{t('admin.auditSearch.exportHint')}</span>
      </p>
      <p role="status">{saved}</p>
      <ProblemAlert failure={failure} />
    </div>
  );
}

export function AuditSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const key = params.toString();

  const loadPage = useCallback((cursor: string | undefined) => listAuditEvents(filterOf(new URLSearchParams(key)), cursor), [key]);
  const list = usePagedList(loadPage, key);

  function search(next: AuditFilter) {
    const query = new URLSearchParams();
    for (const name of ['action', 'actor', 'account', 'from', 'to'] as const) {
      const value = next[name];
      if (value) query.set(name, value);
    }
    setParams(query);
  }

  return (
    <>
      {/* Keyed by the address: "back" to another filter shows that filter in the fields. */}
      <FilterForm key={key} initial={filter} onSearch={search} />
      <ExportButton filter={filter} />
      <PagedListResults list={list} none={t('admin.audit.empty')} shown={(count) => t('admin.auditSearch.shown', { count })}>
        {(items) => <AuditTable items={items} withTarget />}
      </PagedListResults>
    </>
  );
}
