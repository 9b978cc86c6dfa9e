// "My consents" in the account area: every acceptance and withdrawal the person signed,
// with the document it concerns, when, in which language, and the record's link in the chain.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { currentLanguage } from '@/i18n';
import type { ApiFailure, ApiResult } from '@/lib/api-client';
import type { Agreement, Consent } from '../api/agreement-types';
import { getAgreement } from '../api/get-agreement';
import { getReceipt } from '../api/get-receipt';
import { listMyConsents } from '../api/list-my-consents';
import { withdrawConsent } from '../api/withdraw-consent';

async function loadConsents(): Promise<ApiResult<{ consents: Consent[]; agreements: Map<string, Agreement> }>> {
  const consents = await listMyConsents();
  if (!consents.ok) return consents;
  const ids = [...new Set(consents.data.map((consent) => consent.agreement_id))];
  const answers = await Promise.all(ids.map((id) => getAgreement(id)));
  const agreements = new Map<string, Agreement>();
  for (const answer of answers) if (answer.ok) agreements.set(answer.data.id, answer.data);
  return { ok: true, data: { consents: consents.data, agreements } };
}

export function MyConsents({ linkTo }: { linkTo: (id: string) => string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const language = currentLanguage();
  const load = useCallback(() => loadConsents(), []);
  const { result, reload } = useApiResult(load);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [receipt, setReceipt] = useState<{ id: string; text: string } | null>(null);

  async function showReceipt(id: string) {
    setFailure(null);
    const answer = await getReceipt(id);
    if (!answer.ok) setFailure(answer.failure);
    else setReceipt({ id, text: JSON.stringify(answer.data, null, 2) });
  }

  async function withdraw(id: string) {
    setFailure(null);
    if (!window.confirm(t('consents.mine.withdrawConfirm'))) return;
    const answer = await withdrawConsent(id);
    if (!answer.ok) setFailure(answer.failure);
    else reload();
  }

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const { consents, agreements } = result.data;
  if (consents.length === 0) return <p>{t('consents.mine.empty')}</p>;

  return (
    <>
      <p>{t('consents.mine.withdrawExplained')}</p>
      <ProblemAlert failure={failure} explain={{ 'legal-hold': t('consents.mine.legalHold') }} />
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
                    {agreement?.kind === 'personal_data' && consent.action === 'accepted' && (
                      <button type="button" className="button button--danger" onClick={() => void withdraw(consent.id)}>
                        {t('consents.mine.withdraw')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
