// The header's bell: a link to the inbox named with the live unread count ("Notifications: 3
// unread"); changes of the count are announced politely.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { useLiveNotifications } from '../hooks/use-notifications';
import './notifications.css';

function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const { unread } = useLiveNotifications();
  const count = unread ?? 0;
  const label = unread === null ? t('notifications.bell.label') : t('notifications.bell.labelWithCount', { count });

  return (
    <div className="bell">
      <NavLink to={paths.notifications} end className="bell__link" aria-label={label} data-testid="notification-bell">
        <BellIcon />
        {unread !== null && (
          <span className={count > 0 ? 'bell__count bell__count--unread' : 'bell__count'} aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </NavLink>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {unread === null ? '' : t('notifications.bell.announce', { count })}
      </span>
    </div>
  );
}
