// The announcements in force, on every page, for visitors and signed-in people alike, in the
// interface language. Each can be hidden for the rest of the browser session.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import { listAnnouncements } from '../api/list-announcements';
import { AnnouncementNotice } from './announcement-notice';

const REFRESH_MS = 5 * 60 * 1000;

export const DISMISSED_KEY = 'saulet.dismissedAnnouncements';

function readDismissed(): string[] {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function writeDismissed(ids: string[]): void {
  try {
    window.sessionStorage.setItem(DISMISSED_KEY, JSON.stringify(ids));
  } catch {
    // Without storage the announcement stays hidden until the page is loaded again.
  }
}

export function AnnouncementBanner({ refreshKey }: { refreshKey?: unknown }) {
  const { t } = useTranslation();
  const load = useCallback(() => listAnnouncements(), []);
  const { result, reload } = useApiResult(load, refreshKey);
  // Announcements come and go while a page stays open: look again now and then.
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const [dismissed, setDismissed] = useState<string[]>(readDismissed);
  const language = currentLanguage();

  const shown = result?.ok ? result.data.filter((announcement) => !dismissed.includes(announcement.id)) : [];
  if (shown.length === 0) return null;

  const dismiss = (id: string) => {
    const next = [...dismissed, id];
    setDismissed(next);
    writeDismissed(next);
  };

  return (
    <aside className="announcements" aria-label={t('announcements.label')}>
      <div className="container">
        {shown.map((announcement) => (
          <AnnouncementNotice
            key={announcement.id}
            announcement={announcement}
            language={language}
            action={
              <button
                type="button"
                className="announcement__dismiss"
                aria-label={t('announcements.dismissOf', { title: announcement.title[language] })}
                onClick={() => dismiss(announcement.id)}
              >
                {t('announcements.dismiss')}
              </button>
            }
          />
        ))}
      </div>
    </aside>
  );
}
