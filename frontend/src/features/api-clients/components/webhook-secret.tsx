// The signing secret of a webhook just added, or just given a new secret: shown this once (the
// server cannot show it again), with a warning that says so and a button that copies it; after a
// rotation, that the old secret still signs for 24 hours. Focus moves here when it appears.
// Dismissing it drops the secret: the page keeps it nowhere else.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../api/webhook-types';
import { CopyButton } from './copy-button';

/** A signing secret to show once. */
export interface IssuedWebhookSecret {
  kind: 'created' | 'rotated';
  webhook: Webhook;
  secret: string;
}

export interface WebhookSecretProps {
  issued: IssuedWebhookSecret;
  onDismiss: () => void;
}

export function WebhookSecret({ issued, onDismiss }: WebhookSecretProps) {
  const { t } = useTranslation();
  const panel = useRef<HTMLElement>(null);
  const headingId = useId();
  const { webhook, secret } = issued;

  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="panel api-clients__issued"
      data-testid="webhook-secret"
    >
      <h5 id={headingId} className="api-clients__subheading">
        {issued.kind === 'created'
          ? t('apiClients.webhooks.secret.createdHeading', { url: webhook.url })
          : t('apiClients.webhooks.secret.rotatedHeading', { url: webhook.url })}
      </h5>
      <p className="alert alert--warning" data-testid="webhook-secret-warning">
        {t('apiClients.webhooks.secret.warning')}
      </p>
      {issued.kind === 'rotated' && <p data-testid="webhook-secret-overlap">{t('apiClients.webhooks.secret.overlap')}</p>}
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('apiClients.webhooks.secret.label')}</dt>
          <dd>
            <code className="api-clients__value" data-testid="webhook-secret-value">
              {secret}
            </code>
            <CopyButton text={secret} label={t('apiClients.webhooks.secret.copy')} testId="webhook-copy-secret" />
          </dd>
        </div>
      </dl>
      <p>{t('apiClients.webhooks.secret.verify')}</p>
      <div className="form__actions">
        <button type="button" className="button" data-testid="webhook-secret-dismiss" onClick={onDismiss}>
          {t('apiClients.webhooks.secret.dismiss')}
        </button>
      </div>
    </section>
  );
}
