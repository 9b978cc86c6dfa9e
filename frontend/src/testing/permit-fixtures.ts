// Canned permit types and requests for unit tests, shaped like the API's answers (the catalogue's
// sketch approval, with a number, a choice and a tick box added to exercise the form).
import type { components } from '@/lib/api-client';

type PermitType = components['schemas']['PermitTypeView'];
type PermitRequest = components['schemas']['RequestView'];

export const REQUEST_ID = '0193a0c4-0000-7000-8000-0000000000a1';

const department = {
  id: '0193a0c4-0000-7000-8000-0000000000d1',
  code: 'department',
  kind: 'provider' as const,
  name: {
    kk: 'Сәулет және қала құрылысы басқармасы',
    ru: 'Управление архитектуры и градостроительства',
    en: 'Department of Architecture and Urban Planning',
  },
};

/**
 * The sketch approval's form schema, as the API sends it: `properties` in the order the
 * catalogue's author wrote them (which is not the order of `required`).
 */
export const SKETCH_SCHEMA = {
  type: 'object',
  required: ['address', 'apz_number', 'floors', 'object_name', 'purpose'],
  additionalProperties: false,
  properties: {
    object_name: {
      type: 'string',
      minLength: 3,
      maxLength: 200,
      title: 'Object name',
      'x-title': { kk: 'Нысанның атауы', ru: 'Наименование объекта', en: 'Object name' },
    },
    address: {
      type: 'string',
      minLength: 5,
      maxLength: 300,
      title: 'Address',
      'x-title': { kk: 'Мекенжайы', ru: 'Адрес', en: 'Address' },
    },
    apz_number: {
      type: 'string',
      pattern: '^KZ-[0-9]{4}-[0-9]{4}$',
      title: 'APZ number',
      'x-title': { kk: 'СЖТ нөмірі', ru: 'Номер АПЗ', en: 'APZ number' },
      'x-hint': { kk: 'Мысалы KZ-2026-0042', ru: 'Например KZ-2026-0042', en: 'For example KZ-2026-0042' },
    },
    purpose: {
      type: 'string',
      enum: ['residential', 'commercial'],
      title: 'Purpose',
      'x-title': { kk: 'Мақсаты', ru: 'Назначение', en: 'Purpose' },
      'x-enum-titles': {
        residential: { kk: 'Тұрғын үй', ru: 'Жилое', en: 'Residential' },
        commercial: { kk: 'Коммерциялық', ru: 'Коммерческое', en: 'Commercial' },
      },
    },
    floors: {
      type: 'integer',
      minimum: 1,
      maximum: 120,
      title: 'Floors',
      'x-title': { kk: 'Қабаттар саны', ru: 'Этажность', en: 'Floors' },
    },
    height_m: {
      type: 'number',
      exclusiveMinimum: 0,
      title: 'Height, m',
      'x-title': { kk: 'Биіктігі, м', ru: 'Высота, м', en: 'Height, m' },
    },
    illuminated: {
      type: 'boolean',
      title: 'Illuminated',
      'x-title': { kk: 'Жарықтандырылған', ru: 'С подсветкой', en: 'Illuminated' },
    },
    facade_materials: {
      type: 'string',
      maxLength: 1000,
      'x-multiline': true,
      title: 'Facade materials',
      'x-title': { kk: 'Қасбет материалдары', ru: 'Материалы фасадов', en: 'Facade materials' },
    },
  },
};

/** A filled-in form of the sketch approval. */
export const SKETCH_FORM_DATA = {
  object_name: 'Тұрғын үй кешені',
  address: 'Астана, Мәңгілік Ел, 55',
  apz_number: 'KZ-2026-0042',
  floors: 9,
  purpose: 'residential',
};

export function permitType(overrides: Partial<PermitType> = {}): PermitType {
  return {
    code: 'sketch-approval',
    organisation: department,
    name: { kk: 'Эскизді келісу', ru: 'Согласование эскиза', en: 'Sketch design approval' },
    description: { kk: 'Эскизді келісу.', ru: 'Согласование эскиза.', en: 'Approval of a sketch design.' },
    applicant_kinds: ['individual', 'legal_entity'],
    intake_days: 2,
    review_days: 10,
    objection_days: 2,
    approval_days: 10,
    form_schema: SKETCH_SCHEMA,
    documents: [
      {
        code: 'sketch',
        name: { kk: 'Эскиздік жоба', ru: 'Эскизный проект', en: 'Sketch design' },
        mandatory: true,
        content_types: ['application/pdf'],
        max_bytes: 1024 * 1024,
      },
      {
        code: 'visualisation',
        name: { kk: 'Визуализация', ru: 'Визуализация', en: 'Visualisation' },
        mandatory: false,
        content_types: ['image/png', 'image/jpeg'],
        max_bytes: 2 * 1024 * 1024,
      },
    ],
    approvals: [],
    refusal_grounds: [
      {
        code: 'false_data',
        text: { kk: 'Деректер дұрыс емес', ru: 'Недостоверные данные', en: 'The data are untrue' },
      },
      {
        code: 'apz_mismatch',
        text: { kk: 'Эскиз СЖТ-ға сәйкес емес', ru: 'Эскиз не соответствует АПЗ', en: 'The sketch does not meet the APZ' },
      },
    ],
    active: true,
    version: 1,
    ...overrides,
  };
}

export function permitRequest(overrides: Partial<PermitRequest> = {}): PermitRequest {
  return {
    id: REQUEST_ID,
    number: 'AST-2026-000042',
    type_code: 'sketch-approval',
    type_name: { kk: 'Эскизді келісу', ru: 'Согласование эскиза', en: 'Sketch design approval' },
    type_version: 1,
    organisation: department,
    applicant_id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    holder_name: 'АСАНОВ АСАН АСАНҰЛЫ',
    holder_id: 'IIN 850314301834',
    title: 'Тұрғын үй эскизі',
    form_data: { ...SKETCH_FORM_DATA },
    status: 'submitted',
    etag: '"r3"',
    version_no: 1,
    assignee_id: null,
    assignee_name: null,
    submitted_at: '2026-11-24T10:00:00Z',
    intake_due: '2026-11-26',
    due_on: '2026-12-08',
    overdue: false,
    due_provisional: false,
    paused: false,
    corrections: [],
    extensions: [],
    co_applicants: [],
    pending_refusal: null,
    objection_due: null,
    objection: null,
    decided_at: null,
    documents: [
      {
        id: '0193a0c4-0000-7000-8000-0000000000f1',
        slot: 'sketch',
        file_name: 'sketch.pdf',
        content_type: 'application/pdf',
        size_bytes: 20480,
        sha256: 'ab'.repeat(32),
        created_at: '2026-11-24T09:58:00Z',
      },
    ],
    tasks: [],
    decisions: [],
    actions: [],
    created_at: '2026-11-24T09:50:00Z',
    updated_at: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}
