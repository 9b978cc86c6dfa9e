// A group of related controls (tick boxes, a document's fields) under a legend, with the group's
// hint and error, the error tied to the group for assistive technology.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface GroupProps {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Group({ legend, hint, error, className, testId, children }: GroupProps) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={['catalogue-group', error ? 'catalogue-group--error' : null, className].filter(Boolean).join(' ')}
      aria-describedby={describedBy || undefined}
      data-invalid={error ? 'true' : undefined}
      data-testid={testId}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
