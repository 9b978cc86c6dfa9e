// The public verify page's answer (no sign-in): whether the document with this number and code
// was issued by Saulet with a signature that holds, whether it is in force, and what it is: the
// number, the service, the holder (masked), the organisation, the official, the day it was
// signed and the SHA-256 of its PDF. Any other number or code is "not found".
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { TextSymbol } from '@/components/symbols';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import type { ApiResult } from '@/lib/api-client';
import type { Verification } from '../api/permit-types';
import { verifyPermit } from '../api/verify-permit';
import { useLocalized } from '../lib/format';
import './permits.css';

/** The label key of an object field the API names; an unknown one reads as "object". */
function objectLabel(field: string): 'name' | 'address' | 'cadastral' | 'premises' {
  switch (field) {
    case 'address':
      return 'address';
    case 'cadastral_number':
      return 'cadastral';
    case 'premises':
      return 'premises';
    default:
      return 'name';
  }
}

function VerificationResult({ result }: { result: ApiResult<Verification> }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();

  if (!result.ok) {
    const notFound = result.failure.kind === 'problem' && result.failure.problem.status === 404;
    if (!notFound) return <ProblemAlert failure={result.failure} />;
    return (
      <div className="alert alert--error verdict" data-testid="verdict">
        <p className="alert__title">
          <TextSymbol name="cross" />
          {t('permits.verify.notFound')}
        </p>
        <p>{t('permits.verify.notFoundBody')}</p>
      </div>
    );
  }

  const verification = result.data;
  const tone = !verification.genuine ? 'error' : verification.in_force ? 'success' : 'warning';
  const kind = verification.kind === 'permit' ? t('permits.decision.permit') : t('permits.decision.refusal');
  return (
    <>
      <div className={`alert alert--${tone} verdict`} data-testid="verdict">
        <p className="alert__title">
          <TextSymbol name={verification.genuine ? 'check' : 'cross'} />
          {verification.genuine ? t('permits.verify.genuine') : t('permits.verify.notGenuine')}
        </p>
        {verification.genuine && (
          <p>
            {verification.in_force
              ? t('permits.verify.inForce')
              : verification.kind === 'permit'
                ? t('permits.verify.notInForce')
                : t('permits.verify.refusal')}
          </p>
        )}
      </div>
      <dl className="summary" data-testid="verification">
        <div className="summary__row">
          <dt>{t('permits.verify.document')}</dt>
          <dd>{kind}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.fields.number')}</dt>
          <dd>{verification.number}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.fields.type')}</dt>
          <dd>{localized(verification.permit_type)}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.fields.holder')}</dt>
          <dd>{verification.holder}</dd>
        </div>
        {verification.object.map((entry) => (
          <div className="summary__row" key={entry.field}>
            <dt>{t(`permits.verify.object.${objectLabel(entry.field)}`)}</dt>
            <dd>{entry.value}</dd>
          </div>
        ))}
        <div className="summary__row">
          <dt>{t('permits.fields.organisation')}</dt>
          <dd>{localized(verification.organisation)}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.verify.official')}</dt>
          <dd>{verification.official}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.verify.signedAt')}</dt>
          <dd>{dateTime(verification.signed_at)}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.decision.sha256')}</dt>
          <dd>
            <code>{verification.pdf_sha256}</code>
          </dd>
        </div>
        {verification.transparency && (
          <div className="summary__row">
            <dt>{t('permits.verify.logEntry')}</dt>
            <dd>
              {t('permits.verify.logEntryValue', {
                index: verification.transparency.leaf_index,
                size: verification.transparency.tree_size,
              })}
            </dd>
          </div>
        )}
      </dl>
      <p className="table__note">{t('permits.verify.hashHint')}</p>
      {verification.transparency && <p className="table__note">{t('permits.verify.logHint')}</p>}
    </>
  );
}

function CheckCode({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation();
  const load = useCallback(() => verifyPermit(number, code), [number, code]);
  const { result } = useApiResult(load);
  return (
    <div aria-live="polite" data-testid="verify-answer">
      {result ? <VerificationResult result={result} /> : <p>{t('permits.verify.checking')}</p>}
    </div>
  );
}

export function PermitVerification({
  number,
  code,
  onCode,
}: {
  number: string;
  code: string | null;
  /** The visitor typed the code (printed under the QR code): put it in the address. */
  onCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = typed.trim();
    setMissing(value === '');
    if (value) onCode(value);
  }

  if (code) return <CheckCode number={number} code={code} />;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('permits.verify.codeIntro')}</p>
      <Field
        label={t('permits.verify.code')}
        hint={t('permits.verify.codeHint')}
        error={missing ? t('permits.actions.textMissing') : null}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="code"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {t('permits.verify.submit')}
      </button>
    </form>
  );
}
