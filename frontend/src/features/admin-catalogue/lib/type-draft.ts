// A permit type as the editor holds it while the administrator changes it: texts as typed (the
// periods and sizes too, so a half-typed number stays as it is), the form schema as JSON text,
// and a stable key for each document slot and refusal ground. `checkDraft` finds what the server
// would refuse before anything is sent, keyed by the API's own field names (`review_days`,
// `documents[0].content_types`), so its refusals and the editor's land on the same fields;
// `toUpdate` turns a checked draft into the body of PUT /admin/permit-types/{code}.
import {
  APPLICANT_KINDS,
  CONTENT_TYPES,
  type ApplicantKind,
  type Localized,
  type PermitTypeUpdate,
  type PermitTypeView,
} from '../api/catalogue-types';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** The periods, in working days, with the bounds the server keeps (catalogue.rs, `Definition`). */
export const PERIODS = [
  { field: 'intake_days', min: 0, max: 60 },
  { field: 'review_days', min: 1, max: 365 },
  { field: 'objection_days', min: 1, max: 30 },
  { field: 'approval_days', min: 1, max: 60 },
] as const;

export type PeriodField = (typeof PERIODS)[number]['field'];

/** The largest file a slot may allow: 200 MB. */
export const MAX_FILE_BYTES = 209_715_200;
const MEGABYTE = 1024 * 1024;
/** The server's limit on codes (a slot's, a ground's). */
export const MAX_CODE_LENGTH = 64;
export const REASON_MIN = 3;
export const REASON_MAX = 2000;

export interface SlotDraft {
  key: string;
  code: string;
  name: Localized;
  mandatory: boolean;
  contentTypes: string[];
  /** Megabytes, as typed. */
  maxSize: string;
  /** The size the slot had, kept exactly while its text is not changed. */
  original: { size: string; bytes: number } | null;
}

export interface GroundDraft {
  key: string;
  code: string;
  text: Localized;
}

export interface TypeDraft {
  code: string;
  /** The responsible organisation's code. */
  organisation: string;
  name: Localized;
  description: Localized;
  applicantKinds: ApplicantKind[];
  periods: Record<PeriodField, string>;
  /** Codes of the organisations whose approval is needed. */
  approvals: string[];
  documents: SlotDraft[];
  refusalGrounds: GroundDraft[];
  /** The form's JSON Schema, as JSON text. */
  formSchema: string;
  active: boolean;
}

/** Why a field is refused: what the message needs. */
export type DraftProblem =
  | { code: 'required' }
  | { code: 'tooLong'; max: number }
  | { code: 'wholeNumber'; min: number; max: number }
  | { code: 'noKind' }
  | { code: 'noContentType' }
  | { code: 'size'; max: number }
  | { code: 'duplicate' }
  | { code: 'noGround' }
  | { code: 'json'; detail: string }
  | { code: 'notObject' }
  | { code: 'reason'; min: number; max: number };

let keys = 0;
/** A key for a new row of a list (React keys; never sent). */
export function newKey(): string {
  keys += 1;
  return `row-${keys}`;
}

const emptyTexts = (): Localized => ({ kk: '', ru: '', en: '' });

/** Bytes as megabytes, up to three decimals: 52428800 → "50", 1536000 → "1.465". */
export function megabytes(bytes: number): string {
  return String(Math.round((bytes / MEGABYTE) * 1000) / 1000);
}

/** A whole number typed in digits only (no sign, no decimals), or null. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

/** A size typed in megabytes (a point or a comma for decimals) as bytes, or null. */
export function sizeInBytes(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(normalised)) return null;
  return Math.round(Number(normalised) * MEGABYTE);
}

export function slotDraft(slot?: PermitTypeView['documents'][number]): SlotDraft {
  if (!slot) {
    return { key: newKey(), code: '', name: emptyTexts(), mandatory: true, contentTypes: ['application/pdf'], maxSize: '20', original: null };
  }
  const size = megabytes(slot.max_bytes);
  return {
    key: newKey(),
    code: slot.code,
    name: { ...slot.name },
    mandatory: slot.mandatory,
    contentTypes: [...slot.content_types],
    maxSize: size,
    original: { size, bytes: slot.max_bytes },
  };
}

export function groundDraft(ground?: PermitTypeView['refusal_grounds'][number]): GroundDraft {
  return ground
    ? { key: newKey(), code: ground.code, text: { ...ground.text } }
    : { key: newKey(), code: '', text: emptyTexts() };
}

/** The editor's starting point: the type as the API gives it. */
export function draftOf(type: PermitTypeView): TypeDraft {
  return {
    code: type.code,
    organisation: type.organisation.code,
    name: { ...type.name },
    description: { ...type.description },
    applicantKinds: [...type.applicant_kinds],
    periods: {
      intake_days: String(type.intake_days),
      review_days: String(type.review_days),
      objection_days: String(type.objection_days),
      approval_days: String(type.approval_days),
    },
    approvals: type.approvals.map((organisation) => organisation.code),
    documents: type.documents.map((slot) => slotDraft(slot)),
    refusalGrounds: type.refusal_grounds.map((ground) => groundDraft(ground)),
    formSchema: JSON.stringify(type.form_schema ?? {}, null, 2),
    active: type.active,
  };
}

/** The form schema typed, parsed: the value, or why it is not JSON. */
export function parseSchema(text: string): { ok: true; schema: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, schema: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

function isObjectSchema(schema: unknown): boolean {
  return (
    typeof schema === 'object' && schema !== null && !Array.isArray(schema) && (schema as Record<string, unknown>).type === 'object'
  );
}

function checkTexts(texts: Localized, field: string, problems: Record<string, DraftProblem>) {
  for (const language of LANGUAGES) {
    if (texts[language].trim() === '') problems[`${field}.${language}`] = { code: 'required' };
  }
}

function checkCode(code: string, field: string, seen: Set<string>, problems: Record<string, DraftProblem>) {
  const trimmed = code.trim();
  if (trimmed === '') problems[field] = { code: 'required' };
  else if (trimmed.length > MAX_CODE_LENGTH) problems[field] = { code: 'tooLong', max: MAX_CODE_LENGTH };
  else if (seen.has(trimmed)) problems[field] = { code: 'duplicate' };
  seen.add(trimmed);
}

/** What the server would refuse, by the API's field names; empty when the draft may be sent. */
export function checkDraft(draft: TypeDraft, reason: string): Record<string, DraftProblem> {
  const problems: Record<string, DraftProblem> = {};
  checkTexts(draft.name, 'name', problems);
  checkTexts(draft.description, 'description', problems);
  if (draft.applicantKinds.length === 0) problems.applicant_kinds = { code: 'noKind' };
  for (const { field, min, max } of PERIODS) {
    const value = wholeNumber(draft.periods[field]);
    if (value === null || value < min || value > max) problems[field] = { code: 'wholeNumber', min, max };
  }
  if (draft.organisation === '') problems.organisation = { code: 'required' };

  const slotCodes = new Set<string>();
  draft.documents.forEach((slot, index) => {
    const at = `documents[${index}]`;
    checkCode(slot.code, `${at}.code`, slotCodes, problems);
    checkTexts(slot.name, `${at}.name`, problems);
    if (slot.contentTypes.length === 0) problems[`${at}.content_types`] = { code: 'noContentType' };
    const bytes = slotBytes(slot);
    if (bytes === null || bytes < 1 || bytes > MAX_FILE_BYTES) {
      problems[`${at}.max_bytes`] = { code: 'size', max: MAX_FILE_BYTES / MEGABYTE };
    }
  });

  if (draft.refusalGrounds.length === 0) problems.refusal_grounds = { code: 'noGround' };
  const groundCodes = new Set<string>();
  draft.refusalGrounds.forEach((ground, index) => {
    const at = `refusal_grounds[${index}]`;
    checkCode(ground.code, `${at}.code`, groundCodes, problems);
    checkTexts(ground.text, `${at}.text`, problems);
  });

  const schema = parseSchema(draft.formSchema);
  if (!schema.ok) problems.form_schema = { code: 'json', detail: schema.detail };
  else if (!isObjectSchema(schema.schema)) problems.form_schema = { code: 'notObject' };

  const reasonLength = reason.trim().length;
  if (reasonLength < REASON_MIN || reasonLength > REASON_MAX) problems.reason = { code: 'reason', min: REASON_MIN, max: REASON_MAX };
  return problems;
}

function slotBytes(slot: SlotDraft): number | null {
  if (slot.original && slot.maxSize.trim() === slot.original.size) return slot.original.bytes;
  return sizeInBytes(slot.maxSize);
}

const trimmed = (texts: Localized): Localized => ({ kk: texts.kk.trim(), ru: texts.ru.trim(), en: texts.en.trim() });

/** The body of PUT /admin/permit-types/{code} for a draft `checkDraft` found nothing wrong with. */
export function toUpdate(draft: TypeDraft, reason: string): PermitTypeUpdate {
  const schema = parseSchema(draft.formSchema);
  return {
    code: draft.code,
    organisation: draft.organisation,
    name: trimmed(draft.name),
    description: trimmed(draft.description),
    applicant_kinds: APPLICANT_KINDS.filter((kind) => draft.applicantKinds.includes(kind)),
    intake_days: wholeNumber(draft.periods.intake_days) ?? 0,
    review_days: wholeNumber(draft.periods.review_days) ?? 0,
    objection_days: wholeNumber(draft.periods.objection_days) ?? 0,
    approval_days: wholeNumber(draft.periods.approval_days) ?? 0,
    form_schema: schema.ok ? schema.schema : {},
    documents: draft.documents.map((slot) => ({
      code: slot.code.trim(),
      name: trimmed(slot.name),
      mandatory: slot.mandatory,
      // In the usual order; a type the editor does not offer (none today) is kept after them.
      content_types: [
        ...CONTENT_TYPES.filter((type) => slot.contentTypes.includes(type)),
        ...slot.contentTypes.filter((type) => !(CONTENT_TYPES as readonly string[]).includes(type)),
      ],
      max_bytes: slotBytes(slot) ?? 0,
    })),
    approvals: draft.approvals.filter((code) => code !== draft.organisation),
    refusal_grounds: draft.refusalGrounds.map((ground) => ({ code: ground.code.trim(), text: trimmed(ground.text) })),
    active: draft.active,
    reason: reason.trim(),
  };
}

/**
 * Where the editor shows a field error of the API: at the field it names, but an approval's
 * (`approvals[1]`) at the approvals, and the schema's parts (`form_schema.type`) at the schema.
 */
export function fieldOfError(field: string): string {
  if (/^approvals\[\d+\]/.test(field)) return 'approvals';
  if (field.startsWith('form_schema.')) return 'form_schema';
  return field;
}

/** The fields the editor shows errors at, for a draft: any other error is listed above the form. */
export function fieldsShown(draft: TypeDraft): Set<string> {
  const shown = new Set<string>([
    'applicant_kinds',
    'organisation',
    'approvals',
    'documents',
    'refusal_grounds',
    'form_schema',
    'active',
    'reason',
    ...PERIODS.map((period) => period.field),
    ...LANGUAGES.flatMap((language) => [`name.${language}`, `description.${language}`]),
  ]);
  draft.documents.forEach((_, index) => {
    const at = `documents[${index}]`;
    for (const part of ['code', 'mandatory', 'content_types', 'max_bytes']) shown.add(`${at}.${part}`);
    for (const language of LANGUAGES) shown.add(`${at}.name.${language}`);
  });
  draft.refusalGrounds.forEach((_, index) => {
    const at = `refusal_grounds[${index}]`;
    shown.add(`${at}.code`);
    for (const language of LANGUAGES) shown.add(`${at}.text.${language}`);
  });
  return shown;
}
