// The public register (docs/transparency.md): every permit issued and every refusal, newest
// first, filtered by permit type, outcome, district and the days of the decision, more on request,
// and the same entries as a CSV file through a plain link (the API is public). The filter lives in
// the address, so a filtered register can be shared, and "back" from a check returns to it.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { PagedListResults } from '@/components/paged-list-results';
import { usePagedList } from '@/hooks/use-paged-list';
import { REGISTER_CSV_LIMIT, listRegister, registerCsvUrl, type RegisterFilter } from '../api/list-register';
import { DISTRICTS, OUTCOMES, isDistrict, isOutcome, type TypeOption } from '../api/open-data-types';
import { isDay, registerFilterOf, registerSearch } from '../lib/register-filter';
import { RegisterTable } from './register-table';
import './open-data.css';

/** The name the CSV is saved under. */
export const REGISTER_CSV_FILE = 'saulet-register.csv';

interface FilterFormProps {
  initial: RegisterFilter;
  types: readonly TypeOption[];
  onSearch: (filter: RegisterFilter) => void;
}

function FilterForm({ initial, types, onSearch }: FilterFormProps) {
  const { t } = useTranslation();
  const [type, setType] = useState(initial.type ?? '');
  const [outcome, setOutcome] = useState<string>(initial.outcome ?? '');
  const [district, setDistrict] = useState(initial.district ?? '');
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [toError, setToError] = useState<string | null>(null);
  const knownType = type === '' || types.some((option) => option.code === type);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isDay(from) && isDay(to) && from > to) {
      setToError(t('openData.register.toBeforeFrom'));
      event.currentTarget.querySelector<HTMLInputElement>('input[name="to"]')?.focus();
      return;
    }
    setToError(null);
    onSearch({
      type: type || undefined,
      outcome: isOutcome(outcome) ? outcome : undefined,
      district: isDistrict(district) ? district : undefined,
      from: isDay(from) ? from : undefined,
      to: isDay(to) ? to : undefined,
    });
  }

  return (
    <form className="form form--inline" role="search" aria-label={t('openData.register.filterLabel')} onSubmit={search} noValidate>
      <Field label={t('openData.register.type')}>
        {(control) => (
          <select {...control} name="type" value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">{t('openData.register.anyType')}</option>
            {/* A type from the address that the catalogue no longer offers stays choosable. */}
            {!knownType && <option value={type}>{type}</option>}
            {types.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('openData.register.outcome')}>
        {(control) => (
          <select {...control} name="outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
            <option value="">{t('openData.register.anyOutcome')}</option>
            {OUTCOMES.map((option) => (
              <option key={option} value={option}>
                {t(`openData.outcomes.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('openData.register.district')}>
        {(control) => (
          <select {...control} name="district" value={district} onChange={(event) => setDistrict(event.target.value)}>
            <option value="">{t('openData.register.anyDistrict')}</option>
            {DISTRICTS.map((option) => (
              <option key={option} value={option}>
                {t(`openData.districts.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('openData.register.from')} hint={t('openData.register.dayHint')} optional>
        {(control) => <input {...control} type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} />}
      </Field>
      <Field label={t('openData.register.to')} error={toError} optional>
        {(control) => <input {...control} type="date" name="to" value={to} onChange={(event) => setTo(event.target.value)} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('openData.register.submit')}
        </button>
      </div>
    </form>
  );
}

export function RegisterSearch({ types }: { types: readonly TypeOption[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = registerFilterOf(params);
  const key = registerSearch(filter);
  const filtered = key !== '';

  const loadPage = useCallback((cursor: string | undefined) => listRegister(registerFilterOf(new URLSearchParams(key)), cursor), [key]);
  const list = usePagedList(loadPage, key);

  return (
    <>
      {/* Keyed by the address: "back" to another filter shows that filter in the fields. */}
      <FilterForm key={key} initial={filter} types={types} onSearch={(next) => setParams(new URLSearchParams(registerSearch(next)))} />
      <div className="register-tools">
        <p>
          <a className="button button--secondary" href={registerCsvUrl(filter)} download={REGISTER_CSV_FILE} data-testid="register-csv">
            {t('openData.register.csv')}
          </a>{' '}
          <span className="field__hint">{t('openData.register.csvHint', { count: REGISTER_CSV_LIMIT })}</span>
        </p>
        {filtered && (
          <p>
            <Link to={{ search: '' }}>{t('openData.register.clear')}</Link>
          </p>
        )}
      </div>
      <PagedListResults
        list={list}
        none={filtered ? t('openData.register.noneFiltered') : t('openData.register.none')}
        shown={(count) => t('openData.register.shown', { count })}
        explain={{ 'invalid-query': t('openData.register.invalidFilter') }}
      >
        {(items) => <RegisterTable items={items} />}
      </PagedListResults>
    </>
  );
}
