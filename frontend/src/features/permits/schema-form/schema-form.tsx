// Renders a permit type's form from its JSON Schema (see form-schema.ts): a labelled control per
// field, in the schema's order and the interface language: a text box, a text area
// (`x-multiline`), a number box, a list of the allowed values (`enum`), or a tick box (boolean).
// Each shows its hint (`x-hint`, and the bounds of a number), the reviewer's remarks on it when
// corrections were asked for, and its error, all tied to the control for assistive technology.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, type ControlProps } from '@/components/forms/field';
import { currentLanguage } from '@/i18n';
import { fieldLabel, inLanguage, optionLabel, type FieldProblem, type FormField, type FormInputs } from './form-schema';

export interface SchemaFormProps {
  fields: readonly FormField[];
  inputs: FormInputs;
  onChange: (name: string, value: string | boolean) => void;
  /** Messages by field name: the form's own checks, or the server's. */
  errors?: Readonly<Record<string, string>>;
  /** The reviewer's correction remarks by field name. */
  remarks?: Readonly<Record<string, readonly string[]>>;
  disabled?: boolean;
}

/** Words for a broken rule of the schema. */
export function useFieldProblemText(): (problem: FieldProblem) => string {
  const { t, i18n } = useTranslation();
  const number = (value: number) => new Intl.NumberFormat(i18n.resolvedLanguage).format(value);
  return (problem) => {
    switch (problem.code) {
      case 'required':
        return t('permits.form.errors.required');
      case 'minLength':
        return t('permits.form.errors.minLength', { limit: problem.limit });
      case 'maxLength':
        return t('permits.form.errors.maxLength', { limit: problem.limit });
      case 'minimum':
        return t('permits.form.errors.minimum', { limit: number(problem.limit) });
      case 'maximum':
        return t('permits.form.errors.maximum', { limit: number(problem.limit) });
      case 'exclusiveMinimum':
        return t('permits.form.errors.exclusiveMinimum', { limit: number(problem.limit) });
      case 'exclusiveMaximum':
        return t('permits.form.errors.exclusiveMaximum', { limit: number(problem.limit) });
      case 'number':
        return t('permits.form.errors.number');
      case 'integer':
        return t('permits.form.errors.integer');
      case 'pattern':
        return t('permits.form.errors.pattern');
      case 'enum':
        return t('permits.form.errors.enum');
    }
  };
}

function useBoundsHint(): (field: FormField) => string | null {
  const { t, i18n } = useTranslation();
  return (field) => {
    if (field.type !== 'number' && field.type !== 'integer') return null;
    const format = (value: number) => new Intl.NumberFormat(i18n.resolvedLanguage).format(value);
    const low = field.minimum ?? field.exclusiveMinimum;
    const high = field.maximum ?? field.exclusiveMaximum;
    const parts: string[] = [];
    if (low !== null) {
      parts.push(
        field.minimum !== null
          ? t('permits.form.bounds.atLeast', { limit: format(low) })
          : t('permits.form.bounds.moreThan', { limit: format(low) }),
      );
    }
    if (high !== null) {
      parts.push(
        field.maximum !== null
          ? t('permits.form.bounds.atMost', { limit: format(high) })
          : t('permits.form.bounds.lessThan', { limit: format(high) }),
      );
    }
    if (field.type === 'integer') parts.unshift(t('permits.form.bounds.whole'));
    const text = parts.join('; ');
    return text ? text.charAt(0).toLocaleUpperCase(i18n.resolvedLanguage) + text.slice(1) : null;
  };
}

export function SchemaForm({ fields, inputs, onChange, errors = {}, remarks = {}, disabled = false }: SchemaFormProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const boundsHint = useBoundsHint();

  return (
    <div className="schema-form">
      {fields.map((field) => {
        const label = fieldLabel(field, language);
        const ownHint = inLanguage(field.hint, language) || null;
        const bounds = boundsHint(field);
        const fieldRemarks = remarks[field.name] ?? [];
        const hint: ReactNode =
          ownHint || bounds || fieldRemarks.length > 0 ? (
            <>
              {ownHint && <span className="schema-form__hint">{ownHint}</span>}
              {bounds && <span className="schema-form__hint">{bounds}</span>}
              {fieldRemarks.map((remark, index) => (
                <span key={index} className="schema-form__remark">
                  <strong>{t('permits.form.remark')}</strong> {remark}
                </span>
              ))}
            </>
          ) : null;
        const error = errors[field.name] ?? null;
        const input = inputs[field.name];
        const text = typeof input === 'string' ? input : '';
        const controlName = `form_data.${field.name}`;

        if (field.type === 'boolean') {
          return (
            <Field key={field.name} label={label} hint={hint} error={error} className="field--checkbox schema-form__checkbox">
              {(control: ControlProps) => (
                <input
                  {...control}
                  type="checkbox"
                  name={controlName}
                  checked={input === true}
                  disabled={disabled}
                  onChange={(event) => onChange(field.name, event.target.checked)}
                />
              )}
            </Field>
          );
        }

        return (
          <Field key={field.name} label={label} hint={hint} error={error} optional={!field.required}>
            {(control: ControlProps) => {
              const common = {
                ...control,
                name: controlName,
                value: text,
                disabled,
                ...(field.required ? { 'aria-required': true as const } : {}),
              };
              if (field.options) {
                return (
                  <select {...common} onChange={(event) => onChange(field.name, event.target.value)}>
                    <option value="">{t('permits.form.choose')}</option>
                    {field.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {optionLabel(field, option.value, language)}
                      </option>
                    ))}
                  </select>
                );
              }
              if (field.type === 'string' && field.multiline) {
                return <textarea {...common} rows={5} onChange={(event) => onChange(field.name, event.target.value)} />;
              }
              return (
                <input
                  {...common}
                  type="text"
                  autoComplete="off"
                  inputMode={field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : undefined}
                  onChange={(event) => onChange(field.name, event.target.value)}
                />
              );
            }}
          </Field>
        );
      })}
    </div>
  );
}
