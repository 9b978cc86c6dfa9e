// How a client signs in to the token endpoint, in words.
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client-types';

export function useAuthMethodText(): (client: ApiClient) => string[] {
  const { t } = useTranslation();
  return (client) =>
    client.auth_methods.map((method) => {
      if (method === 'client_secret_basic') return t('apiClients.methods.secret');
      if (method === 'private_key_jwt') return t('apiClients.methods.key', { algorithm: client.key_algorithm ?? '—' });
      return method;
    });
}
