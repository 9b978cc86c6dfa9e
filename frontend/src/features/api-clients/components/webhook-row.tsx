// One webhook of a client: the receiver's address, the events it gets, when it was added, and
// whether it is enabled (a disabled one says since when and why, and offers to enable it again).
// An enabled one can be sent a test ping. Each has its delivery log (shown on request), a new
// signing secret (after a confirmation; shown once) and deleting (after a confirmation).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useDateTime } from '@/hooks/use-date-time';
import { problemType, type ApiFailure } from '@/lib/api-client';
import { deleteWebhook } from '../api/delete-webhook';
import { enableWebhook } from '../api/enable-webhook';
import { pingWebhook } from '../api/ping-webhook';
import { rotateWebhookSecret } from '../api/rotate-webhook-secret';
import type { Webhook } from '../api/webhook-types';
import { ConfirmDialog } from './confirm-dialog';
import { DeliveryLog } from './delivery-log';
import { useDisabledReason } from './disabled-reason';
import { useEventText } from './use-event-text';
import type { IssuedWebhookSecret } from './webhook-secret';

export interface WebhookRowProps {
  webhook: Webhook;
  /** A new signing secret was issued: to show once. */
  onIssued: (issued: IssuedWebhookSecret) => void;
  /** Deleted: the section says so and reads the list again. */
  onDeleted: (webhook: Webhook) => void;
  /** Something changed: read the list again. */
  onChanged: () => void;
}

export function WebhookRow({ webhook, onIssued, onDeleted, onChanged }: WebhookRowProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const eventText = useEventText();
  const disabledReason = useDisabledReason();
  const logId = useId();
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const [logVersion, setLogVersion] = useState(0);
  const reason = disabledReason(webhook.disabled_reason);

  function start() {
    setBusy(true);
    setFailure(null);
    setNotice(null);
  }

  function refused(refusal: ApiFailure) {
    setFailure(refusal);
    // Deleted or disabled meanwhile (in another tab, or by the server): the list says how it is now.
    if (problemType(refusal) === 'not-found' || problemType(refusal) === 'conflict') onChanged();
  }

  async function ping() {
    start();
    const answer = await pingWebhook(webhook.id);
    setBusy(false);
    if (!answer.ok) return refused(answer.failure);
    setNotice(t('apiClients.webhooks.pinged'));
    setLogOpen(true);
    setLogVersion((previous) => previous + 1);
  }

  async function enable() {
    start();
    const answer = await enableWebhook(webhook.id);
    setBusy(false);
    if (!answer.ok) return refused(answer.failure);
    setNotice(t('apiClients.webhooks.enabledNotice'));
    onChanged();
  }

  async function rotate() {
    start();
    const answer = await rotateWebhookSecret(webhook.id);
    setBusy(false);
    setConfirming(null);
    if (!answer.ok) return refused(answer.failure);
    onIssued({ kind: 'rotated', webhook: answer.data.subscription, secret: answer.data.secret });
    onChanged();
  }

  async function remove() {
    start();
    const answer = await deleteWebhook(webhook.id);
    setBusy(false);
    setConfirming(null);
    if (!answer.ok) return refused(answer.failure);
    onDeleted(webhook);
  }

  // Which webhook each button acts on, for those who hear the buttons out of their row.
  const forWebhook = (
    <>
      {' '}
      <span className="visually-hidden">({webhook.url})</span>
    </>
  );

  return (
    <li
      className={webhook.enabled ? 'card api-clients__webhook' : 'card api-clients__webhook api-clients__webhook--disabled'}
      data-testid="webhook-row"
      data-status={webhook.enabled ? 'enabled' : 'disabled'}
    >
      <h5 className="card__title api-clients__subheading">
        <code className="api-clients__url" data-testid="webhook-url">
          {webhook.url}
        </code>
        <span
          className={webhook.enabled ? 'badge' : 'badge api-clients__revoked-badge'}
          data-testid="webhook-state"
        >
          {webhook.enabled ? t('apiClients.webhooks.list.enabled') : t('apiClients.webhooks.list.disabled')}
        </span>
      </h5>
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('apiClients.webhooks.list.events')}</dt>
          <dd>
            <ul className="api-clients__scope-list">
              {webhook.events.map((eventType) => (
                <li key={eventType}>{eventText(eventType).label}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="summary__row">
          <dt>{t('apiClients.webhooks.list.created')}</dt>
          <dd>{dateTime(webhook.created_at)}</dd>
        </div>
        {!webhook.enabled && (
          <div className="summary__row">
            <dt>{t('apiClients.webhooks.list.disabledAt')}</dt>
            <dd data-testid="webhook-disabled">
              {dateTime(webhook.disabled_at)}
              {reason && (
                <>
                  {'. '}
                  {t('apiClients.webhooks.list.reason', { reason })}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
      {!webhook.enabled && <p className="alert alert--warning">{t('apiClients.webhooks.list.disabledHint')}</p>}
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert
        failure={failure}
        explain={{
          conflict: t('apiClients.webhooks.log.disabledConflict'),
          'not-found': t('apiClients.webhooks.goneMeanwhile'),
        }}
      />
      <ul className="action-list">
        {webhook.enabled ? (
          <li>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              data-testid="webhook-ping"
              onClick={() => void ping()}
            >
              {t('apiClients.webhooks.actions.ping')}
              {forWebhook}
            </button>
          </li>
        ) : (
          <li>
            <button type="button" className="button" disabled={busy} data-testid="webhook-enable" onClick={() => void enable()}>
              {t('apiClients.webhooks.actions.enable')}
              {forWebhook}
            </button>
          </li>
        )}
        <li>
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={logOpen}
            aria-controls={logId}
            data-testid="webhook-log-toggle"
            onClick={() => setLogOpen((open) => !open)}
          >
            {t('apiClients.webhooks.actions.log')}
            {forWebhook}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            data-testid="webhook-rotate"
            onClick={() => {
              setFailure(null);
              setConfirming('rotate');
            }}
          >
            {t('apiClients.webhooks.actions.rotate')}
            {forWebhook}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            data-testid="webhook-delete"
            onClick={() => {
              setFailure(null);
              setConfirming('delete');
            }}
          >
            {t('apiClients.webhooks.actions.delete')}
            {forWebhook}
          </button>
        </li>
      </ul>
      <div id={logId} hidden={!logOpen}>
        {logOpen && (
          <DeliveryLog webhook={webhook} version={logVersion} headingId={`${logId}-heading`} onChanged={onChanged} />
        )}
      </div>
      {confirming === 'rotate' && (
        <ConfirmDialog
          title={t('apiClients.webhooks.confirm.rotateTitle', { url: webhook.url })}
          body={t('apiClients.webhooks.confirm.rotateBody')}
          confirmLabel={t('apiClients.webhooks.confirm.rotateConfirm')}
          busy={busy}
          onConfirm={() => void rotate()}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title={t('apiClients.webhooks.confirm.deleteTitle', { url: webhook.url })}
          body={t('apiClients.webhooks.confirm.deleteBody')}
          confirmLabel={t('apiClients.webhooks.confirm.deleteConfirm')}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(null)}
        />
      )}
    </li>
  );
}
