// "My consents" in the account area: every acceptance and withdrawal the person signed,
// with the document it concerns, when, in which language, and the record's link in the chain.
//
// Withdrawing a personal-data consent is a signed act, in two steps, as an approving
// organisation's answer is: "Withdraw" reads the statement to sign (GET …/withdrawal) and shows
// its sentence, in the language the consent was given in, with its digest; the person then signs
// the digest's 64 characters with their SIGN key (the `eds` feature's signer, composed in by the
// app), which sends the withdrawal. A digest that no longer matches (409 `conflict`) takes them
// back to the table, to read the statement again.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { currentLanguage } from '@/i18n';
import { problemType, type ApiFailure, type ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { Agreement, Consent } from '../api/agreement-types';
import { getAgreement } from '../api/get-agreement';
import { getReceipt } from '../api/get-receipt';
import { listMyConsents } from '../api/list-my-consents';
import { getWithdrawalStatement, withdrawConsent, type WithdrawalStatement } from '../api/withdraw-consent';
import './consents.css';

/** Renders the SIGN-key signer over the given texts, under a button with the given words. */
export type RenderSigner = (texts: readonly string[], onSigned: SignedTextsHandler, submitLabel: string) => ReactNode;

/** The statement read for one consent, waiting for the person's signature. */
interface PendingWithdrawal {
  consentId: string;
  digest: string;
  /** The sentence the person signs, and the language it is in, when the statement says. */
  sentence: string | null;
  language: string | undefined;
  /** The whole statement, shown as it is when it has no sentence. */
  json: string;
}

function pendingOf(consentId: string, answer: WithdrawalStatement): PendingWithdrawal {
  const statement = answer.statement as Record<string, unknown>;
  const sentence = statement.statement;
  const language = statement.language;
  return {
    consentId,
    digest: answer.digest,
    sentence: typeof sentence === 'string' && sentence.trim() !== '' ? sentence : null,
    language: typeof language === 'string' ? language : undefined,
    json: JSON.stringify(answer.statement, null, 2),
  };
}

async function loadConsents(): Promise<ApiResult<{ consents: Consent[]; agreements: Map<string, Agreement> }>> {
  const consents = await listMyConsents();
  if (!consents.ok) return consents;
  const ids = [...new Set(consents.data.map((consent) => consent.agreement_id))];
  const answers = await Promise.all(ids.map((id) => getAgreement(id)));
  const agreements = new Map<string, Agreement>();
  for (const answer of answers) if (answer.ok) agreements.set(answer.data.id, answer.data);
  return { ok: true, data: { consents: consents.data, agreements } };
}

/**
 * The acceptances that can be withdrawn: of each personal-data agreement, its latest record, when
 * that is an acceptance (an acceptance withdrawn since is history).
 */
function standingAcceptances(consents: readonly Consent[], agreements: ReadonlyMap<string, Agreement>): Set<string> {
  const latest = new Map<string, Consent>();
  for (const consent of [...consents].sort((a, b) => a.recorded_at.localeCompare(b.recorded_at))) {
    latest.set(consent.agreement_id, consent);
  }
  const ids = new Set<string>();
  for (const [agreementId, consent] of latest) {
    if (agreements.get(agreementId)?.kind === 'personal_data' && consent.action === 'accepted') ids.add(consent.id);
  }
  return ids;
}

export interface MyConsentsProps {
  linkTo: (id: string) => string;
  /** Renders the SIGN-key signer that signs a withdrawal statement's digest. */
  renderSigner: RenderSigner;
}

export function MyConsents({ linkTo, renderSigner }: MyConsentsProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const language = currentLanguage();
  const load = useCallback(() => loadConsents(), []);
  const { result, reload } = useApiResult(load);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [receipt, setReceipt] = useState<{ id: string; text: string } | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingWithdrawal | null>(null);
  /** Back from a signature refused because the statement changed meanwhile. */
  const [stale, setStale] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const statementHeading = useRef<HTMLHeadingElement>(null);
  const pendingId = pending?.consentId ?? null;

  // The statement appears below the table: take the person (and their screen reader) to it.
  useEffect(() => {
    if (pendingId) statementHeading.current?.focus();
  }, [pendingId]);

  async function showReceipt(id: string) {
    setFailure(null);
    const answer = await getReceipt(id);
    if (!answer.ok) setFailure(answer.failure);
    else setReceipt({ id, text: JSON.stringify(answer.data, null, 2) });
  }

  /** First step: reads what withdrawing the consent signs, and shows it. */
  async function withdraw(id: string) {
    if (reading) return;
    setFailure(null);
    setStale(false);
    setAnnouncement('');
    setPending(null);
    setReading(id);
    const answer = await getWithdrawalStatement(id);
    setReading(null);
    if (!answer.ok) {
      setFailure(answer.failure);
      // Withdrawn already (in another tab, say): show the table as it is now.
      if (problemType(answer.failure) === 'conflict') reload();
      return;
    }
    setPending(pendingOf(id, answer.data));
  }

  /** Second step: sends the digest with its signature. */
  const onSignedTexts: SignedTextsHandler = async ({ signatures }) => {
    if (!pending) return;
    setFailure(null);
    const answer = await withdrawConsent(pending.consentId, {
      digest: pending.digest,
      signature: signatures[0] ?? '',
    });
    if (answer.ok) {
      setPending(null);
      setAnnouncement(t('consents.mine.withdrawn'));
      reload();
      return;
    }
    if (problemType(answer.failure) === 'conflict') {
      // The statement is not what was signed any more: back to the table, to read it again.
      setPending(null);
      setStale(true);
      reload();
    }
    setFailure(answer.failure);
  };

  function cancel() {
    setPending(null);
    setFailure(null);
  }

  const explain: Partial<Record<string, string>> = {
    'legal-hold': t('consents.mine.legalHold'),
    'eds-wrong-key-usage': t('consents.accept.wrongKey'),
    'eds-identity-mismatch': t('consents.mine.otherPerson'),
    ...(stale ? { conflict: t('consents.mine.changed') } : {}),
  };

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const { consents, agreements } = result.data;
  if (consents.length === 0) return <p>{t('consents.mine.empty')}</p>;
  const withdrawable = standingAcceptances(consents, agreements);

  return (
    <>
      <p>{t('consents.mine.withdrawExplained')}</p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {!pending && <ProblemAlert failure={failure} explain={explain} />}
      <div className="table-scroll">
        <table className="table">
          <caption className="consents-hidden">{t('consents.mine.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consents.mine.document')}</th>
              <th scope="col">{t('consents.mine.action')}</th>
              <th scope="col">{t('consents.mine.recordedAt')}</th>
              <th scope="col">{t('consents.mine.language')}</th>
              <th scope="col">{t('consents.mine.signer')}</th>
              <th scope="col">{t('consents.mine.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((consent) => {
              const agreement = agreements.get(consent.agreement_id);
              return (
                <tr key={consent.id}>
                  <td>
                    <Link to={linkTo(consent.agreement_id)}>
                      {agreement
                        ? `${agreement.title[language]} (${t('consents.version', { version: agreement.version })})`
                        : consent.agreement_id}
                    </Link>
                  </td>
                  <td>{t(`consents.actions.${consent.action}`, { defaultValue: consent.action })}</td>
                  <td>{dateTime(consent.recorded_at)}</td>
                  <td>{consent.language}</td>
                  <td>{consent.signer_serial ?? '—'}</td>
                  <td>
                    <button type="button" className="button button--link" onClick={() => void showReceipt(consent.id)}>
                      {t('consents.mine.receipt')}
                    </button>
                    {withdrawable.has(consent.id) && (
                      <button
                        type="button"
                        className="button button--danger"
                        disabled={reading !== null}
                        aria-expanded={pending?.consentId === consent.id}
                        onClick={() => void withdraw(consent.id)}
                      >
                        {reading === consent.id ? t('consents.mine.withdrawReading') : t('consents.mine.withdraw')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pending && (
        <section aria-labelledby="consent-withdrawal" className="consent-withdrawal" data-testid="consent-withdrawal">
          <h3 id="consent-withdrawal" ref={statementHeading} tabIndex={-1}>
            {t('consents.mine.withdrawHeading')}
          </h3>
          <p>{t('consents.mine.withdrawConfirm')}</p>
          <p>{t('consents.mine.withdrawStatementIntro')}</p>
          {pending.sentence ? (
            <blockquote className="consent-withdrawal__statement" lang={pending.language} data-testid="withdrawal-statement">
              {pending.sentence}
            </blockquote>
          ) : (
            <pre className="agreement-text__body" tabIndex={0} data-testid="withdrawal-statement">
              {pending.json}
            </pre>
          )}
          <dl className="summary">
            <div className="summary__row">
              <dt>{t('consents.mine.withdrawDigest')}</dt>
              <dd>
                <code data-testid="withdrawal-digest">{pending.digest}</code>
              </dd>
            </div>
          </dl>
          <p>{t('consents.mine.withdrawSignIntro')}</p>
          <ProblemAlert failure={failure} explain={explain} />
          {renderSigner([pending.digest], onSignedTexts, t('consents.mine.withdrawSign'))}
          <div className="form__actions">
            <button type="button" className="button button--secondary" onClick={cancel}>
              {t('consents.mine.withdrawCancel')}
            </button>
          </div>
        </section>
      )}
      {receipt && (
        <section aria-labelledby="consent-receipt">
          <h3 id="consent-receipt">{t('consents.mine.receiptHeading')}</h3>
          <pre className="agreement-text__body" tabIndex={0}>
            {receipt.text}
          </pre>
        </section>
      )}
    </>
  );
}
