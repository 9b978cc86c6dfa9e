// Keeps the live stream open while someone is signed in (`active`), and shares the unread count
// and the arrival of new notices with the bell and the inbox. Signing out closes the stream.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createStreamTicket, streamUrl } from '../api/create-stream-ticket';
import { listNotifications } from '../api/list-notifications';
import { NotificationStream, type EventSourceFactory } from '../live/notification-stream';
import { NotificationsContext, type LiveNotifications } from '../hooks/use-notifications';

export interface NotificationsProviderProps {
  /** Whether someone is signed in; a new `session` key opens a new stream. */
  active: boolean;
  session?: string;
  /** For tests: makes the EventSource. */
  connect?: EventSourceFactory;
  children: ReactNode;
}

async function openUrl(): Promise<string | null> {
  const result = await createStreamTicket();
  return result.ok ? streamUrl(result.data.ticket) : null;
}

export function NotificationsProvider({ active, session, connect, children }: NotificationsProviderProps) {
  const [unread, setUnread] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    if (!active) return;
    seen.current = new Set();
    let pending: ReturnType<typeof setTimeout> | null = null;
    const stream = new NotificationStream({
      openUrl,
      connect,
      onUnread: setUnread,
      onNotification: (notification) => {
        const id = (notification as { id?: unknown }).id;
        if (typeof id !== 'string' || seen.current.has(id)) return;
        seen.current.add(id);
        // A reconnection replays notices in a burst: tell the lists once.
        if (pending) clearTimeout(pending);
        pending = setTimeout(() => setArrivals((previous) => previous + 1), 200);
      },
    });
    stream.start();
    return () => {
      stream.stop();
      if (pending) clearTimeout(pending);
      setUnread(null);
    };
  }, [active, session, connect]);

  const refreshUnread = useCallback(() => {
    if (!active) return;
    void listNotifications({ limit: 1, unreadOnly: true }).then((result) => {
      if (result.ok) setUnread(result.data.unread_count);
    });
  }, [active]);

  const value = useMemo<LiveNotifications>(
    () => ({ unread: active ? unread : null, arrivals, refreshUnread }),
    [active, unread, arrivals, refreshUnread],
  );
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}
