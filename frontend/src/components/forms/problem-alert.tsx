// Shows why a request failed. A problem document from the API is shown under its title, which the
// API words in the interface language; the explanation is the SPA's own translation for the
// problem types it knows (the API's `detail` is in English), and the API's detail for the rest.
// Field errors are shown next to their fields (see useFieldErrors); the alert only says so.
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '@/lib/api-client';
import { useProblemText } from './use-problem-text';

export interface ProblemAlertProps {
  failure: ApiFailure | null;
  /** Explanations that fit this form better than the general one, by problem type. */
  explain?: Partial<Record<string, string>>;
  /** Extra content: a link to the way out (reset the password, sign in instead). */
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}

export function ProblemAlert({ failure, explain, children, ref }: ProblemAlertProps) {
  const { t } = useTranslation();
  const describe = useProblemText();
  if (!failure) return null;
  const text = describe(failure);
  const { title, serverDetail, requestId } = text;
  const explanation =
    (failure.kind === 'problem' ? explain?.[failure.problem.type] : undefined) ?? text.explanation;

  return (
    <div ref={ref} className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {explanation && <p>{explanation}</p>}
      {serverDetail && (
        <p className="alert__detail">{t('problems.serverDetail', { detail: serverDetail })}</p>
      )}
      {children}
      {requestId && <p className="alert__detail">{t('problems.requestId', { id: requestId })}</p>}
    </div>
  );
}
