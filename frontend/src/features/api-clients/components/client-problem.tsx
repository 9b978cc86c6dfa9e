// Why an action on the API clients failed, in words that fit this page: an individual's account
// has no clients (403 `forbidden`); issuing credentials after signing in with a password is refused
// (409 `conflict`), and the way out is signing in again with the organisation's EDS; a client
// revoked by someone else meanwhile (409 too, on an action on it).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { problemType, type ApiFailure } from '@/lib/api-client';

/** What a 409 `conflict` means where it came from. */
export type ConflictMeaning = 'eds-required' | 'revoked-meanwhile' | 'already-revoked';

export interface ClientProblemProps {
  failure: ApiFailure | null;
  conflict?: ConflictMeaning;
  /** The way to sign in with the EDS (composed in by the app). */
  signInWithEds: ReactNode;
}

export function ClientProblem({ failure, conflict = 'eds-required', signInWithEds }: ClientProblemProps) {
  const { t } = useTranslation();
  const conflictText = {
    'eds-required': t('apiClients.edsRequired'),
    'revoked-meanwhile': t('apiClients.revokedMeanwhile'),
    'already-revoked': t('apiClients.alreadyRevoked'),
  }[conflict];
  const needsEds = failure !== null && problemType(failure) === 'conflict' && conflict === 'eds-required';
  return (
    <ProblemAlert failure={failure} explain={{ forbidden: t('apiClients.notOrganisation'), conflict: conflictText }}>
      {needsEds && <p data-testid="api-client-eds-required">{signInWithEds}</p>}
    </ProblemAlert>
  );
}
