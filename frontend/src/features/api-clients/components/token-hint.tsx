// How a client gets a token (OAuth 2.0 client credentials, RFC 6749 §4.4): with its secret, as HTTP
// Basic credentials to POST /oauth/token; a client with a key pair signs a JWT assertion instead.
// The API documentation (Swagger UI, served by the API server) has the rest.
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';

export interface TokenHintProps {
  /** The client's ID; a placeholder when the hint is about any client. */
  clientId?: string;
  /** Whether the client has a secret (`client_secret_basic`); one with a key only signs instead. */
  withSecret?: boolean;
  /** Whether to say that a client with a key pair signs an assertion instead. */
  withKey?: boolean;
}

export function TokenHint({ clientId, withSecret = true, withKey = true }: TokenHintProps) {
  const { t } = useTranslation();
  const command = `curl -u ${clientId ?? 'CLIENT_ID'}:SECRET -d grant_type=client_credentials ${window.location.origin}/oauth/token`;
  return (
    <div className="api-clients__token">
      {withSecret && (
        <>
          <p>{t('apiClients.token.secret')}</p>
          <pre className="api-clients__command" tabIndex={0}>
            <code data-testid="api-client-token-command">{command}</code>
          </pre>
          <p>
            {clientId ? t('apiClients.token.placeholderSecret') : t('apiClients.token.placeholderBoth')}{' '}
            {t('apiClients.token.use')}
          </p>
        </>
      )}
      {withKey && <p>{t('apiClients.token.key')}</p>}
      <p>
        <a href={paths.apiDocs} data-testid="api-docs-link">
          {t('apiClients.token.docs')}
        </a>{' '}
        {t('apiClients.token.docsAbout')}
      </p>
    </div>
  );
}
