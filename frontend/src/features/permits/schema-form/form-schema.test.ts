// Reading a permit type's JSON Schema into form fields, and the schema's rules checked in the
// page: required, lengths, bounds, pattern, allowed values, whole numbers.
import { describe, expect, it } from 'vitest';
import { SKETCH_SCHEMA } from '@/testing/permit-fixtures';
import { checkField, checkForm, fieldLabel, readFormSchema, toFormData, toInputs, type FormField } from './form-schema';

const fields = readFormSchema(SKETCH_SCHEMA);
const field = (name: string): FormField => {
  const found = fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

describe('readFormSchema', () => {
  it('orders the fields as the catalogue lists `properties`, not as `required` lists them', () => {
    expect(fields.map((candidate) => candidate.name)).toEqual([
      'object_name',
      'address',
      'apz_number',
      'purpose',
      'floors',
      'height_m',
      'illuminated',
      'facade_materials',
    ]);
  });

  it('follows `x-order` when the schema has one', () => {
    const ordered = readFormSchema({ ...SKETCH_SCHEMA, 'x-order': ['illuminated', 'address'] });
    expect(ordered.slice(0, 3).map((candidate) => candidate.name)).toEqual(['illuminated', 'address', 'object_name']);
  });

  it('reads types, labels in each language, hints, choices and rules', () => {
    expect(field('floors')).toMatchObject({ type: 'integer', required: true, minimum: 1, maximum: 120 });
    expect(field('height_m')).toMatchObject({ type: 'number', required: false, exclusiveMinimum: 0 });
    expect(field('facade_materials')).toMatchObject({ multiline: true, maxLength: 1000 });
    expect(field('apz_number').hint).toEqual({
      kk: 'Мысалы KZ-2026-0042',
      ru: 'Например KZ-2026-0042',
      en: 'For example KZ-2026-0042',
    });
    expect(field('purpose').options?.map((option) => option.value)).toEqual(['residential', 'commercial']);
    expect(fieldLabel(field('object_name'), 'ru')).toBe('Наименование объекта');
    expect(fieldLabel(field('object_name'), 'kk')).toBe('Нысанның атауы');
  });

  it('falls back to `title`, then to the name, and leaves out what a form cannot show', () => {
    const read = readFormSchema({
      type: 'object',
      properties: { plain: { type: 'string', title: 'Plain' }, bare: { type: 'string' }, nested: { type: 'object' } },
    });
    expect(read.map((candidate) => fieldLabel(candidate, 'kk'))).toEqual(['Plain', 'bare']);
    expect(readFormSchema(null)).toEqual([]);
    expect(readFormSchema({ type: 'object' })).toEqual([]);
  });
});

describe('inputs and form data', () => {
  it('turns stored answers into inputs and back, numbers with a decimal comma included', () => {
    const inputs = toInputs(fields, { object_name: 'Үй', floors: 9, illuminated: true });
    expect(inputs).toMatchObject({ object_name: 'Үй', floors: '9', illuminated: true, address: '' });

    const data = toFormData(fields, { ...inputs, height_m: ' 12,5 ', address: '  ', purpose: 'residential' });
    expect(data).toEqual({ object_name: 'Үй', floors: 9, height_m: 12.5, illuminated: true, purpose: 'residential' });
  });

  it('keeps answers of fields it does not know, and a number it cannot read as typed', () => {
    const data = toFormData(fields, { floors: 'nine' }, { legacy: 'kept', floors: 3 });
    expect(data).toMatchObject({ legacy: 'kept', floors: 'nine', illuminated: false });
  });
});

describe('checkField', () => {
  it('asks for required answers only', () => {
    expect(checkField(field('object_name'), '  ')).toEqual({ code: 'required' });
    expect(checkField(field('facade_materials'), '')).toBeNull();
    expect(checkField(field('illuminated'), false)).toBeNull();
  });

  it('checks lengths in characters', () => {
    expect(checkField(field('object_name'), 'Үй')).toEqual({ code: 'minLength', limit: 3 });
    expect(checkField(field('object_name'), 'Үйі')).toBeNull();
    expect(checkField(field('facade_materials'), 'ә'.repeat(1001))).toEqual({ code: 'maxLength', limit: 1000 });
  });

  it('checks the pattern and the allowed values', () => {
    expect(checkField(field('apz_number'), 'KZ-26-42')).toEqual({ code: 'pattern' });
    expect(checkField(field('apz_number'), 'KZ-2026-0042')).toBeNull();
    expect(checkField(field('purpose'), 'industrial')).toEqual({ code: 'enum' });
    expect(checkField(field('purpose'), 'commercial')).toBeNull();
  });

  it('checks numbers: whole, bounds, exclusive bounds', () => {
    expect(checkField(field('floors'), 'many')).toEqual({ code: 'integer' });
    expect(checkField(field('floors'), '2.5')).toEqual({ code: 'integer' });
    expect(checkField(field('floors'), '0')).toEqual({ code: 'minimum', limit: 1 });
    expect(checkField(field('floors'), '121')).toEqual({ code: 'maximum', limit: 120 });
    expect(checkField(field('floors'), '12')).toBeNull();
    expect(checkField(field('height_m'), 'abc')).toEqual({ code: 'number' });
    expect(checkField(field('height_m'), '0')).toEqual({ code: 'exclusiveMinimum', limit: 0 });
    expect(checkField(field('height_m'), '0,1')).toBeNull();
  });

  it('lists every problem of a form by field', () => {
    const problems = checkForm(fields, toInputs(fields, { object_name: 'Нысан', floors: 200 }));
    expect(Object.keys(problems).sort()).toEqual(['address', 'apz_number', 'floors', 'purpose']);
    expect(problems.floors).toEqual({ code: 'maximum', limit: 120 });
  });
});
