// The form renderer: one labelled control per field of the schema, in the interface language,
// with its hint, the reviewer's remark and its error tied to it for assistive technology.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '@/i18n';
import en from '@/i18n/locales/en.json';
import kk from '@/i18n/locales/kk.json';
import { SKETCH_SCHEMA } from '@/testing/permit-fixtures';
import { readFormSchema, toInputs, type FormInputs } from './form-schema';
import { SchemaForm, type SchemaFormProps } from './schema-form';

const fields = readFormSchema(SKETCH_SCHEMA);

function Harness(props: Partial<SchemaFormProps> & { initial?: FormInputs; onInputs?: (inputs: FormInputs) => void }) {
  const { initial, onInputs, ...rest } = props;
  const [inputs, setInputs] = useState<FormInputs>(initial ?? toInputs(fields, {}));
  return (
    <SchemaForm
      fields={fields}
      inputs={inputs}
      onChange={(name, value) => {
        const next = { ...inputs, [name]: value };
        setInputs(next);
        onInputs?.(next);
      }}
      {...rest}
    />
  );
}

describe('SchemaForm', () => {
  it('renders a control of the right kind for each field, labelled in Kazakh', () => {
    render(<Harness />);

    expect(screen.getByRole('textbox', { name: 'Нысанның атауы' })).toHaveAttribute('name', 'form_data.object_name');
    expect(screen.getByRole('textbox', { name: 'Нысанның атауы' })).toHaveAttribute('aria-required', 'true');
    expect(screen.getByRole('textbox', { name: 'Қабаттар саны' })).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByRole('textbox', { name: /Биіктігі, м/ })).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByRole('textbox', { name: /Қасбет материалдары/ }).tagName).toBe('TEXTAREA');
    expect(screen.getByRole('checkbox', { name: 'Жарықтандырылған' })).not.toBeChecked();
    const purpose = screen.getByRole('combobox', { name: 'Мақсаты' });
    expect([...purpose.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      kk.permits.form.choose,
      'Тұрғын үй',
      'Коммерциялық',
    ]);
    // Optional fields say so; required ones do not.
    expect(screen.getByText('Қасбет материалдары').parentElement).toHaveTextContent(kk.form.optional);
    expect(screen.getByText('Нысанның атауы').parentElement).not.toHaveTextContent(kk.form.optional);
  });

  it('describes a field by its hint, its bounds and the reviewer’s remark', () => {
    render(<Harness remarks={{ apz_number: ['СЖТ нөмірі қате.'] }} />);

    expect(screen.getByRole('textbox', { name: 'СЖТ нөмірі' })).toHaveAccessibleDescription(
      `Мысалы KZ-2026-0042${kk.permits.form.remark} СЖТ нөмірі қате.`,
    );
    expect(screen.getByRole('textbox', { name: 'Қабаттар саны' })).toHaveAccessibleDescription(
      'Бүтін сан; кемінде 1; 120 аспайды',
    );
  });

  it('shows errors at their fields and marks them invalid', () => {
    render(<Harness errors={{ object_name: 'Бұл өрісті толтырыңыз.' }} />);

    const objectName = screen.getByRole('textbox', { name: 'Нысанның атауы' });
    expect(objectName).toHaveAttribute('aria-invalid', 'true');
    expect(objectName).toHaveAccessibleDescription(/Бұл өрісті толтырыңыз\.$/);
    expect(screen.getByRole('textbox', { name: 'Мекенжайы' })).not.toHaveAttribute('aria-invalid');
  });

  it('reports what is typed, chosen and ticked', async () => {
    const user = userEvent.setup();
    const onInputs = vi.fn();
    render(<Harness onInputs={onInputs} />);

    await user.type(screen.getByRole('textbox', { name: 'Қабаттар саны' }), '9');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Мақсаты' }), 'commercial');
    await user.click(screen.getByRole('checkbox', { name: 'Жарықтандырылған' }));

    expect(onInputs).toHaveBeenLastCalledWith(expect.objectContaining({ floors: '9', purpose: 'commercial', illuminated: true }));
  });

  it('follows the interface language', async () => {
    await i18n.changeLanguage('en');
    render(<Harness />);

    expect(screen.getByRole('textbox', { name: 'Object name' })).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Purpose' })).toHaveTextContent('Residential');
    expect(screen.getByRole('textbox', { name: 'Floors' })).toHaveAccessibleDescription('A whole number; at least 1; at most 120');
    expect(screen.getByText('Facade materials').parentElement).toHaveTextContent(en.form.optional);
  });
});
