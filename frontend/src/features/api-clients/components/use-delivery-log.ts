// A subscription's delivery log, read when it is shown, again on request (Refresh) and whenever
// `version` changes (a test ping was just sent, say). While it is read again the rows read before
// stay on the page; an answer that arrives after the page moved on is dropped.
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '@/lib/api-client';
import { listDeliveries } from '../api/list-deliveries';
import type { Delivery } from '../api/webhook-types';

export interface DeliveryLogState {
  result: ApiResult<Delivery[]> | null;
  /** True while the log is read again, with the previous rows shown meanwhile. */
  refreshing: boolean;
  refresh: () => void;
}

export function useDeliveryLog(webhookId: string, version: number): DeliveryLogState {
  const [round, setRound] = useState(0);
  const request = `${webhookId}:${version}:${round}`;
  const [loaded, setLoaded] = useState<{ request: string; result: ApiResult<Delivery[]> } | null>(null);

  useEffect(() => {
    let superseded = false;
    void listDeliveries(webhookId).then((result) => {
      if (!superseded) setLoaded({ request, result });
    });
    return () => {
      superseded = true;
    };
  }, [webhookId, request]);

  const refresh = useCallback(() => setRound((previous) => previous + 1), []);
  return { result: loaded?.result ?? null, refreshing: loaded !== null && loaded.request !== request, refresh };
}
