// Signing in with the EDS: a fresh challenge signed with the AUTH key (the signing form comes from
// the `eds` feature, composed in by the page). The certificate's identity finds the account.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { problemType, type ApiFailure } from '@/lib/api-client';
import type { SignedChallengeHandler } from '@/lib/signed-challenge';
import { signInWithEds } from '../api/sign-in-with-eds';
import { useAuth } from '../hooks/use-auth';

export interface EdsSignInProps {
  /** Renders the signing form, which calls `onSigned` with the signed challenge. */
  renderSigner: (onSigned: SignedChallengeHandler) => ReactNode;
  onSignedIn: () => void;
}

export function EdsSignIn({ renderSigner, onSignedIn }: EdsSignInProps) {
  const { t } = useTranslation();
  const { startSession } = useAuth();
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const onSigned: SignedChallengeHandler = async (signed) => {
    setFailure(null);
    const result = await signInWithEds(signed);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    startSession(result.data);
    onSignedIn();
  };

  return (
    <>
      {renderSigner(onSigned)}
      <ProblemAlert
        failure={failure}
        explain={{ 'invalid-credentials': t('signIn.eds.noAccount') }}
      >
        {failure && problemType(failure) === 'invalid-credentials' && (
          <p>
            <Link to={paths.register}>{t('signIn.eds.register')}</Link>
          </p>
        )}
      </ProblemAlert>
    </>
  );
}
