// The inbox: my notices, newest first, unread ones marked; each can be marked read, or all at
// once; "unread only" filters; "Load more" follows the cursor. A notice about something (a
// request, an agreement) has its title link to that page. A notice that arrives on the live
// stream makes the list read itself again.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { useDateTime } from '@/hooks/use-date-time';
import { usePagedList } from '@/hooks/use-paged-list';
import type { ApiFailure } from '@/lib/api-client';
import { listNotifications } from '../api/list-notifications';
import { markAllRead } from '../api/mark-all-read';
import { markRead } from '../api/mark-read';
import { useLiveNotifications } from '../hooks/use-notifications';
import { sitePath } from '../lib/site-path';
import './notifications.css';

export function Inbox() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const filterId = useId();
  const { arrivals, refreshUnread } = useLiveNotifications();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [round, setRound] = useState(0);
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const loadPage = useCallback(
    (cursor: string | undefined) => listNotifications({ unreadOnly, cursor }),
    [unreadOnly],
  );
  const list = usePagedList(loadPage, `${String(unreadOnly)}:${arrivals}:${round}`);

  const readOne = async (id: string, title: string) => {
    setBusy(true);
    const result = await markRead(id);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setFailure(null);
    setReadHere((previous) => new Set(previous).add(id));
    setStatus(t('notifications.inbox.markedRead', { title }));
    refreshUnread();
  };

  const readAll = async () => {
    setBusy(true);
    const result = await markAllRead();
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setFailure(null);
    setStatus(t('notifications.inbox.markedAllRead'));
    setRound((previous) => previous + 1);
    refreshUnread();
  };

  const isRead = (id: string, read: boolean) => read || readHere.has(id);
  const anyUnread = list.items.some((item) => !isRead(item.id, item.read));

  return (
    <>
      <div className="inbox__tools">
        <div className="inbox__filter">
          <input
            id={filterId}
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => setUnreadOnly(event.target.checked)}
          />
          <label htmlFor={filterId}>{t('notifications.inbox.unreadOnly')}</label>
        </div>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || !anyUnread}
          onClick={() => void readAll()}
        >
          {t('notifications.inbox.markAllRead')}
        </button>
        <Link to={paths.notificationPreferences}>{t('notifications.inbox.preferencesLink')}</Link>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <ProblemAlert failure={failure ?? list.failure} />
      {list.loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          {list.items.length === 0 && !list.failure && (
            <p>{unreadOnly ? t('notifications.inbox.emptyUnread') : t('notifications.inbox.empty')}</p>
          )}
          {list.items.length > 0 && (
            <ul className="inbox__list" aria-label={t('notifications.inbox.listLabel')}>
              {list.items.map((item) => {
                const read = isRead(item.id, item.read);
                const target = sitePath(item.link);
                return (
                  <li
                    key={item.id}
                    className={read ? 'inbox__item' : 'inbox__item inbox__item--unread'}
                    data-testid="notification"
                  >
                    <h2 className="inbox__title">{target ? <Link to={target}>{item.title}</Link> : item.title}</h2>
                    <p className="inbox__meta">
                      {!read && <span className="inbox__state">{t('notifications.inbox.unread')} · </span>}
                      {t(`notifications.categories.${item.category}`)} ·{' '}
                      <time dateTime={item.created_at}>{dateTime(item.created_at)}</time>
                    </p>
                    <p className="inbox__body">{item.body}</p>
                    {!read && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        aria-label={t('notifications.inbox.markReadOf', { title: item.title })}
                        onClick={() => void readOne(item.id, item.title)}
                      >
                        {t('notifications.inbox.markRead')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {list.hasMore && (
            <button
              type="button"
              className="button button--secondary"
              disabled={list.loadingMore}
              onClick={list.loadMore}
            >
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
