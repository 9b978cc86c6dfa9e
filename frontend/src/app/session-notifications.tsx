// Composes the notifications and announcements features with the session: the live stream runs
// while someone is signed in (and stops as they sign out, before the server ends the session), the bell shows for them only, and
// the announcements banner, shown to everyone, looks again when a notice arrives.
import type { ReactNode } from 'react';
import { AnnouncementBanner } from '@/features/announcements/components/announcement-banner';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { NotificationsProvider } from '@/features/notifications/components/notifications-provider';
import { useLiveNotifications } from '@/features/notifications/hooks/use-notifications';

export function SessionNotifications({ children }: { children: ReactNode }) {
  const { account, signingOut } = useAuth();
  return (
    <NotificationsProvider active={account !== null && !signingOut} session={account?.id}>
      {children}
    </NotificationsProvider>
  );
}

export function HeaderBell() {
  const { account } = useAuth();
  return account ? <NotificationBell /> : null;
}

export function Announcements() {
  const { arrivals } = useLiveNotifications();
  return <AnnouncementBanner refreshKey={arrivals} />;
}
