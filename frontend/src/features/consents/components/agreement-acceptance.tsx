// The blocking page's content: the versions a person has to accept before going on, in
// the interface language, each with the date it took effect, and the SIGN-key signature that
// accepts them all: one signature per document over `body_sha256[language]`, each sent as a
// consent record (POST /consents).
//
// It says why it asks: a person who never accepted a version of the document is asked to read
// and accept it before going on; one who accepted an earlier version is told that it changed.
// Which it is comes from their consent records (GET /consents), whose documents' kinds are looked
// up; if that history cannot be read, the page words it neutrally.
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import type { ApiFailure, ApiResult } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import { acceptAgreement } from '../api/accept-agreement';
import type { Agreement, AgreementKind, Consent } from '../api/agreement-types';
import { getAgreement } from '../api/get-agreement';
import { listAgreements } from '../api/list-agreements';
import { listMyConsents } from '../api/list-my-consents';
import { AgreementText } from './agreement-text';

/** Whether the documents to accept are new to the person, or new versions of accepted ones. */
export type AcceptanceHistory =
  /** The ids of the documents that replace a version the person accepted before. */
  | { known: true; renewed: ReadonlySet<string> }
  /** The consent records could not be read. */
  | { known: false };

/**
 * Which of `agreements` renew a document the person accepted before: a consent record accepting
 * another version of the same kind.
 */
export async function historyOf(agreements: readonly Agreement[], consents: readonly Consent[]): Promise<AcceptanceHistory> {
  const kinds = new Map<string, AgreementKind>(agreements.map((agreement) => [agreement.id, agreement.kind]));
  const acceptedElsewhere = [
    ...new Set(consents.filter((consent) => consent.action === 'accepted').map((consent) => consent.agreement_id)),
  ].filter((id) => !agreements.some((agreement) => agreement.id === id));
  const looked = await Promise.all(acceptedElsewhere.filter((id) => !kinds.has(id)).map((id) => getAgreement(id)));
  for (const answer of looked) {
    if (!answer.ok) return { known: false };
    kinds.set(answer.data.id, answer.data.kind);
  }
  const acceptedKinds = new Set(acceptedElsewhere.map((id) => kinds.get(id)));
  return {
    known: true,
    renewed: new Set(agreements.filter((agreement) => acceptedKinds.has(agreement.kind)).map((agreement) => agreement.id)),
  };
}

interface Acceptance {
  agreements: Agreement[];
  history: AcceptanceHistory;
}

/**
 * The versions to accept: those named by the API's refusal, or else those in force that the
 * person has not accepted (or has withdrawn), as after a reload of the page; and whether they
 * are new to the person.
 */
async function loadDocuments(documents: readonly string[] | null): Promise<ApiResult<Acceptance>> {
  let agreements: Agreement[];
  let consents: ApiResult<Consent[]>;
  if (documents && documents.length > 0) {
    const [answers, mine] = await Promise.all([Promise.all(documents.map((id) => getAgreement(id))), listMyConsents()]);
    const failed = answers.find((answer) => !answer.ok);
    if (failed && !failed.ok) return failed;
    agreements = answers.flatMap((answer) => (answer.ok ? [answer.data] : []));
    consents = mine;
  } else {
    const [all, mine] = await Promise.all([listAgreements(), listMyConsents()]);
    if (!all.ok) return all;
    if (!mine.ok) return mine;
    const latest = new Map<string, string>();
    for (const consent of [...mine.data].sort((a, b) => a.recorded_at.localeCompare(b.recorded_at))) {
      latest.set(consent.agreement_id, consent.action);
    }
    agreements = all.data.filter((agreement) => agreement.status === 'in_force' && latest.get(agreement.id) !== 'accepted');
    consents = mine;
  }
  const history: AcceptanceHistory = consents.ok ? await historyOf(agreements, consents.data) : { known: false };
  return { ok: true, data: { agreements, history } };
}

function introOf(history: AcceptanceHistory): 'consents.accept.intro' | 'consents.accept.introFirst' | 'consents.accept.introChanged' {
  if (!history.known) return 'consents.accept.intro';
  return history.renewed.size > 0 ? 'consents.accept.introChanged' : 'consents.accept.introFirst';
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
  const { agreements, history } = result.data;
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

  // Some new, some renewed: each renewed one says so.
  const mixed = history.known && history.renewed.size > 0 && history.renewed.size < agreements.length;
  return (
    <>
      <p className="lead" data-testid="accept-intro">
        {t(introOf(history))}
      </p>
      {agreements.map((agreement) => (
        <AgreementText
          key={agreement.id}
          agreement={agreement}
          language={language}
          note={mixed && history.renewed.has(agreement.id) ? t('consents.accept.renewed') : undefined}
        />
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
