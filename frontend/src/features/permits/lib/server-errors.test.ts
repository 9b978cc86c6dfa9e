// A 422 `validation` answer's field errors, sorted to the form's fields, the checklist's slots,
// the title and the rest; a missing answer arrives on its own field with the code `required`.
import { describe, expect, it } from 'vitest';
import type { ApiFailure, FieldError } from '@/lib/api-client';
import { sortServerErrors } from './server-errors';

const invalid = (errors: FieldError[]): ApiFailure => ({
  kind: 'problem',
  problem: { type: 'validation', title: 'Validation failed', status: 422, detail: 'The request has invalid fields.', errors },
  retryAfter: null,
});

describe('sortServerErrors', () => {
  it('puts each error where it belongs', () => {
    const missing = { field: 'form_data.address', code: 'required', message: '"address" is a required property' };
    const pattern = { field: 'form_data.apz_number', code: 'schema', message: 'does not match' };
    const slot = { field: 'documents.sketch', code: 'required', message: 'a file is needed' };
    const title = { field: 'title', code: 'length', message: 'too long' };
    const whole = { field: 'form_data', code: 'schema', message: 'Additional properties are not allowed' };

    expect(sortServerErrors(invalid([missing, pattern, slot, title, whole]))).toEqual({
      form: { address: missing, apz_number: pattern },
      documents: { sketch: slot },
      title,
      other: [whole],
    });
  });

  it('keeps the first error of a field, and a nested one under its top field', () => {
    const first = { field: 'form_data.site.area', code: 'required', message: '"area" is a required property' };
    const second = { field: 'form_data.site', code: 'schema', message: 'not an object' };
    expect(sortServerErrors(invalid([first, second])).form).toEqual({ site: first });
  });

  it('sorts nothing for another kind of failure', () => {
    expect(sortServerErrors({ kind: 'network' })).toEqual({ form: {}, documents: {}, title: null, other: [] });
  });
});
