// The frame every paged list shares: the failure, "loading" while the first page is on its way,
// then how many rows are shown (or that there are none), announced to screen readers as a status,
// the rows themselves, and "Load more" while the API has more.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { PagedList } from '@/hooks/use-paged-list';

interface Props<T> {
  list: PagedList<T>;
  /** What the status line says when there are no rows. */
  none: string;
  /** What it says when `count` rows are shown. */
  shown: (count: number) => string;
  /** The rows, drawn only when there are some. */
  children: (items: T[]) => ReactNode;
  /** Explanations of failures that fit this list better than the general one, by problem type. */
  explain?: Partial<Record<string, string>>;
}

export function PagedListResults<T>({ list, none, shown, children, explain }: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <ProblemAlert failure={list.failure} explain={explain} />
      {list.loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p role="status" className="results-count">
            {list.items.length === 0 ? none : shown(list.items.length)}
          </p>
          {list.items.length > 0 && children(list.items)}
          {list.hasMore && (
            <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={list.loadMore}>
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
