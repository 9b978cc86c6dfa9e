// The permit type's draft: taken from the API's view and sent back as the update the API takes
// (the organisations by code), the periods and sizes as typed, and the checks that find what the
// server would refuse, named by the API's own fields.
import { describe, expect, it } from 'vitest';
import { permitType } from '@/testing/permit-fixtures';
import { WATER } from '@/testing/back-office-fixtures';
import {
  checkDraft,
  draftOf,
  fieldOfError,
  fieldsShown,
  groundDraft,
  megabytes,
  sizeInBytes,
  slotDraft,
  toUpdate,
  wholeNumber,
  type TypeDraft,
} from './type-draft';

const REASON = 'Мерзім жаңа ережеге сай';

function edited(change: (draft: TypeDraft) => TypeDraft): TypeDraft {
  return change(draftOf(permitType()));
}

describe('a permit type’s draft', () => {
  it('goes back as the definition it came from, the organisations by code, with the reason', () => {
    const type = permitType({ approvals: [WATER], approval_days: 15, active: false });
    const update = toUpdate(draftOf(type), `  ${REASON} `);
    const { version, ...same } = type;
    expect(version).toBe(1);
    expect(update).toEqual({
      ...same,
      organisation: type.organisation.code,
      approvals: [WATER.code],
      reason: REASON,
    });
    expect(checkDraft(draftOf(type), REASON)).toEqual({});
  });

  it('sends the periods as whole numbers, the texts trimmed and the file types in the usual order', () => {
    const draft = edited((draft) => ({
      ...draft,
      name: { ...draft.name, ru: '  Согласование эскиза ' },
      periods: { ...draft.periods, review_days: ' 12 ' },
      documents: draft.documents.map((slot, index) =>
        index === 1 ? { ...slot, contentTypes: ['image/tiff', 'application/pdf'], maxSize: '1,5' } : slot,
      ),
    }));
    expect(checkDraft(draft, REASON)).toEqual({});
    const update = toUpdate(draft, REASON);
    expect(update.review_days).toBe(12);
    expect(update.name.ru).toBe('Согласование эскиза');
    expect(update.documents[1]).toMatchObject({ content_types: ['application/pdf', 'image/tiff'], max_bytes: 1_572_864 });
    // A size left as it was is sent exactly, even when megabytes round it.
    expect(update.documents[0]?.max_bytes).toBe(1024 * 1024);
  });

  it('keeps a size that megabytes cannot write exactly while it is not changed', () => {
    const type = permitType();
    const slot = type.documents[0];
    if (!slot) throw new Error('fixture');
    const draft = draftOf({ ...type, documents: [{ ...slot, max_bytes: 1000 }] });
    expect(draft.documents[0]?.maxSize).toBe('0.001');
    expect(toUpdate(draft, REASON).documents[0]?.max_bytes).toBe(1000);
  });

  it('refuses periods that are not whole numbers within their bounds', () => {
    const draft = edited((draft) => ({
      ...draft,
      periods: { intake_days: '61', review_days: '10,5', objection_days: '0', approval_days: '-1' },
    }));
    expect(checkDraft(draft, REASON)).toEqual({
      intake_days: { code: 'wholeNumber', min: 0, max: 60 },
      review_days: { code: 'wholeNumber', min: 1, max: 365 },
      objection_days: { code: 'wholeNumber', min: 1, max: 30 },
      approval_days: { code: 'wholeNumber', min: 1, max: 60 },
    });
    expect(checkDraft(edited((draft) => ({ ...draft, periods: { ...draft.periods, intake_days: '0' } })), REASON)).toEqual({});
  });

  it('names each missing text, slot and ground by the API’s field', () => {
    const draft = edited((draft) => ({
      ...draft,
      name: { ...draft.name, en: '   ' },
      applicantKinds: [],
      documents: [...draft.documents, { ...slotDraft(), code: 'sketch', contentTypes: [], maxSize: '201' }],
      refusalGrounds: [...draft.refusalGrounds, groundDraft()],
    }));
    expect(checkDraft(draft, '')).toEqual({
      'name.en': { code: 'required' },
      applicant_kinds: { code: 'noKind' },
      'documents[2].code': { code: 'duplicate' },
      'documents[2].name.kk': { code: 'required' },
      'documents[2].name.ru': { code: 'required' },
      'documents[2].name.en': { code: 'required' },
      'documents[2].content_types': { code: 'noContentType' },
      'documents[2].max_bytes': { code: 'size', max: 200 },
      'refusal_grounds[2].code': { code: 'required' },
      'refusal_grounds[2].text.kk': { code: 'required' },
      'refusal_grounds[2].text.ru': { code: 'required' },
      'refusal_grounds[2].text.en': { code: 'required' },
      reason: { code: 'reason', min: 3, max: 2000 },
    });
  });

  it('asks for at least one refusal ground, and a reason of three characters or more', () => {
    const draft = edited((draft) => ({ ...draft, refusalGrounds: [] }));
    expect(checkDraft(draft, ' ab ')).toEqual({
      refusal_grounds: { code: 'noGround' },
      reason: { code: 'reason', min: 3, max: 2000 },
    });
  });

  it('reads the form schema as JSON describing an object', () => {
    const broken = checkDraft(edited((draft) => ({ ...draft, formSchema: '{"type": "object",' })), REASON);
    expect(broken.form_schema).toMatchObject({ code: 'json' });
    expect(checkDraft(edited((draft) => ({ ...draft, formSchema: '{"type": "array"}' })), REASON)).toEqual({
      form_schema: { code: 'notObject' },
    });
    const schema = { type: 'object', properties: { floors: { type: 'integer' } } };
    const update = toUpdate(edited((draft) => ({ ...draft, formSchema: JSON.stringify(schema) })), REASON);
    expect(update.form_schema).toEqual(schema);
  });

  it('does not ask the responsible organisation for its own approval', () => {
    const draft = edited((draft) => ({ ...draft, approvals: ['department', 'water'] }));
    expect(toUpdate(draft, REASON).approvals).toEqual(['water']);
  });
});

describe('numbers as typed', () => {
  it('takes whole numbers in digits only', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    for (const text of ['', '1.5', '1,5', '+3', '-1', '1e2', 'ten']) expect(wholeNumber(text)).toBeNull();
  });

  it('takes sizes in megabytes with a point or a comma', () => {
    expect(sizeInBytes('50')).toBe(52_428_800);
    expect(sizeInBytes('0,5')).toBe(524_288);
    expect(sizeInBytes('five')).toBeNull();
    expect(megabytes(52_428_800)).toBe('50');
    expect(megabytes(1_536_000)).toBe('1.465');
  });
});

describe('where a server error is shown', () => {
  it('puts an approval’s error at the approvals and the schema’s parts at the schema', () => {
    expect(fieldOfError('approvals[1]')).toBe('approvals');
    expect(fieldOfError('form_schema.type')).toBe('form_schema');
    expect(fieldOfError('documents[0].content_types')).toBe('documents[0].content_types');
  });

  it('knows the fields of every slot and ground of the draft, and no others', () => {
    const shown = fieldsShown(draftOf(permitType()));
    expect(shown.has('documents[1].content_types')).toBe(true);
    expect(shown.has('refusal_grounds[1].text.en')).toBe(true);
    expect(shown.has('documents[2].code')).toBe(false);
    expect(shown.has('code')).toBe(false);
  });
});
