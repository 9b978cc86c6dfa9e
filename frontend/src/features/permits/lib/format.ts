// How the permits pages word things: texts in the interface language, days, file sizes and
// types, and saving a received file.
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import { formatDay } from '@/lib/dates';
import type { Localized } from '../api/permit-types';

/** Picks the interface language's text of a value written in the three languages. */
export function useLocalized(): (text: Localized | null | undefined) => string {
  // Subscribes the component to language changes.
  useTranslation();
  const language = currentLanguage();
  return (text) => (text ? text[language] || text.en : '');
}

/** A calendar day (YYYY-MM-DD, no time zone) in the interface language, all digits. */
export function useDay(): (day: string | null | undefined) => string {
  // Subscribes the component to language changes.
  useTranslation();
  const language = currentLanguage();
  return (day) => {
    if (!day) return '—';
    const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? day : formatDay(date, language, { utc: true });
  };
}

/**
 * The applicant's identifier as the API gives it (`IIN 850314301834`, `BIN 150640001234`) under
 * its name in the interface language (ЖСН, ИИН, IIN …); anything else as it is.
 */
export function useHolderId(): (holderId: string) => string {
  const { t } = useTranslation();
  return (holderId) => {
    const match = /^(IIN|BIN)\s*(\d{12})$/.exec(holderId.trim());
    if (!match) return holderId;
    const [, kind, number] = match;
    return kind === 'IIN' ? t('permits.fields.holderIin', { number }) : t('permits.fields.holderBin', { number });
  };
}

/** A file size in kilobytes or megabytes, in the interface language. */
export function useFileSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage, { maximumFractionDigits: 1 });
  return (bytes) => {
    if (bytes >= 1024 * 1024) return t('permits.units.megabytes', { size: format.format(bytes / (1024 * 1024)) });
    return t('permits.units.kilobytes', { size: format.format(Math.max(bytes, 1) / 1024) });
  };
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};

/** "PDF", "PNG": what a person calls a file type. */
export function typeName(contentType: string): string {
  return TYPE_NAMES[contentType] ?? contentType;
}

/** What the file chooser offers for these types. */
export function acceptOf(contentTypes: readonly string[]): string {
  const extensions: Record<string, string[]> = {
    'application/pdf': ['.pdf'],
    'image/png': ['.png'],
    'image/jpeg': ['.jpg', '.jpeg'],
  };
  return contentTypes.flatMap((type) => [type, ...(extensions[type] ?? [])]).join(',');
}

/** Saves a file the API sent, as a download with its name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Later, so the browser has started the download before the address goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
