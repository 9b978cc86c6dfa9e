// The blocking page's content: the versions a person has to accept before going on, in
// the interface language, each with the date it took effect, and the SIGN-key signature that
// accepts them all: one signature per document over `body_sha256[language]`, each sent as a
// consent record (POST /consents).
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import type { ApiFailure, ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import { acceptAgreement } from '../api/accept-agreement';
import type { Agreement } from '../api/agreement-types';
import { getAgreement } from '../api/get-agreement';
import { listAgreements } from '../api/list-agreements';
import { listMyConsents } from '../api/list-my-consents';
import { AgreementText } from './agreement-text';

/**
 * The versions to accept: those named by the API's refusal, or else those in force that the
 * person has not accepted (or has withdrawn), as after a reload of the page.
 */
async function loadDocuments(documents: readonly string[] | null): Promise<ApiResult<Agreement[]>> {
  if (documents && documents.length > 0) {
    const answers = await Promise.all(documents.map((id) => getAgreement(id)));
    const failed = answers.find((answer) => !answer.ok);
    if (failed && !failed.ok) return failed;
    return { ok: true, data: answers.flatMap((answer) => (answer.ok ? [answer.data] : [])) };
  }
  const [agreements, consents] = await Promise.all([listAgreements(), listMyConsents()]);
  if (!agreements.ok) return agreements;
  if (!consents.ok) return consents;
  const latest = new Map<string, string>();
  for (const consent of [...consents.data].sort((a, b) => a.recorded_at.localeCompare(b.recorded_at))) {
    latest.set(consent.agreement_id, consent.action);
  }
  return {
    ok: true,
    data: agreements.data.filter((agreement) => agreement.status === 'in_force' && latest.get(agreement.id) !== 'accepted'),
  };
}

export interface AgreementAcceptanceProps {
  /** The versions the API named, if known. */
  documents: readonly string[] | null;
  /** Renders the SIGN-key signer over the given texts. */
  renderSigner: (texts: readonly string[], onSigned: SignedTextsHandler) => ReactNode;
  /** Everything is accepted: go on. */
  onAccepted: () => void;
}

export function AgreementAcceptance({ documents, renderSigner, onAccepted }: AgreementAcceptanceProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const key = documents?.join(',') ?? '';
  const load = useCallback(() => loadDocuments(key === '' ? null : key.split(',')), [key]);
  const { result } = useApiResult(load);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const agreements = result.data;
  if (agreements.length === 0) {
    return (
      <>
        <p>{t('consents.accept.nothing')}</p>
        <p>
          <button type="button" className="button" onClick={onAccepted}>
            {t('consents.accept.continue')}
          </button>
        </p>
      </>
    );
  }

  const onSigned: SignedTextsHandler = async ({ signatures }) => {
    setFailure(null);
    for (const [index, agreement] of agreements.entries()) {
      const accepted = await acceptAgreement(agreement.id, language, signatures[index] ?? '');
      if (!accepted.ok) {
        setFailure(accepted.failure);
        return;
      }
    }
    onAccepted();
  };

  return (
    <>
      {agreements.map((agreement) => (
        <AgreementText key={agreement.id} agreement={agreement} language={language} />
      ))}
      <section aria-labelledby="accept-sign-heading">
        <h2 id="accept-sign-heading">{t('consents.accept.signHeading')}</h2>
        <p>{t('consents.accept.signIntro')}</p>
        <ProblemAlert
          failure={failure}
          explain={{
            'eds-wrong-key-usage': t('consents.accept.wrongKey'),
            'eds-identity-mismatch': t('consents.accept.otherPerson'),
          }}
        />
        {renderSigner(
          agreements.map((agreement) => agreement.body_sha256[language]),
          onSigned,
        )}
      </section>
    </>
  );
}
