// One API client in the organisation's list: its client ID, scopes, how it signs in, when it was
// registered, renewed and last used. An active client can be given a new secret (after a
// confirmation: the old one and every token stop), a public key for private_key_jwt, or be
// revoked (after a confirmation: for good); its webhooks are shown on request. A revoked client is
// listed as revoked, with no actions.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useDateTime } from '@/hooks/use-date-time';
import { problemType, type ApiFailure } from '@/lib/api-client';
import type { ApiClient } from '../api/client-types';
import { listClients } from '../api/list-clients';
import { revokeClient } from '../api/revoke-client';
import { rotateSecret } from '../api/rotate-secret';
import { setClientKey } from '../api/set-client-key';
import { ClientProblem, type ConflictMeaning } from './client-problem';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import type { Issued } from './issued-credentials';
import { useKeyError } from './key-error';
import { useAuthMethodText } from './use-auth-method-text';
import { useScopeText } from './use-scope-text';
import { Webhooks } from './webhooks';

export interface ClientRowProps {
  client: ApiClient;
  /** A new secret was issued: to show once. */
  onIssued: (issued: Issued) => void;
  /** Something changed: read the list again. */
  onChanged: () => void;
  /** Says what was done, for the whole page. */
  onNotice: (text: string) => void;
  signInWithEds: ReactNode;
}

export function ClientRow({ client, onIssued, onChanged, onNotice, signInWithEds }: ClientRowProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const scopeText = useScopeText();
  const methodText = useAuthMethodText();
  const keyError = useKeyError();
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [conflict, setConflict] = useState<ConflictMeaning>('eds-required');
  const [keyFormOpen, setKeyFormOpen] = useState(false);
  const [publicKey, setPublicKey] = useState('');
  const [keyFailure, setKeyFailure] = useState<ApiFailure | null>(null);
  const [keyMissing, setKeyMissing] = useState(false);
  const [webhooksOpen, setWebhooksOpen] = useState(false);
  const webhooksId = useId();
  const keyApiErrors = useApiFieldErrors(keyFailure);
  const revoked = Boolean(client.revoked_at);
  const hasKey = client.auth_methods.includes('private_key_jwt');

  /**
   * What a refusal of a new secret or key means. A 409 is a password session, unless someone
   * revoked the client meanwhile: the list says which.
   */
  async function meaningOf(refusal: ApiFailure): Promise<ConflictMeaning> {
    if (problemType(refusal) !== 'conflict') return 'eds-required';
    const fresh = await listClients();
    const revokedNow = fresh.ok && fresh.data.some((other) => other.id === client.id && Boolean(other.revoked_at));
    return revokedNow ? 'revoked-meanwhile' : 'eds-required';
  }

  function afterRefusal(meaning: ConflictMeaning, refusal: ApiFailure) {
    if (meaning !== 'eds-required' || problemType(refusal) === 'not-found') onChanged();
  }

  async function rotate() {
    setBusy(true);
    setFailure(null);
    const answer = await rotateSecret(client.id);
    if (answer.ok) {
      setBusy(false);
      setConfirming(null);
      onIssued({ kind: 'rotated', client: answer.data.client, secret: answer.data.client_secret ?? null });
      onChanged();
      return;
    }
    const meaning = await meaningOf(answer.failure);
    setBusy(false);
    setConfirming(null);
    setConflict(meaning);
    setFailure(answer.failure);
    afterRefusal(meaning, answer.failure);
  }

  async function revoke() {
    setBusy(true);
    setFailure(null);
    const answer = await revokeClient(client.id);
    setBusy(false);
    setConfirming(null);
    if (answer.ok) {
      onNotice(t('apiClients.revoked', { name: client.name }));
      onChanged();
      return;
    }
    // The only conflict here: revoked already (by a colleague, in another tab).
    setConflict('already-revoked');
    setFailure(answer.failure);
    if (problemType(answer.failure) === 'conflict' || problemType(answer.failure) === 'not-found') onChanged();
  }

  async function saveKey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setKeyFailure(null);
    const pem = publicKey.trim();
    setKeyMissing(pem === '');
    if (pem === '') return;
    setBusy(true);
    const answer = await setClientKey(client.id, pem);
    if (answer.ok) {
      setBusy(false);
      setKeyFormOpen(false);
      setPublicKey('');
      onNotice(t('apiClients.keySaved', { name: client.name }));
      onChanged();
      return;
    }
    const meaning = await meaningOf(answer.failure);
    setBusy(false);
    setConflict(meaning);
    setKeyFailure(answer.failure);
    afterRefusal(meaning, answer.failure);
  }

  // Which client each button acts on, for those who hear the buttons out of their row.
  const forClient = (
    <>
      {' '}
      <span className="visually-hidden">({client.name})</span>
    </>
  );
  const keyFieldError = keyMissing ? t('fieldErrors.required') : keyError(keyFailure, keyApiErrors);

  return (
    <li
      className={revoked ? 'card api-clients__row api-clients__row--revoked' : 'card api-clients__row'}
      data-testid="api-client-row"
      data-status={revoked ? 'revoked' : 'active'}
    >
      <h3 className="card__title api-clients__name">
        {client.name}
        {revoked && <span className="badge api-clients__revoked-badge">{t('apiClients.list.revokedBadge')}</span>}
      </h3>
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('apiClients.list.clientId')}</dt>
          <dd>
            <code className="api-clients__value" data-testid="api-client-row-id">
              {client.id}
            </code>
            {!revoked && <CopyButton text={client.id} label={t('apiClients.copy.clientId')} />}
          </dd>
        </div>
        <div className="summary__row">
          <dt>{t('apiClients.list.scopes')}</dt>
          <dd>
            <ul className="api-clients__scope-list">
              {client.scopes.map((scope) => (
                <li key={scope}>{scopeText(scope).label}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="summary__row">
          <dt>{t('apiClients.list.methods')}</dt>
          <dd>{methodText(client).join('; ') || '—'}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('apiClients.list.created')}</dt>
          <dd>{dateTime(client.created_at)}</dd>
        </div>
        {client.secret_rotated_at && (
          <div className="summary__row">
            <dt>{t('apiClients.list.secretRotated')}</dt>
            <dd>{dateTime(client.secret_rotated_at)}</dd>
          </div>
        )}
        <div className="summary__row">
          <dt>{t('apiClients.list.lastUsed')}</dt>
          <dd>{client.last_used_at ? dateTime(client.last_used_at) : t('apiClients.list.never')}</dd>
        </div>
        {revoked && (
          <div className="summary__row">
            <dt>{t('apiClients.list.revokedAt')}</dt>
            <dd data-testid="api-client-revoked-at">{dateTime(client.revoked_at)}</dd>
          </div>
        )}
      </dl>
      <ClientProblem failure={failure} conflict={conflict} signInWithEds={signInWithEds} />
      {!revoked && (
        <ul className="action-list">
          <li>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              data-testid="api-client-rotate"
              onClick={() => {
                setFailure(null);
                setConfirming('rotate');
              }}
            >
              {t('apiClients.actions.rotate')}
              {forClient}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              aria-expanded={keyFormOpen}
              data-testid="api-client-set-key"
              onClick={() => {
                setFailure(null);
                setKeyFailure(null);
                setKeyMissing(false);
                setKeyFormOpen((open) => !open);
              }}
            >
              {hasKey ? t('apiClients.actions.replaceKey') : t('apiClients.actions.setKey')}
              {forClient}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={webhooksOpen}
              aria-controls={webhooksId}
              data-testid="api-client-webhooks"
              onClick={() => setWebhooksOpen((open) => !open)}
            >
              {t('apiClients.webhooks.toggle')}
              {forClient}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              data-testid="api-client-revoke"
              onClick={() => {
                setFailure(null);
                setConfirming('revoke');
              }}
            >
              {t('apiClients.actions.revoke')}
              {forClient}
            </button>
          </li>
        </ul>
      )}
      {!revoked && keyFormOpen && (
        <form className="form" onSubmit={(event) => void saveKey(event)} noValidate data-testid="api-client-key-form">
          <ClientProblem failure={keyFailure} conflict={conflict} signInWithEds={signInWithEds} />
          <Field label={t('apiClients.keyForm.label')} hint={t('apiClients.keyForm.hint')} error={keyFieldError}>
            {(control) => (
              <textarea
                {...control}
                name="public-key"
                rows={5}
                spellCheck={false}
                className="api-clients__pem"
                value={publicKey}
                onChange={(event) => setPublicKey(event.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button" disabled={busy}>
              {t('apiClients.keyForm.submit')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setKeyFormOpen(false)}>
              {t('apiClients.keyForm.cancel')}
            </button>
          </div>
        </form>
      )}
      {!revoked && (
        <div id={webhooksId} hidden={!webhooksOpen}>
          {webhooksOpen && <Webhooks client={client} headingId={`${webhooksId}-heading`} />}
        </div>
      )}
      {confirming === 'rotate' && (
        <ConfirmDialog
          title={t('apiClients.confirm.rotateTitle', { name: client.name })}
          body={t('apiClients.confirm.rotateBody')}
          confirmLabel={t('apiClients.confirm.rotateConfirm')}
          busy={busy}
          onConfirm={() => void rotate()}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === 'revoke' && (
        <ConfirmDialog
          title={t('apiClients.confirm.revokeTitle', { name: client.name })}
          body={t('apiClients.confirm.revokeBody')}
          confirmLabel={t('apiClients.confirm.revokeConfirm')}
          danger
          busy={busy}
          onConfirm={() => void revoke()}
          onCancel={() => setConfirming(null)}
        />
      )}
    </li>
  );
}
