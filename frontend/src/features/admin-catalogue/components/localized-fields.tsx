// A text written in the three languages: a field for each, labelled "Name in Kazakh" and so on,
// each with its error (`name.kk`, `documents[0].name.ru` …).
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import type { Localized } from '../api/catalogue-types';
import { LANGUAGES } from '../lib/type-draft';

export interface LocalizedFieldsProps {
  label: string;
  value: Localized;
  onChange: (value: Localized) => void;
  /** The API's name of the text (`name`, `documents[0].name`): errors are looked up under it. */
  field: string;
  errors: Readonly<Record<string, string>>;
  multiline?: boolean;
}

export function LocalizedFields({ label, value, onChange, field, errors, multiline = false }: LocalizedFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {LANGUAGES.map((language) => {
        const name = `${field}.${language}`;
        return (
          <Field
            key={language}
            label={t(`adminCatalogue.editor.inLanguage.${language}`, { label })}
            error={errors[name] ?? null}
          >
            {(control) => {
              const common = {
                ...control,
                name,
                lang: language,
                value: value[language],
                'aria-required': true as const,
              };
              return multiline ? (
                <textarea {...common} rows={3} onChange={(event) => onChange({ ...value, [language]: event.target.value })} />
              ) : (
                <input {...common} type="text" onChange={(event) => onChange({ ...value, [language]: event.target.value })} />
              );
            }}
          </Field>
        );
      })}
    </>
  );
}
