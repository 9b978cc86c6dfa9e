// "Check a permit" (public, from the main navigation): the number and the check code printed on
// the document, checked for their shape in the page's language; then the verify page answers.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { readPermitCheck, type PermitCheck, type PermitCheckErrors, type PermitCheckProblem } from '../lib/permit-check';
import './permits.css';

export function PermitCheckForm({ onCheck }: { onCheck: (check: PermitCheck) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<PermitCheckErrors>({});
  const numberInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  const message = (problem: PermitCheckProblem | undefined) => {
    switch (problem) {
      case 'required':
        return t('fieldErrors.required');
      case 'numberFormat':
        return t('permits.check.numberFormat');
      case 'codeFormat':
        return t('permits.check.codeFormat');
      default:
        return null;
    }
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readPermitCheck(number, code);
    setErrors(read.errors);
    if (read.errors.number) numberInput.current?.focus();
    else if (read.errors.code) codeInput.current?.focus();
    else onCheck(read.check);
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="permit-check">
      <Field label={t('permits.check.number')} hint={t('permits.check.numberHint')} error={message(errors.number)}>
        {(control) => (
          <input
            {...control}
            ref={numberInput}
            type="text"
            name="number"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('permits.verify.code')} hint={t('permits.verify.codeHint')} error={message(errors.code)}>
        {(control) => (
          <input
            {...control}
            ref={codeInput}
            type="text"
            name="code"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('permits.verify.submit')}
        </button>
      </div>
    </form>
  );
}
