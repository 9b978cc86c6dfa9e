// One announcement as the banner shows it, in a given language: an `info` one as a notice, a
// `maintenance` one as a warning with its window in the visitor's local time. The editor's preview
// shows the same thing in each language.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/i18n/languages';
import { formatDateTime } from '@/lib/dates';
import type { AnnouncementKind, Localized } from '../api/announcement-types';
import './announcements.css';

export interface AnnouncementContent {
  kind: AnnouncementKind;
  title: Localized;
  body: Localized;
  window_start?: string | null;
  window_end?: string | null;
}

function formatTime(language: Language, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return formatDateTime(date, language);
}

export function AnnouncementNotice({
  announcement,
  language,
  action,
}: {
  announcement: AnnouncementContent;
  language: Language;
  /** The dismiss button, on the live banner. */
  action?: ReactNode;
}) {
  const { t } = useTranslation(undefined, { lng: language });
  const maintenance = announcement.kind === 'maintenance';

  return (
    <div
      className={maintenance ? 'announcement announcement--maintenance' : 'announcement announcement--info'}
      lang={language}
      data-testid="announcement"
    >
      <div className="announcement__text">
        <p className="announcement__title">
          <span className="announcement__kind">{t(`announcements.kinds.${announcement.kind}`)}: </span>
          {announcement.title[language]}
        </p>
        {announcement.body[language] && <p className="announcement__body">{announcement.body[language]}</p>}
        {maintenance && (
          <p className="announcement__window">
            {t('announcements.window', {
              start: formatTime(language, announcement.window_start),
              end: formatTime(language, announcement.window_end),
            })}
          </p>
        )}
      </div>
      {action}
    </div>
  );
}
