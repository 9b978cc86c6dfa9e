// The request's steps, oldest first: when, what was done and by whom, the change of status, and
// the comment or reason given.
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/hooks/use-date-time';
import type { CorrectionItem, HistoryEntry, PermitType } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { isRecord, recordOrEmpty } from '../lib/json';
import { CorrectionList } from './form-summary';
import { StatusTag } from './request-status';

const KNOWN_STEPS = [
  'submit',
  'accept',
  'return',
  'request_corrections',
  'preliminary_refusal',
  'approve',
  'issue',
  'refuse',
  'withdraw',
  'assign',
  'unassign',
  'object',
  'task_approved',
  'task_declined',
  'extension_requested',
  'extension_granted',
  'extension_refused',
  'co_applicant_invited',
  'co_applicant_removed',
] as const;

type KnownStep = (typeof KNOWN_STEPS)[number];

function isKnownStep(action: string): action is KnownStep {
  return (KNOWN_STEPS as readonly string[]).includes(action);
}

/** The correction items a step asked for (`data.items`), if any. */
function itemsOf(entry: HistoryEntry): CorrectionItem[] {
  const items = recordOrEmpty(entry.data).items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    if (!isRecord(item) || typeof item.message !== 'string') return [];
    return [
      {
        message: item.message,
        field: typeof item.field === 'string' ? item.field : null,
        slot: typeof item.slot === 'string' ? item.slot : null,
      },
    ];
  });
}

/** The refusal grounds a step named (`data.grounds`), in words. */
function groundsOf(entry: HistoryEntry): string[] {
  const grounds = recordOrEmpty(entry.data).grounds;
  return Array.isArray(grounds) ? grounds.filter((code): code is string => typeof code === 'string') : [];
}

export function RequestHistory({ entries, type }: { entries: readonly HistoryEntry[]; type: PermitType | null }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const localized = useLocalized();
  if (entries.length === 0) return <p>{t('permits.history.empty')}</p>;

  return (
    <ol className="timeline" aria-label={t('permits.history.label')}>
      {entries.map((entry) => (
        <li key={entry.id} className="timeline__entry">
          <p className="timeline__when">
            <time dateTime={entry.at}>{dateTime(entry.at)}</time>
          </p>
          <p className="timeline__what">
            <strong>{isKnownStep(entry.action) ? t(`permits.history.actions.${entry.action}`) : entry.action}</strong>
            {entry.actor_name && <> · {entry.actor_name}</>}
          </p>
          {entry.from_status && entry.from_status !== entry.to_status && (
            <p className="timeline__status">
              <StatusTag status={entry.from_status} /> <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t('permits.history.to')}</span> <StatusTag status={entry.to_status} />
            </p>
          )}
          {entry.action === 'request_corrections' && itemsOf(entry).length > 0 && (
            <CorrectionList type={type} items={itemsOf(entry)} />
          )}
          {entry.action === 'preliminary_refusal' && groundsOf(entry).length > 0 && (
            <ul className="corrections">
              {groundsOf(entry).map((code) => {
                const ground = type?.refusal_grounds.find((candidate) => candidate.code === code);
                return <li key={code}>{ground ? localized(ground.text) : code}</li>;
              })}
            </ul>
          )}
          {entry.comment && <p className="timeline__comment">{entry.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
