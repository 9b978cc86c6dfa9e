// Whose certificate signed: name, IIN and, for a company's representative, the company and BIN
// as read from the certificate in the browser. For display only: the server decides.
import { useTranslation } from 'react-i18next';
import type { CertificateHolder } from '@/lib/signed-challenge';

export function CertificateHolderSummary({ holder }: { holder: CertificateHolder }) {
  const { t } = useTranslation();
  return (
    <dl className="summary">
      <div className="summary__row">
        <dt>{t('certificate.holder')}</dt>
        <dd>{holder.fullName}</dd>
      </div>
      {holder.iin && (
        <div className="summary__row">
          <dt>{t('certificate.iin')}</dt>
          <dd>{holder.iin}</dd>
        </div>
      )}
      {holder.organisation && (
        <div className="summary__row">
          <dt>{t('certificate.organisation')}</dt>
          <dd>{holder.organisation}</dd>
        </div>
      )}
      {holder.bin && (
        <div className="summary__row">
          <dt>{t('certificate.bin')}</dt>
          <dd>{holder.bin}</dd>
        </div>
      )}
    </dl>
  );
}
