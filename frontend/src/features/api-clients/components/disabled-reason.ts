// Why a webhook was disabled, in the interface language. The API words the reason in English; the
// one it gives today (deliveries failing for the configured number of hours) is translated, and
// any other is shown as the API words it.
import { useTranslation } from 'react-i18next';

const FAILING_FOR = /^deliveries failed for (\d+) hours?$/;

export function useDisabledReason(): (reason: string | null | undefined) => string | null {
  const { t } = useTranslation();
  return (reason) => {
    if (!reason) return null;
    const failing = FAILING_FOR.exec(reason.trim());
    return failing ? t('apiClients.webhooks.list.failingFor', { hours: failing[1] }) : reason;
  };
}
