// Fingerprints (SHA-256) and certificate serial numbers: what someone checking a signature or a
// file needs, and what an applicant following their request does not. They sit in a collapsed
// "Technical details" disclosure; staff, who check them, find it open.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function TechnicalDetails({ open = false, children }: { open?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="technical-details" open={open} data-testid="technical-details">
      <summary>{t('permits.technical.summary')}</summary>
      <div className="technical-details__body">{children}</div>
    </details>
  );
}
