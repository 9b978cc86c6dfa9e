// The signed-in person's live notification state, shared by the header's bell and the inbox.
import { createContext, useContext } from 'react';

export interface LiveNotifications {
  /** The unread count, or null before it is known (or when signed out). */
  unread: number | null;
  /** Bumped when a notice arrives that this page had not seen: lists read themselves again. */
  arrivals: number;
  /** Reads the unread count again (after marking notices read: the stream does not say). */
  refreshUnread(): void;
}

export const NotificationsContext = createContext<LiveNotifications>({
  unread: null,
  arrivals: 0,
  refreshUnread: () => undefined,
});

export function useLiveNotifications(): LiveNotifications {
  return useContext(NotificationsContext);
}
