// What a visitor types to check a permit: the document's number and the check code printed under
// its QR code, read the way people copy them (spaces, lower or upper case) and checked for their
// shape before anything is asked of the server, which answers "not found" to anything else.

export interface PermitCheck {
  /** The number as the server stores it: upper case, no spaces (AST-2026-000042). */
  number: string;
  /** The code as the server stores it: 32 hexadecimal digits, lower case. */
  code: string;
}

export type PermitCheckProblem = 'required' | 'numberFormat' | 'codeFormat';

export type PermitCheckErrors = Partial<Record<keyof PermitCheck, PermitCheckProblem>>;

/** `<prefix>-<year>-<sequence>`, at most 32 characters (the server's limit). */
const NUMBER = /^[A-Z0-9]{1,12}-\d{4}-\d{4,12}$/;
const CODE = /^[0-9a-f]{32}$/;

export function readPermitCheck(typedNumber: string, typedCode: string): { check: PermitCheck; errors: PermitCheckErrors } {
  const number = typedNumber.replace(/\s+/g, '').toUpperCase();
  const code = typedCode.replace(/[\s-]+/g, '').toLowerCase();
  const errors: PermitCheckErrors = {};
  if (number === '') errors.number = 'required';
  else if (!NUMBER.test(number) || number.length > 32) errors.number = 'numberFormat';
  if (code === '') errors.code = 'required';
  else if (!CODE.test(code)) errors.code = 'codeFormat';
  return { check: { number, code }, errors };
}
