// Checking a permit: the number and the code are read as people copy them, and their shape is
// checked before the server is asked.
import { describe, expect, it } from 'vitest';
import { readPermitCheck } from './permit-check';

const CODE = '0123456789abcdef0123456789abcdef';

describe('what a visitor types to check a permit', () => {
  it('is taken as printed, whatever the spaces and the case', () => {
    expect(readPermitCheck(' ast-2026-000042 ', ` ${CODE.toUpperCase().slice(0, 16)} ${CODE.slice(16)} `)).toEqual({
      check: { number: 'AST-2026-000042', code: CODE },
      errors: {},
    });
  });

  it('asks for both fields', () => {
    expect(readPermitCheck('', '  ').errors).toEqual({ number: 'required', code: 'required' });
  });

  it('refuses a number or a code of another shape', () => {
    expect(readPermitCheck('2026-000042', CODE).errors).toEqual({ number: 'numberFormat' });
    expect(readPermitCheck('AST-26-42', CODE).errors).toEqual({ number: 'numberFormat' });
    expect(readPermitCheck('AST-2026-000042', CODE.slice(1)).errors).toEqual({ code: 'codeFormat' });
    expect(readPermitCheck('AST-2026-000042', `${CODE.slice(1)}g`).errors).toEqual({ code: 'codeFormat' });
  });
});
