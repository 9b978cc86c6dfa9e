// Where the account is signed in: each session with how it began (password or EDS), the browser,
// when it began and was last used; any but this one can be ended from here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import type { ApiFailure } from '@/lib/api-client';
import { endSession } from '../api/end-session';
import { listSessions } from '../api/list-sessions';

export function SessionList({ version }: { version: unknown }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { result, reload } = useApiResult(listSessions, version);
  const [ending, setEnding] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function end(id: string) {
    setEnding(id);
    setFailure(null);
    const ended = await endSession(id);
    setEnding(null);
    if (!ended.ok) setFailure(ended.failure);
    reload();
  }

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  return (
    <>
      <ProblemAlert failure={failure} />
      <ul className="card-list">
        {result.data.map((session) => (
          <li key={session.id} className="card">
            <p className="card__title">
              {session.method === 'eds' ? t('account.sessions.byEds') : t('account.sessions.byPassword')}
              {session.current && <span className="badge">{t('account.sessions.current')}</span>}
            </p>
            {session.user_agent && <p className="card__detail">{session.user_agent}</p>}
            <p className="card__detail">
              {t('account.sessions.started', { time: dateTime(session.created_at) })}
              {' · '}
              {t('account.sessions.lastSeen', { time: dateTime(session.last_seen_at) })}
            </p>
            {!session.current && (
              <button
                type="button"
                className="button button--secondary"
                disabled={ending === session.id}
                onClick={() => void end(session.id)}
              >
                {t('account.sessions.end')}
                <span className="visually-hidden">
                  {' '}
                  ({t('account.sessions.started', { time: dateTime(session.created_at) })})
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
