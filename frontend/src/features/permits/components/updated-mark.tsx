// The staff's mark on a request that changed since they last opened it (`RequestSummary.changed`):
// the word, with a hidden note of what it means for screen readers, never colour alone. The
// applicant's own list leaves it out: they made most of the changes themselves.
import { useTranslation } from 'react-i18next';
import './request-panels.css';

export function UpdatedMark() {
  const { t } = useTranslation();
  return (
    <span className="mark mark--updated" data-testid="updated-mark">
      {t('permits.queue.updated')}
      <span className="visually-hidden"> {t('permits.queue.updatedMeaning')}</span>
    </span>
  );
}
