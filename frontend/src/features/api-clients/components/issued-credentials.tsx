// The credentials of a client just registered, or just given a new secret: its client ID, and its
// secret, shown this once (the server keeps only its hash), with a warning that says so and
// buttons that copy them. Focus moves here when it appears. Dismissing it drops the secret: the
// page keeps it nowhere else.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client-types';
import { CopyButton } from './copy-button';
import { TokenHint } from './token-hint';

/** Credentials to show once. */
export interface Issued {
  kind: 'created' | 'rotated';
  client: ApiClient;
  /** None for a client registered with a public key only. */
  secret: string | null;
}

export interface IssuedCredentialsProps {
  issued: Issued;
  onDismiss: () => void;
}

export function IssuedCredentials({ issued, onDismiss }: IssuedCredentialsProps) {
  const { t } = useTranslation();
  const panel = useRef<HTMLElement>(null);
  const headingId = useId();
  const { client, secret } = issued;

  // The panel appears above the list: take the person (and their screen reader) to it.
  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="panel api-clients__issued"
      data-testid="api-client-secret"
    >
      <h2 id={headingId}>
        {issued.kind === 'created'
          ? t('apiClients.issued.createdHeading', { name: client.name })
          : t('apiClients.issued.rotatedHeading', { name: client.name })}
      </h2>
      {secret !== null && (
        <p className="alert alert--warning" data-testid="api-client-secret-warning">
          {t('apiClients.issued.warning')}
        </p>
      )}
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('apiClients.issued.clientId')}</dt>
          <dd>
            <code className="api-clients__value" data-testid="api-client-id">
              {client.id}
            </code>
            <CopyButton text={client.id} label={t('apiClients.copy.clientId')} testId="api-client-copy-id" />
          </dd>
        </div>
        {secret !== null && (
          <div className="summary__row">
            <dt>{t('apiClients.issued.secret')}</dt>
            <dd>
              <code className="api-clients__value" data-testid="api-client-secret-value">
                {secret}
              </code>
              <CopyButton text={secret} label={t('apiClients.copy.secret')} testId="api-client-copy-secret" />
            </dd>
          </div>
        )}
      </dl>
      {secret === null && <p>{t('apiClients.issued.keyOnly')}</p>}
      <TokenHint clientId={client.id} withSecret={secret !== null} withKey={secret === null} />
      <div className="form__actions">
        <button type="button" className="button" data-testid="api-client-secret-dismiss" onClick={onDismiss}>
          {secret !== null ? t('apiClients.issued.dismiss') : t('apiClients.issued.done')}
        </button>
      </div>
    </section>
  );
}
