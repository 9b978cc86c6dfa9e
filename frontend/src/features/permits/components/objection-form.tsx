// The applicant's objection to a preliminary refusal, once, within the period: a signed act, in
// two steps. "Prepare" reads the statement to sign and its digest (POST …/objection/statement: the
// request, the refusal objected to, the reason, the applicant); the applicant checks it and signs
// the digest's 64 characters with their SIGN key, which sends the objection (POST …/objection,
// with the same reason). An objection made already, a period ended, or a statement changed since
// its digest was read is 409.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { problemType, type ApiFailure, type ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { PermitRequest, StatementDigest } from '../api/permit-types';
import { objectToRefusal, readObjection } from '../api/review-steps';
import { isRecord } from '../lib/json';
import type { RenderSigner } from '../lib/signer';
import { StatementSigning } from './statement-signing';

export interface ObjectionFormProps {
  requestId: string;
  renderSigner: RenderSigner;
  /** Sends the signed objection: resolves with the failure to show, or null when done. */
  onSigned: (step: Promise<ApiResult<PermitRequest>>) => Promise<ApiFailure | null>;
}

/** The reason as the statement has it, or as typed here when it does not. */
function reasonIn(statement: unknown, typed: string): string {
  return isRecord(statement) && typeof statement.reason === 'string' ? statement.reason : typed.trim();
}

export function ObjectionForm({ requestId, renderSigner, onSigned }: ObjectionFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  /** Back from a signature refused with 409. */
  const [stale, setStale] = useState(false);
  const [prepared, setPrepared] = useState<StatementDigest | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  async function prepare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setStale(false);
    const absent = reason.trim() === '';
    setMissing(absent);
    if (absent) {
      textarea.current?.focus();
      return;
    }
    setBusy(true);
    const answer = await readObjection(requestId, reason);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setPrepared(answer.data);
  }

  const onSignedTexts: SignedTextsHandler = async ({ signatures }) => {
    if (!prepared) return;
    setFailure(null);
    const outcome = await onSigned(objectToRefusal(requestId, reason, prepared.digest, signatures[0] ?? ''));
    if (!outcome) return;
    if (problemType(outcome) === 'conflict') {
      // Not recorded: back to the form, which says why and lets them prepare it again.
      setPrepared(null);
      setStale(true);
    }
    setFailure(outcome);
  };

  const explain: Partial<Record<string, string>> = {
    'eds-wrong-key-usage': t('permits.sign.wrongKey'),
    'eds-identity-mismatch': t('permits.taskAnswer.otherPerson'),
    'illegal-transition': t('permits.objecting.notNow'),
    conflict: stale ? t('permits.objecting.changed') : t('permits.objecting.closed'),
  };

  if (prepared) {
    return (
      <StatementSigning
        testId="objection-statement"
        prepared={t('permits.objecting.prepared')}
        rows={[
          {
            label: t('permits.actions.objection'),
            value: <span className="pre-wrap">{reasonIn(prepared.statement, reason)}</span>,
          },
        ]}
        digestLabel={t('permits.objecting.digest')}
        digest={prepared.digest}
        signIntro={t('permits.objecting.signIntro')}
        failure={failure}
        explain={explain}
        renderSigner={renderSigner}
        signLabel={t('permits.objecting.sign')}
        onSigned={onSignedTexts}
        backLabel={t('permits.objecting.back')}
        onBack={() => {
          setPrepared(null);
          setFailure(null);
        }}
      />
    );
  }

  return (
    <form className="form" onSubmit={(event) => void prepare(event)} noValidate>
      <p>{t('permits.objecting.intro')}</p>
      <ProblemAlert failure={failure} explain={explain} />
      <Field
        label={t('permits.actions.objection')}
        hint={t('permits.actions.objectionHint')}
        error={missing ? t('permits.actions.textMissing') : null}
      >
        {(control) => (
          <textarea
            {...control}
            ref={textarea}
            name="objection"
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('permits.objecting.prepare')}
      </button>
    </form>
  );
}
