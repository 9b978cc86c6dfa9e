// One version of an agreement (public), and what changed since the previous version of its kind
// when that one is listed (the version in force beside an upcoming one): a line diff.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { currentLanguage } from '@/i18n';
import type { ApiResult } from '@/lib/api-client';
import type { Agreement } from '../api/agreement-types';
import { getAgreement } from '../api/get-agreement';
import { listAgreements } from '../api/list-agreements';
import { lineDiff } from '../diff/line-diff';
import { AgreementText } from './agreement-text';

async function loadWithPrevious(id: string): Promise<ApiResult<{ agreement: Agreement; previous: Agreement | null }>> {
  const [agreement, listed] = await Promise.all([getAgreement(id), listAgreements()]);
  if (!agreement.ok) return agreement;
  const previous = listed.ok
    ? (listed.data.find(
        (other) => other.kind === agreement.data.kind && other.version === agreement.data.version - 1,
      ) ?? null)
    : null;
  return { ok: true, data: { agreement: agreement.data, previous } };
}

export function AgreementDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  return (
    <ol className="line-diff" aria-label={t('consents.diff.label')}>
      {lineDiff(before, after).map((line, index) => (
        <li key={index} className={`line-diff__line line-diff__line--${line.kind}`}>
          {line.kind !== 'same' && <span className="consents-hidden">{t(`consents.diff.${line.kind}`)} </span>}
          {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
          {line.text}
        </li>
      ))}
    </ol>
  );
}

export function AgreementDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const load = useCallback(() => loadWithPrevious(id), [id]);
  const { result } = useApiResult(load);

  if (!result) return <p role="status">{t('consents.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const { agreement, previous } = result.data;

  return (
    <>
      <AgreementText agreement={agreement} language={language} />
      {previous && (
        <section aria-labelledby="agreement-changes">
          <h2 id="agreement-changes">{t('consents.diff.heading', { version: previous.version })}</h2>
          <AgreementDiff before={previous.body[language]} after={agreement.body[language]} />
        </section>
      )}
    </>
  );
}
