// The words for each webhook event type, in the interface language. The type names contain dots,
// which i18next reads as key separators, so their texts are kept under names without one.
import { useTranslation } from 'react-i18next';
import { PING_EVENT, isEventType, type EventType } from '../api/webhook-types';

const TEXT_KEYS = {
  'permit_request.status_changed': 'statusChanged',
  'approval_task.created': 'taskCreated',
  'approval_task.answered': 'taskAnswered',
} as const satisfies Record<EventType, string>;

export interface EventText {
  label: string;
  explanation: string | null;
}

export function useEventText(): (eventType: string) => EventText {
  const { t } = useTranslation();
  return (eventType) => {
    if (eventType === PING_EVENT) return { label: t('apiClients.webhooks.eventTypes.ping'), explanation: null };
    // An event type the SPA does not know yet is shown as the API names it.
    if (!isEventType(eventType)) return { label: eventType, explanation: null };
    const key = TEXT_KEYS[eventType];
    return {
      label: t(`apiClients.webhooks.eventTypes.${key}.label`),
      explanation: t(`apiClients.webhooks.eventTypes.${key}.explanation`),
    };
  };
}
