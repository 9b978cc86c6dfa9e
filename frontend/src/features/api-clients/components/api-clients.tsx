// An organisation's API clients (OAuth 2.0 client credentials; docs/integrators.md): the list,
// registering a new one, and the credentials just issued, shown once. An individual's account has
// no clients: the API refuses the list with 403, and the page says why. Issuing credentials needs
// a session begun with the organisation's EDS; the way to sign in again (`signInWithEds`) is
// composed in by the app, which owns the session.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiClientWithSecret } from '../api/client-types';
import { listClients } from '../api/list-clients';
import { ClientProblem } from './client-problem';
import { ClientRow } from './client-row';
import { CreateClientForm } from './create-client-form';
import { IssuedCredentials, type Issued } from './issued-credentials';
import { TokenHint } from './token-hint';
import './api-clients.css';

export interface ApiClientsProps {
  /** A link that signs out and leads to signing in with the EDS, for a password session. */
  signInWithEds: ReactNode;
}

export function ApiClients({ signInWithEds }: ApiClientsProps) {
  const { t } = useTranslation();
  const { result, reload } = useApiResult(listClients);
  // The secret lives here only, until it is dismissed; the number makes each issue a new panel.
  const [issued, setIssued] = useState<{ number: number; credentials: Issued } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  function show(credentials: Issued) {
    setNotice(null);
    setIssued((previous) => ({ number: (previous?.number ?? 0) + 1, credentials }));
  }

  function created(answer: ApiClientWithSecret) {
    show({ kind: 'created', client: answer.client, secret: answer.client_secret ?? null });
    reload();
  }

  function dismiss() {
    setIssued(null);
    listHeading.current?.focus();
  }

  if (!result) return <p role="status">{t('apiClients.loading')}</p>;
  if (!result.ok) {
    return (
      <div data-testid="api-clients-unavailable">
        <ClientProblem failure={result.failure} signInWithEds={signInWithEds} />
      </div>
    );
  }

  const clients = result.data;
  return (
    <>
      {issued && (
        <IssuedCredentials key={issued.number} issued={issued.credentials} onDismiss={dismiss} />
      )}

      <section aria-labelledby="api-clients-list">
        <h2 id="api-clients-list" ref={listHeading} tabIndex={-1}>
          {t('apiClients.list.heading')}
        </h2>
        {notice && <Notice>{notice}</Notice>}
        {clients.length === 0 ? (
          <p data-testid="api-clients-empty">{t('apiClients.list.empty')}</p>
        ) : (
          <ul className="card-list api-clients__list" data-testid="api-client-list">
            {clients.map((client) => (
              <ClientRow
                key={client.id}
                client={client}
                onIssued={show}
                onChanged={reload}
                onNotice={setNotice}
                signInWithEds={signInWithEds}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="api-clients-new">
        <h2 id="api-clients-new">{t('apiClients.form.heading')}</h2>
        <CreateClientForm onCreated={created} signInWithEds={signInWithEds} />
      </section>

      <section aria-labelledby="api-clients-token">
        <h2 id="api-clients-token">{t('apiClients.token.heading')}</h2>
        <TokenHint />
      </section>
    </>
  );
}
