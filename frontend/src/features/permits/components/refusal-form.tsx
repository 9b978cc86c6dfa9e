// A preliminary refusal: the grounds, chosen from the service's list, and the reasoned text the
// applicant will read and may object to within the service's period. It is a signed act, in two
// steps: "Prepare" reads the statement to sign and its digest (POST …/preliminary-refusal/statement:
// the request, the grounds with their texts, the text, the official); the official checks it and
// signs the digest's 64 characters with their SIGN key, which announces the refusal (POST
// …/preliminary-refusal, with the same grounds and text). A statement changed since its digest
// was read is 409 when signed, which takes the official back to the form.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { problemType, type ApiFailure, type ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { Localized, PermitRequest, PermitType, StatementDigest } from '../api/permit-types';
import { announceRefusal, readRefusal } from '../api/review-steps';
import { useLocalized } from '../lib/format';
import { isRecord } from '../lib/json';
import type { RenderSigner } from '../lib/signer';
import { StatementSigning } from './statement-signing';

export interface RefusalFormProps {
  requestId: string;
  type: PermitType;
  renderSigner: RenderSigner;
  /** Sends the signed refusal: resolves with the failure to show, or null when done. */
  onSigned: (step: Promise<ApiResult<PermitRequest>>) => Promise<ApiFailure | null>;
}

type Errors = Partial<Record<'grounds' | 'text', string>>;

interface SignedGround {
  code: string;
  text: Localized | null;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The grounds as the statement lists them (code and texts), or the chosen codes when it does not. */
function groundsOf(statement: unknown, chosen: readonly string[]): SignedGround[] {
  if (!isRecord(statement) || !Array.isArray(statement.grounds)) return chosen.map((code) => ({ code, text: null }));
  return statement.grounds.filter(isRecord).map((ground) => ({
    code: textOf(ground.code),
    text: isRecord(ground.text)
      ? { kk: textOf(ground.text.kk), ru: textOf(ground.text.ru), en: textOf(ground.text.en) }
      : null,
  }));
}

/** The reasoned text as the statement has it, or as typed here when it does not. */
function textIn(statement: unknown, typed: string): string {
  return isRecord(statement) && typeof statement.text === 'string' ? statement.text : typed.trim();
}

export function RefusalForm({ requestId, type, renderSigner, onSigned }: RefusalFormProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const groundsError = useId();
  const [grounds, setGrounds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  /** Back from a signature refused because the statement changed meanwhile. */
  const [stale, setStale] = useState(false);
  const [prepared, setPrepared] = useState<StatementDigest | null>(null);
  const form = useRef<HTMLFormElement>(null);

  function refuse(found: Errors) {
    setErrors(found);
    const first = found.grounds
      ? form.current?.querySelector<HTMLElement>('input[type="checkbox"]')
      : form.current?.querySelector<HTMLElement>('textarea');
    first?.focus();
  }

  async function prepare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setStale(false);
    const found: Errors = {
      ...(grounds.length === 0 ? { grounds: t('permits.refusal.groundsMissing') } : {}),
      ...(text.trim() === '' ? { text: t('permits.actions.textMissing') } : {}),
    };
    if (found.grounds || found.text) {
      refuse(found);
      return;
    }
    setErrors({});
    setBusy(true);
    const answer = await readRefusal(requestId, grounds, text);
    setBusy(false);
    if (!answer.ok) {
      const refusal = answer.failure;
      const fields = refusal.kind === 'problem' && refusal.problem.type === 'validation' ? (refusal.problem.errors ?? []) : [];
      if (fields.some((error) => error.field.startsWith('grounds'))) refuse({ grounds: t('permits.refusal.groundsUnknown') });
      else setFailure(refusal);
      return;
    }
    setPrepared(answer.data);
  }

  const onSignedTexts: SignedTextsHandler = async ({ signatures }) => {
    if (!prepared) return;
    setFailure(null);
    const outcome = await onSigned(announceRefusal(requestId, grounds, text, prepared.digest, signatures[0] ?? ''));
    if (!outcome) return;
    if (problemType(outcome) === 'conflict') {
      // Not what was signed any more: back to the form, to prepare it again.
      setPrepared(null);
      setStale(true);
    }
    setFailure(outcome);
  };

  const explain: Partial<Record<string, string>> = {
    'eds-wrong-key-usage': t('permits.sign.wrongKey'),
    'eds-identity-mismatch': t('permits.taskAnswer.otherPerson'),
    'illegal-transition': t('permits.refusal.notNow'),
    ...(stale ? { conflict: t('permits.refusal.changed') } : {}),
  };

  if (prepared) {
    const groundText = (ground: SignedGround) =>
      localized(ground.text) ||
      localized(type.refusal_grounds.find((candidate) => candidate.code === ground.code)?.text) ||
      ground.code;
    return (
      <StatementSigning
        testId="refusal-statement"
        prepared={t('permits.refusal.prepared')}
        rows={[
          {
            label: t('permits.refusal.grounds'),
            value: (
              <ul>
                {groundsOf(prepared.statement, grounds).map((ground) => (
                  <li key={ground.code}>{groundText(ground)}</li>
                ))}
              </ul>
            ),
          },
          { label: t('permits.refusal.text'), value: <span className="pre-wrap">{textIn(prepared.statement, text)}</span> },
        ]}
        digestLabel={t('permits.refusal.digest')}
        digest={prepared.digest}
        signIntro={t('permits.refusal.signIntro')}
        failure={failure}
        explain={explain}
        renderSigner={renderSigner}
        signLabel={t('permits.refusal.sign')}
        onSigned={onSignedTexts}
        backLabel={t('permits.refusal.back')}
        onBack={() => {
          setPrepared(null);
          setFailure(null);
        }}
      />
    );
  }

  return (
    <form ref={form} className="form form--wide" onSubmit={(event) => void prepare(event)} noValidate>
      <p>{t('permits.refusal.intro', { days: type.objection_days })}</p>
      <p>{t('permits.refusal.signedAct')}</p>
      <ProblemAlert failure={failure} explain={explain} />
      <fieldset
        className={errors.grounds ? 'choice field--error' : 'choice'}
        aria-describedby={errors.grounds ? groundsError : undefined}
      >
        <legend className="choice__legend">{t('permits.refusal.grounds')}</legend>
        {errors.grounds && (
          <p id={groundsError} className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {errors.grounds}
          </p>
        )}
        {type.refusal_grounds.map((ground) => (
          <label key={ground.code} className="choice__option">
            <input
              type="checkbox"
              name="grounds"
              value={ground.code}
              checked={grounds.includes(ground.code)}
              onChange={(event) =>
                setGrounds((previous) =>
                  event.target.checked ? [...previous, ground.code] : previous.filter((code) => code !== ground.code),
                )
              }
            />{' '}
            {localized(ground.text)}
          </label>
        ))}
      </fieldset>
      <Field label={t('permits.refusal.text')} hint={t('permits.refusal.textHint')} error={errors.text ?? null}>
        {(control) => (
          <textarea {...control} name="refusal-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button--danger" disabled={busy}>
        {t('permits.refusal.prepare')}
      </button>
    </form>
  );
}
