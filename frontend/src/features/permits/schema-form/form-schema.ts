// A permit type's form, read from its JSON Schema (`form_schema`): an object whose `properties`
// are the fields (in the order `fieldOrder` finds), each a string, number, integer or boolean, with Saulet's
// extensions for the interface (`x-title`, `x-hint`, `x-enum-titles`, `x-multiline`, each text
// in the three languages). The checks here are the schema's own (required, lengths, bounds,
// pattern, enum, whole numbers), so the applicant learns what is wrong before submitting; the
// server checks again.
//
// The form keeps what the applicant typed as text (`FormInputs`) and turns it into the JSON
// values of `form_data` only when saving: a number typed with a decimal comma, half typed, or
// left empty stays as typed until then.
import type { Language } from '@/i18n/languages';
import { isRecord } from '../lib/json';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean';

type Texts = Partial<Record<Language, string>>;

export interface FormField {
  name: string;
  type: FieldType;
  required: boolean;
  /** The label in each language (`x-title`), else the schema's `title`. */
  title: Texts;
  fallbackTitle: string;
  hint: Texts | null;
  multiline: boolean;
  /** The allowed values, with their titles (`x-enum-titles`). */
  options: { value: string; title: Texts }[] | null;
  minLength: number | null;
  maxLength: number | null;
  minimum: number | null;
  maximum: number | null;
  exclusiveMinimum: number | null;
  exclusiveMaximum: number | null;
  pattern: string | null;
}

/** What the applicant typed, field by field; booleans as `true`/`false`. */
export type FormInputs = Record<string, string | boolean>;

/** A broken rule of the schema, with what the message needs. */
export type FieldProblem =
  | { code: 'required' }
  | { code: 'minLength'; limit: number }
  | { code: 'maxLength'; limit: number }
  | { code: 'minimum'; limit: number }
  | { code: 'maximum'; limit: number }
  | { code: 'exclusiveMinimum'; limit: number }
  | { code: 'exclusiveMaximum'; limit: number }
  | { code: 'number' }
  | { code: 'integer' }
  | { code: 'pattern' }
  | { code: 'enum' };

function texts(value: unknown): Texts | null {
  if (!isRecord(value)) return null;
  const found: Texts = {};
  for (const language of ['kk', 'ru', 'en'] as const) {
    const text = value[language];
    if (typeof text === 'string' && text.trim()) found[language] = text;
  }
  return Object.keys(found).length > 0 ? found : null;
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function typeOf(value: unknown): FieldType | null {
  const type = Array.isArray(value) ? value.find((entry) => entry !== 'null') : value;
  return type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' ? type : null;
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

/**
 * The order to show the properties in: as the catalogue's author wrote them (the API keeps the
 * order of `properties`), unless the schema's `x-order` names some first. (A JavaScript object
 * lists integer-like keys first whatever the JSON said; field names are words, so that is moot.)
 */
function fieldOrder(schema: Record<string, unknown>, properties: Record<string, unknown>): string[] {
  const first = names(schema['x-order']).filter((name) => Object.hasOwn(properties, name));
  return [...new Set([...first, ...Object.keys(properties)])];
}

/**
 * The fields of a form schema, in order (see `fieldOrder`). A property of a type the form cannot
 * show (an object, an array) is left out; the server would name it if it were missing.
 */
export function readFormSchema(schema: unknown): FormField[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const properties = schema.properties;
  const required = new Set(names(schema.required));
  const fields: FormField[] = [];
  for (const name of fieldOrder(schema, properties)) {
    const property = properties[name];
    if (!isRecord(property)) continue;
    const type = typeOf(property.type);
    if (!type) continue;
    const enumTitles = isRecord(property['x-enum-titles']) ? property['x-enum-titles'] : {};
    const options = Array.isArray(property.enum)
      ? property.enum
          .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number')
          .map((value) => ({ value: String(value), title: texts(enumTitles[String(value)]) ?? {} }))
      : null;
    fields.push({
      name,
      type,
      required: required.has(name),
      title: texts(property['x-title']) ?? {},
      fallbackTitle: typeof property.title === 'string' ? property.title : name,
      hint: texts(property['x-hint']),
      multiline: property['x-multiline'] === true,
      options,
      minLength: numberOr(property.minLength),
      maxLength: numberOr(property.maxLength),
      minimum: numberOr(property.minimum),
      maximum: numberOr(property.maximum),
      exclusiveMinimum: numberOr(property.exclusiveMinimum),
      exclusiveMaximum: numberOr(property.exclusiveMaximum),
      pattern: typeof property.pattern === 'string' ? property.pattern : null,
    });
  }
  return fields;
}

/** A text in `language`, else in another language, else the fallback. */
export function inLanguage(value: Texts | null, language: Language, fallback = ''): string {
  if (!value) return fallback;
  return value[language] ?? value.en ?? value.ru ?? value.kk ?? fallback;
}

export function fieldLabel(field: FormField, language: Language): string {
  return inLanguage(field.title, language, field.fallbackTitle);
}

/** The title of one of a field's allowed values. */
export function optionLabel(field: FormField, value: string, language: Language): string {
  const option = field.options?.find((candidate) => candidate.value === value);
  return option ? inLanguage(option.title, language, value) : value;
}

/** The stored form data as the form's inputs. */
export function toInputs(fields: readonly FormField[], data: Record<string, unknown>): FormInputs {
  const inputs: FormInputs = {};
  for (const field of fields) {
    const value = data[field.name];
    if (field.type === 'boolean') inputs[field.name] = value === true;
    else if (typeof value === 'string' || typeof value === 'number') inputs[field.name] = String(value);
    else inputs[field.name] = '';
  }
  return inputs;
}

/** A number as typed: digits with a point or a comma, and an optional sign. */
function parseNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s+/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/**
 * The inputs as `form_data`: strings trimmed, numbers parsed; an empty field is left out. Fields
 * the form does not know (kept in `base`, e.g. written by another client) stay as they were.
 * A number that does not parse is kept as typed, so the server would name it too.
 */
export function toFormData(
  fields: readonly FormField[],
  inputs: FormInputs,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const names = new Set(fields.map((field) => field.name));
  const data: Record<string, unknown> = Object.fromEntries(Object.entries(base).filter(([name]) => !names.has(name)));
  for (const field of fields) {
    const input = inputs[field.name];
    if (field.type === 'boolean') {
      data[field.name] = input === true;
      continue;
    }
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') continue;
    if (field.type === 'string') data[field.name] = text;
    else data[field.name] = parseNumber(text) ?? text;
  }
  return data;
}

function lengthOf(text: string): number {
  // JSON Schema counts characters (code points), not UTF-16 units.
  return [...text].length;
}

function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    // A pattern this browser cannot read is left to the server.
    return true;
  }
}

/** What is wrong with one field's input, if anything. */
export function checkField(field: FormField, input: string | boolean | undefined): FieldProblem | null {
  if (field.type === 'boolean') return null;
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return field.required ? { code: 'required' } : null;

  if (field.type === 'string') {
    if (field.options && !field.options.some((option) => option.value === text)) return { code: 'enum' };
    if (field.minLength !== null && lengthOf(text) < field.minLength) return { code: 'minLength', limit: field.minLength };
    if (field.maxLength !== null && lengthOf(text) > field.maxLength) return { code: 'maxLength', limit: field.maxLength };
    if (field.pattern !== null && !matches(field.pattern, text)) return { code: 'pattern' };
    return null;
  }

  const value = parseNumber(text);
  if (value === null) return { code: field.type === 'integer' ? 'integer' : 'number' };
  if (field.type === 'integer' && !Number.isInteger(value)) return { code: 'integer' };
  if (field.minimum !== null && value < field.minimum) return { code: 'minimum', limit: field.minimum };
  if (field.maximum !== null && value > field.maximum) return { code: 'maximum', limit: field.maximum };
  if (field.exclusiveMinimum !== null && value <= field.exclusiveMinimum) {
    return { code: 'exclusiveMinimum', limit: field.exclusiveMinimum };
  }
  if (field.exclusiveMaximum !== null && value >= field.exclusiveMaximum) {
    return { code: 'exclusiveMaximum', limit: field.exclusiveMaximum };
  }
  if (field.options && !field.options.some((option) => Number(option.value) === value)) return { code: 'enum' };
  return null;
}

/** Every field's problem, by field name; empty when the form is complete. */
export function checkForm(fields: readonly FormField[], inputs: FormInputs): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = checkField(field, inputs[field.name]);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}
