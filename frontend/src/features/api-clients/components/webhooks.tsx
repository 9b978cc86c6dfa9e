// A client's webhooks (docs/integrators.md §6): Saulet POSTs the events a receiver subscribed to,
// signed with the subscription's secret, instead of the client asking again and again. The list,
// the signing secret just issued (shown once), and adding a receiver. Shown under an active
// client, on request.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiClient } from '../api/client-types';
import { listWebhooks } from '../api/list-webhooks';
import type { Webhook, WebhookWithSecret } from '../api/webhook-types';
import { CreateWebhookForm } from './create-webhook-form';
import { WebhookRow } from './webhook-row';
import { WebhookSecret, type IssuedWebhookSecret } from './webhook-secret';

export interface WebhooksProps {
  client: ApiClient;
  headingId: string;
}

export function Webhooks({ client, headingId }: WebhooksProps) {
  const { t } = useTranslation();
  const load = useCallback(() => listWebhooks(client.id), [client.id]);
  const { result, reload } = useApiResult(load);
  // The secret lives here only, until it is dismissed; the number makes each issue a new panel.
  const [issued, setIssued] = useState<{ number: number; secret: IssuedWebhookSecret } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  function show(secret: IssuedWebhookSecret) {
    setNotice(null);
    setIssued((previous) => ({ number: (previous?.number ?? 0) + 1, secret }));
  }

  function created(answer: WebhookWithSecret) {
    show({ kind: 'created', webhook: answer.subscription, secret: answer.secret });
    reload();
  }

  function deleted(webhook: Webhook) {
    if (issued?.secret.webhook.id === webhook.id) setIssued(null);
    setNotice(t('apiClients.webhooks.deleted', { url: webhook.url }));
    reload();
    // The row, and the button that opened the confirmation, are gone: focus goes to the heading.
    heading.current?.focus();
  }

  function dismiss() {
    setIssued(null);
    heading.current?.focus();
  }

  return (
    <section aria-labelledby={headingId} className="api-clients__webhooks" data-testid="webhooks">
      <h4 id={headingId} ref={heading} tabIndex={-1} className="api-clients__subheading">
        {t('apiClients.webhooks.heading')}
      </h4>
      <p className="card__detail">{t('apiClients.webhooks.intro')}</p>
      {issued && <WebhookSecret key={issued.number} issued={issued.secret} onDismiss={dismiss} />}
      {notice && <Notice>{notice}</Notice>}
      {result === null ? (
        <p role="status">{t('apiClients.webhooks.loading')}</p>
      ) : !result.ok ? (
        <ProblemAlert failure={result.failure} />
      ) : result.data.length === 0 ? (
        <p data-testid="webhooks-empty">{t('apiClients.webhooks.empty')}</p>
      ) : (
        <ul className="card-list api-clients__webhook-list" data-testid="webhook-list">
          {result.data.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onIssued={show} onDeleted={deleted} onChanged={reload} />
          ))}
        </ul>
      )}
      <h5 className="api-clients__subheading">{t('apiClients.webhooks.form.heading')}</h5>
      <CreateWebhookForm clientId={client.id} onCreated={created} />
    </section>
  );
}
