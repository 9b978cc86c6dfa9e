// Binding a renewed certificate: when the EDS is reissued, the person signs a fresh
// challenge with the new AUTH key. The certificate must name the account's own IIN (and BIN):
// another person's certificate is refused.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import type { SignedChallengeHandler } from '@/lib/signed-challenge';
import type { Account } from '../api/account-types';
import { bindCertificate } from '../api/bind-certificate';

export interface CertificateRenewalProps {
  renderSigner: (onSigned: SignedChallengeHandler) => ReactNode;
  onBound: (account: Account) => void;
}

export function CertificateRenewal({ renderSigner, onBound }: CertificateRenewalProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [bound, setBound] = useState<string | null>(null);

  const onSigned: SignedChallengeHandler = async (signed) => {
    setFailure(null);
    setBound(null);
    const result = await bindCertificate(signed);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setBound(signed.holder?.fullName ?? result.data.full_name);
    onBound(result.data);
  };

  return (
    <>
      <p>{t('account.certificate.intro')}</p>
      {bound && (
        <Notice>
          <p>{t('account.certificate.bound', { name: bound })}</p>
        </Notice>
      )}
      <ProblemAlert failure={failure} />
      {renderSigner(onSigned)}
    </>
  );
}
