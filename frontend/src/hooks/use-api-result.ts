// Loads something from the API when a page shows it, again on request, and again whenever `key`
// changes (say, the account it belongs to was updated); an answer that arrives after the page
// moved on is dropped.
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '@/lib/api-client';

export function useApiResult<T>(
  load: () => Promise<ApiResult<T>>,
  key?: unknown,
): {
  result: ApiResult<T> | null;
  reload: () => void;
} {
  const [result, setResult] = useState<ApiResult<T> | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let superseded = false;
    void load().then((answer) => {
      if (!superseded) setResult(answer);
    });
    return () => {
      superseded = true;
    };
  }, [load, round, key]);

  const reload = useCallback(() => setRound((previous) => previous + 1), []);
  return { result, reload };
}
