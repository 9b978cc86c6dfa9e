// The error beside a public-key field: the API's `invalid_key` (not PEM, an RSA key under 2048
// bits, a curve other than P-256, another kind of key) in the interface language.
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '@/lib/api-client';

export function useKeyError(): (failure: ApiFailure | null, apiErrors: Record<string, string>) => string | undefined {
  const { t } = useTranslation();
  return (failure, apiErrors) => {
    const invalid =
      failure?.kind === 'problem' &&
      failure.problem.type === 'validation' &&
      (failure.problem.errors ?? []).some((error) => error.field === 'public_key_pem' && error.code === 'invalid_key');
    return invalid ? t('apiClients.keyForm.invalid') : apiErrors.public_key_pem;
  };
}
