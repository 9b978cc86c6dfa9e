// Field errors of a `validation` problem, in the interface language, for the fields of a form.
// The API names the rule each field broke with a stable code; known codes are translated here,
// and an unknown one falls back to the API's (English) message.
import { useTranslation } from 'react-i18next';
import type { ApiFailure, FieldError } from '@/lib/api-client';

const TRANSLATED_CODES = [
  'required',
  'email',
  'invalid_email',
  'length',
  'too_short',
  'too_long',
  'contains_email',
  'contains_iin',
  'too_simple',
  'too_common',
  'wrong_password',
  'invalid_type',
  'invalid_value',
] as const;

type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslated(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

/** Translates one field-error code (from the API or from the form's own checks). */
export function useFieldErrorText(): (code: string, fallback?: string) => string {
  const { t } = useTranslation();
  return (code, fallback) => (isTranslated(code) ? t(`fieldErrors.${code}`) : (fallback ?? code));
}

/** The API's field errors by field name: the text to show beside each field. */
export function useApiFieldErrors(failure: ApiFailure | null): Record<string, string> {
  const text = useFieldErrorText();
  const errors: FieldError[] =
    failure?.kind === 'problem' && failure.problem.type === 'validation'
      ? (failure.problem.errors ?? [])
      : [];
  const byField: Record<string, string> = {};
  for (const error of errors) {
    byField[error.field] ??= text(error.code, error.message);
  }
  return byField;
}
