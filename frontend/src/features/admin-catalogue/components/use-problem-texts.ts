// Words for what the editors' own checks found, in the interface language.
import { useTranslation } from 'react-i18next';
import type { DayProblem } from '../lib/calendar-draft';
import type { DraftProblem } from '../lib/type-draft';

export function useDraftProblemText(): (problem: DraftProblem) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem.code) {
      case 'required':
        return t('fieldErrors.required');
      case 'tooLong':
        return t('adminCatalogue.editor.errors.tooLong', { max: problem.max });
      case 'wholeNumber':
        return t('adminCatalogue.editor.errors.wholeNumber', { min: problem.min, max: problem.max });
      case 'noKind':
        return t('adminCatalogue.editor.errors.noKind');
      case 'noContentType':
        return t('adminCatalogue.editor.errors.noContentType');
      case 'size':
        return t('adminCatalogue.editor.errors.size', { max: problem.max });
      case 'duplicate':
        return t('adminCatalogue.editor.errors.duplicate');
      case 'noGround':
        return t('adminCatalogue.editor.errors.noGround');
      case 'json':
        return t('adminCatalogue.editor.errors.json', { detail: problem.detail });
      case 'notObject':
        return t('adminCatalogue.editor.errors.notObject');
      case 'reason':
        return t('adminCatalogue.editor.errors.reason', { min: problem.min, max: problem.max });
    }
  };
}

export function useDayProblemText(): (problem: DayProblem) => string {
  const { t } = useTranslation();
  return (problem) => {
    switch (problem.code) {
      case 'required':
        return t('adminCatalogue.calendar.errors.date');
      case 'outsideYear':
        return t('adminCatalogue.calendar.errors.outsideYear', { year: problem.year });
      case 'duplicate':
        return t('adminCatalogue.calendar.errors.duplicate');
      case 'notWeekend':
        return t('adminCatalogue.calendar.errors.notWeekend');
      case 'tooMany':
        return t('adminCatalogue.calendar.errors.tooMany', { max: problem.max });
    }
  };
}
