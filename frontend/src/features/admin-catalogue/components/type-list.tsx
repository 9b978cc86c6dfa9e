// The catalogue as administrators see it: every type open for applications, with its code, its
// current version and its state, each linking to its editor; and a way to open a closed type,
// which the public list leaves out, by its code.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useApiResult } from '@/hooks/use-api-result';
import { listTypes } from '../api/permit-types';
import { useLocalized } from './use-localized';
import './admin-catalogue.css';

export function TypeList() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const load = useCallback(() => listTypes(), []);
  const { result } = useApiResult(load);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  return (
    <>
      {!result.ok && <ProblemAlert failure={result.failure} />}
      {result.ok && result.data.length === 0 && <p>{t('adminCatalogue.list.empty')}</p>}
      {result.ok && result.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('adminCatalogue.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminCatalogue.list.name')}</th>
                <th scope="col">{t('adminCatalogue.list.code')}</th>
                <th scope="col">{t('adminCatalogue.list.version')}</th>
                <th scope="col">{t('adminCatalogue.list.state')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((type) => (
                <tr key={type.code} data-testid="catalogue-type">
                  <td>
                    <Link to={paths.adminPermitType(type.code)}>{localized(type.name)}</Link>
                  </td>
                  <td>
                    <code>{type.code}</code>
                  </td>
                  <td>{type.version}</td>
                  <td>{type.active ? t('adminCatalogue.list.active') : t('adminCatalogue.list.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <OpenByCode />
    </>
  );
}

function OpenByCode() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.trim();
    setMissing(trimmed === '');
    if (trimmed) void navigate(paths.adminPermitType(trimmed));
  }

  return (
    <section aria-labelledby="catalogue-by-code">
      <h2 id="catalogue-by-code">{t('adminCatalogue.list.byCode')}</h2>
      <p>{t('adminCatalogue.list.byCodeHint')}</p>
      <form className="form form--inline" onSubmit={submit} noValidate>
        <Field label={t('adminCatalogue.list.codeLabel')} error={missing ? t('fieldErrors.required') : null}>
          {(control) => (
            <input {...control} type="text" name="code" autoComplete="off" value={code} onChange={(event) => setCode(event.target.value)} />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--secondary">
            {t('adminCatalogue.list.open')}
          </button>
        </div>
      </form>
    </section>
  );
}
