// Sorts the field errors of a 422 `validation` answer to where they belong: the form's fields
// (`form_data.floors`), the checklist's slots (`documents.land_title`), the title, and the rest.
// A missing required answer comes on its field too (`form_data.address`, code `required`).
import type { ApiFailure, FieldError } from '@/lib/api-client';

export interface SortedErrors {
  /** By form field name. */
  form: Record<string, FieldError>;
  /** By checklist slot code. */
  documents: Record<string, FieldError>;
  title: FieldError | null;
  other: FieldError[];
}

export function sortServerErrors(failure: ApiFailure | null): SortedErrors {
  const sorted: SortedErrors = { form: {}, documents: {}, title: null, other: [] };
  if (failure?.kind !== 'problem' || failure.problem.type !== 'validation') return sorted;
  for (const error of failure.problem.errors ?? []) {
    const [head, ...rest] = error.field.split('.');
    const name = rest.join('.');
    if (head === 'form_data' && name) {
      sorted.form[name.split('.')[0] ?? name] ??= error;
    } else if (head === 'documents' && name) {
      sorted.documents[name] ??= error;
    } else if (error.field === 'title') {
      sorted.title = error;
    } else {
      sorted.other.push(error);
    }
  }
  return sorted;
}
