// What an application says: the form's answers under their labels, in the schema's order (and
// any other answers after them), and the reviewer's open correction items.
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import type { CorrectionItem, PermitType } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { fieldLabel, optionLabel, readFormSchema, type FormField } from '../schema-form/form-schema';

/** An answer as a reader sees it: the title of a chosen value, yes or no, a number. */
export function useAnswerText(): (field: FormField | undefined, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  return (field, value) => {
    if (value === undefined || value === null || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('permits.answers.yes') : t('permits.answers.no');
    if (typeof value === 'number') {
      const text = new Intl.NumberFormat(i18n.resolvedLanguage, { maximumFractionDigits: 10 }).format(value);
      return field?.options ? optionLabel(field, String(value), language) : text;
    }
    if (typeof value === 'string') return field?.options ? optionLabel(field, value, language) : value;
    return JSON.stringify(value);
  };
}

export function FormSummary({ type, formData }: { type: PermitType; formData: Record<string, unknown> }) {
  const language = currentLanguage();
  const answer = useAnswerText();
  const fields = readFormSchema(type.form_schema);
  const known = new Set(fields.map((field) => field.name));
  const extra = Object.keys(formData).filter((name) => !known.has(name));

  return (
    <dl className="summary" data-testid="form-summary">
      {fields.map((field) => (
        <div className="summary__row" key={field.name}>
          <dt>{fieldLabel(field, language)}</dt>
          <dd className="summary__answer">{answer(field, formData[field.name])}</dd>
        </div>
      ))}
      {extra.map((name) => (
        <div className="summary__row" key={name}>
          <dt>{name}</dt>
          <dd className="summary__answer">{answer(undefined, formData[name])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What a correction item is about: a form field, a document of the checklist, or the whole. */
export function useCorrectionTarget(type: PermitType | null): (item: Pick<CorrectionItem, 'field' | 'slot'>) => string {
  const { t } = useTranslation();
  const localized = useLocalized();
  const language = currentLanguage();
  const fields = type ? readFormSchema(type.form_schema) : [];
  return (item) => {
    if (item.field) {
      const field = fields.find((candidate) => candidate.name === item.field);
      return t('permits.corrections.field', { name: field ? fieldLabel(field, language) : item.field });
    }
    if (item.slot) {
      const slot = type?.documents.find((candidate) => candidate.code === item.slot);
      return t('permits.corrections.document', { name: slot ? localized(slot.name) : item.slot });
    }
    return t('permits.corrections.general');
  };
}

export function CorrectionList({
  type,
  items,
  testId,
}: {
  type: PermitType | null;
  items: readonly CorrectionItem[];
  testId?: string;
}) {
  const target = useCorrectionTarget(type);
  return (
    <ul className="corrections" data-testid={testId}>
      {items.map((item, index) => (
        <li key={index}>
          <strong>{target(item)}:</strong> {item.message}
        </li>
      ))}
    </ul>
  );
}
