// Words for a failed request, in the interface language (see ProblemAlert).
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import type { ApiFailure } from '@/lib/api-client';
import { formatDateTime, formatTime } from '@/lib/dates';

/** Problem types the SPA explains in its own words (docs/errors.md). */
const EXPLAINED = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'service-unavailable',
  'internal',
  'invalid-credentials',
  'account-blocked',
  'account-locked',
  'identity-taken',
  'email-taken',
  'token-invalid',
  'rate-limited',
  'eds-malformed',
  'eds-invalid-signature',
  'eds-untrusted',
  'eds-expired',
  'eds-revoked',
  'eds-revocation-unknown',
  'eds-wrong-key-usage',
  'eds-no-identity',
  'eds-challenge-expired',
  'eds-identity-mismatch',
] as const;

type Explained = (typeof EXPLAINED)[number];

function isExplained(type: string): type is Explained {
  return (EXPLAINED as readonly string[]).includes(type);
}

/** Types whose API detail says something specific (which check failed, what conflicts). */
const SPECIFIC_DETAIL = new Set<string>([
  'conflict',
  'service-unavailable',
  'eds-malformed',
  'eds-invalid-signature',
  'eds-untrusted',
  'eds-expired',
  'eds-revoked',
  'eds-revocation-unknown',
  'eds-wrong-key-usage',
  'eds-no-identity',
]);

export interface ProblemText {
  title: string;
  explanation: string | null;
  /** The API's own detail, when it adds something to the explanation. */
  serverDetail: string | null;
  /** The request id to quote to support, for faults on the server's side. */
  requestId: string | null;
}

export function useProblemText(): (failure: ApiFailure) => ProblemText {
  const { t } = useTranslation();

  return (failure) => {
    if (failure.kind === 'network') {
      return {
        title: t('problems.network.title'),
        explanation: t('problems.network.body'),
        serverDetail: null,
        requestId: null,
      };
    }
    if (failure.kind === 'http') {
      return {
        title: t('problems.http.title'),
        explanation: t('problems.http.body', { status: failure.status }),
        serverDetail: null,
        requestId: null,
      };
    }
    const { problem, retryAfter } = failure;
    const requestId = problem.status >= 500 ? (problem.request_id ?? null) : null;
    if (!isExplained(problem.type)) {
      return { title: problem.title, explanation: problem.detail, serverDetail: null, requestId };
    }
    let explanation: string;
    if (problem.type === 'account-locked' && retryAfter !== null) {
      const until = new Date(Date.now() + retryAfter * 1000);
      const language = currentLanguage();
      const time = retryAfter > 12 * 3600 ? formatDateTime(until, language) : formatTime(until, language);
      explanation = t('problems.types.account-locked-until', { time });
    } else if (problem.type === 'rate-limited' && retryAfter !== null) {
      explanation = t('problems.types.rate-limited-for', { seconds: Math.max(1, retryAfter) });
    } else {
      explanation = t(`problems.types.${problem.type}`);
    }
    return {
      title: problem.title,
      explanation,
      serverDetail: SPECIFIC_DETAIL.has(problem.type) ? problem.detail : null,
      requestId,
    };
  };
}
