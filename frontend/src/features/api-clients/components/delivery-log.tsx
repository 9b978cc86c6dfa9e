// A webhook's delivery log, newest first: when each event was written, what it was, whether it
// was delivered (and when), is still pending (and when the next attempt is due) or was given up,
// how many attempts it took and what the receiver answered last. Refresh reads it again (the
// server's worker sends in the background); any delivery can be sent again at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useDateTime } from '@/hooks/use-date-time';
import { problemType, type ApiFailure } from '@/lib/api-client';
import { redeliver } from '../api/redeliver';
import { isDeliveryStatus, type Delivery, type Webhook } from '../api/webhook-types';
import { useDeliveryLog } from './use-delivery-log';
import { useEventText } from './use-event-text';

export interface DeliveryLogProps {
  webhook: Webhook;
  /** Changes when something was just sent (a test ping): the log is read again. */
  version: number;
  headingId: string;
  /** The subscription may have changed (disabled, deleted): read the list again. */
  onChanged: () => void;
}

export function DeliveryLog({ webhook, version, headingId, onChanged }: DeliveryLogProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const eventText = useEventText();
  const { result, refreshing, refresh } = useDeliveryLog(webhook.id, version);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function sendAgain(delivery: Delivery) {
    setBusy(delivery.id);
    setFailure(null);
    setNotice(null);
    const answer = await redeliver(webhook.id, delivery.id);
    setBusy(null);
    if (answer.ok) {
      setNotice(t('apiClients.webhooks.log.redelivered'));
    } else {
      setFailure(answer.failure);
      if (problemType(answer.failure) === 'conflict' || problemType(answer.failure) === 'not-found') onChanged();
    }
    refresh();
  }

  const statusText = (delivery: Delivery) =>
    isDeliveryStatus(delivery.status) ? t(`apiClients.webhooks.log.statuses.${delivery.status}`) : delivery.status;

  const statusDetail = (delivery: Delivery) => {
    if (delivery.status === 'delivered' && delivery.delivered_at) return dateTime(delivery.delivered_at);
    if (delivery.status === 'pending' && delivery.next_attempt_at) {
      return t('apiClients.webhooks.log.nextAttempt', { date: dateTime(delivery.next_attempt_at) });
    }
    return null;
  };

  const answerText = (delivery: Delivery) =>
    [
      delivery.last_status != null ? t('apiClients.webhooks.log.httpStatus', { status: delivery.last_status }) : null,
      delivery.last_error ?? null,
    ]
      .filter(Boolean)
      .join(': ') || '—';

  return (
    <section aria-labelledby={headingId} className="api-clients__log" data-testid="webhook-log">
      <h6 id={headingId} className="api-clients__subheading">
        {t('apiClients.webhooks.log.heading')}
      </h6>
      <p className="card__detail">{t('apiClients.webhooks.log.intro')}</p>
      <div className="api-clients__log-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={refreshing || result === null}
          data-testid="webhook-log-refresh"
          onClick={() => {
            setNotice(null);
            refresh();
          }}
        >
          {t('apiClients.webhooks.log.refresh')}
        </button>
        <span role="status" className="card__detail">
          {refreshing ? t('apiClients.webhooks.log.refreshing') : ''}
        </span>
      </div>
      {!webhook.enabled && <p className="card__detail">{t('apiClients.webhooks.log.disabledNote')}</p>}
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert failure={failure} explain={{ conflict: t('apiClients.webhooks.log.disabledConflict') }} />
      {result === null ? (
        <p role="status">{t('apiClients.webhooks.log.loading')}</p>
      ) : !result.ok ? (
        <ProblemAlert failure={result.failure} />
      ) : result.data.length === 0 ? (
        <p data-testid="webhook-log-empty">{t('apiClients.webhooks.log.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table api-clients__log-table">
            <caption className="visually-hidden">{t('apiClients.webhooks.log.caption', { url: webhook.url })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiClients.webhooks.log.created')}</th>
                <th scope="col">{t('apiClients.webhooks.log.event')}</th>
                <th scope="col">{t('apiClients.webhooks.log.status')}</th>
                <th scope="col">{t('apiClients.webhooks.log.answer')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('apiClients.webhooks.log.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((delivery) => {
                const detail = statusDetail(delivery);
                const event = eventText(delivery.event_type).label;
                return (
                  <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status}>
                    <td>{dateTime(delivery.created_at)}</td>
                    <td>{event}</td>
                    <td>
                      <span
                        className={`api-clients__delivery api-clients__delivery--${delivery.status}`}
                        data-testid="webhook-delivery-status"
                      >
                        {statusText(delivery)}
                      </span>
                      <span className="table__note" data-testid="webhook-delivery-attempts">
                        {t('apiClients.webhooks.log.attempts', { number: delivery.attempts })}
                      </span>
                      {detail && <span className="table__note">{detail}</span>}
                    </td>
                    <td className="api-clients__answer">{answerText(delivery)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy !== null || !webhook.enabled}
                        data-testid="webhook-redeliver"
                        onClick={() => void sendAgain(delivery)}
                      >
                        {t('apiClients.webhooks.log.redeliver')}{' '}
                        <span className="visually-hidden">
                          ({event}, {dateTime(delivery.created_at)})
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
