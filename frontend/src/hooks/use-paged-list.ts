// A cursor-paginated list from the API (`{items, next_cursor}`): the first page whenever `key`
// changes (a new search), and the next page appended on request ("Load more").
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure, ApiResult } from '@/lib/api-client';

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface PagedList<T> {
  items: T[];
  /** True until the first page for the current key has arrived. */
  loading: boolean;
  loadingMore: boolean;
  failure: ApiFailure | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface Loaded<T> {
  /** The request these items answer: key and reload round. */
  request: string;
  items: T[];
  cursor: string | null;
  failure: ApiFailure | null;
}

export function usePagedList<T>(
  loadPage: (cursor: string | undefined) => Promise<ApiResult<Page<T>>>,
  key: string,
): PagedList<T> {
  const [round, setRound] = useState(0);
  const request = `${round}:${key}`;
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(request);

  useEffect(() => {
    latest.current = request;
    void loadPage(undefined).then((result) => {
      if (latest.current !== request) return;
      setLoaded(
        result.ok
          ? { request, items: result.data.items, cursor: result.data.next_cursor ?? null, failure: null }
          : { request, items: [], cursor: null, failure: result.failure },
      );
    });
  }, [loadPage, request]);

  const current = loaded?.request === request ? loaded : null;
  const cursor = current?.cursor ?? null;

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const asked = latest.current;
    setLoadingMore(true);
    void loadPage(cursor).then((result) => {
      setLoadingMore(false);
      if (latest.current !== asked) return;
      setLoaded((previous) => {
        if (!previous || previous.request !== asked) return previous;
        return result.ok
          ? {
              ...previous,
              items: [...previous.items, ...result.data.items],
              cursor: result.data.next_cursor ?? null,
              failure: null,
            }
          : { ...previous, failure: result.failure };
      });
    });
  }, [cursor, loadPage]);

  const reload = useCallback(() => setRound((previous) => previous + 1), []);

  return {
    items: current?.items ?? [],
    loading: current === null,
    loadingMore,
    failure: current?.failure ?? null,
    hasMore: cursor !== null,
    loadMore,
    reload,
  };
}
