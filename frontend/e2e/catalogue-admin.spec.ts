// The catalogue and the working-day calendar in the browser, against a server of its own (the
// `catalogue-admin` project in playwright.config.ts: its edits of the catalogue and the calendar
// would change the periods and due dates the other specs count on). An administrator opens the
// catalogue, sees the sketch approval's form as applicants will, and changes its review period:
// a value that is not a whole number is refused at its field before anything is sent; with a
// reason, the type is saved as version 2, which the versions list shows with who and why, and the
// public catalogue serves. In Russian, a form schema the server cannot compile is refused at the
// schema's field, in Russian. In English, the calendar page shows this year and the next two (and
// warns while next year has no checked calendar); a holiday is added to next year and saved.
// Axe on every page.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test, type Language } from './fixtures';
import { SKETCH } from './catalogue';
import { NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;
const ru = LOCALES.ru;
const en = LOCALES.en;

/** The demo PKI of this spec's server (made by playwright.config.ts). */
const dataDir = process.env.SAULET_E2E_CATALOGUE_DATA_DIR ?? '';
const ADMIN = { auth: join(dataDir, 'dev-pki', 'users', 'admin-auth.p12'), name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ' };

/** The refusal the test provokes on purpose; Chromium logs the failed answer as a console error. */
const REFUSED_SCHEMA = /status of 422/;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function chooseLanguage(page: Page, from: Language, to: Language) {
  await page.getByRole('banner').getByLabel(LOCALES[from].language.label, { exact: true }).selectOption(to);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('an administrator changes a permit type’s review period as a new version, and adds a holiday to next year’s calendar', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  consoleErrors.allow(NCALAYER_PROBE);
  consoleErrors.allow(REFUSED_SCHEMA);
  const stamp = Date.now();
  const email = `dauren.${stamp}@example.kz`;
  await register(page, ADMIN.auth, email);
  grantRole(email, 'admin', dataDir);
  await page.reload();

  // The catalogue, from the administrators' navigation.
  const c = kk.adminCatalogue;
  await page.getByRole('banner').getByRole('link', { name: kk.accountMenu.admin }).click();
  await page.getByRole('navigation', { name: kk.admin.nav.label }).getByRole('link', { name: kk.admin.nav.catalogue }).click();
  await expect(page).toHaveURL('/admin/catalogue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.list.title);
  await expect(page).toHaveTitle(`${c.list.title} — Saulet`);
  const row = page.getByTestId('catalogue-type').filter({ hasText: 'sketch-approval' });
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await expectNoAccessibilityViolations(page);

  // The sketch approval: its form as applicants will see it, and its first version.
  await row.getByRole('link', { name: SKETCH.name }).click();
  await expect(page).toHaveURL('/admin/catalogue/sketch-approval');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SKETCH.name);
  const e = c.editor;
  await expect(page.getByTestId('type-facts')).toHaveText(fill(e.facts, { code: 'sketch-approval', version: 1 }));
  const preview = page.getByTestId('form-preview');
  await expect(preview.getByLabel(SKETCH.objectName, { exact: true })).toBeVisible();
  await expect(preview.getByLabel(SKETCH.apzNumber, { exact: true })).toBeVisible();
  await expect(preview).toContainText(SKETCH.slot);
  const versions = page.getByTestId('type-version');
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText(c.versions.catalogueFile);
  await expectNoAccessibilityViolations(page);

  // A period that is not a whole number is refused at its field; nothing is sent.
  const review = page.getByLabel(e.period.review_days, { exact: true });
  await expect(review).toHaveValue('10');
  await review.fill('12,5');
  const reason = `Қарау мерзімі жаңа стандартқа сай ${stamp}`;
  await page.getByLabel(e.reason, { exact: true }).fill(reason);
  await page.getByRole('button', { name: e.submit }).click();
  await expect(review).toHaveAttribute('aria-invalid', 'true');
  await expect(review).toHaveAccessibleDescription(new RegExp(escaped(fill(e.errors.wholeNumber, { min: 1, max: 365 }))));
  await expect(review).toBeFocused();
  await expect(page.getByTestId('type-facts')).toHaveText(fill(e.facts, { code: 'sketch-approval', version: 1 }));
  await expectNoAccessibilityViolations(page);

  // Twelve working days, with the reason: version 2.
  await review.fill('12');
  await page.getByRole('button', { name: e.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(e.saved, { version: 2 }) })).toBeVisible();
  await expect(page.getByTestId('type-facts')).toHaveText(fill(e.facts, { code: 'sketch-approval', version: 2 }));
  await expect(page.getByLabel(e.period.review_days, { exact: true })).toHaveValue('12');
  await expect(page.getByLabel(e.reason, { exact: true })).toHaveValue('');
  await expect(versions).toHaveCount(2);
  await expect(versions.first().getByRole('cell').first()).toHaveText('2');
  await expect(versions.first().getByRole('cell', { name: reason })).toBeVisible();
  await expect(versions.first().getByRole('link', { name: ADMIN.name })).toBeVisible();
  await expect(versions.first().getByRole('cell').nth(4)).toHaveText('0');
  await expect(versions.nth(1).getByRole('cell').first()).toHaveText('1');
  await expectNoAccessibilityViolations(page);
  // The public catalogue serves the new version.
  const served = (await (await page.request.get('/api/v1/permit-types/sketch-approval')).json()) as { review_days: number; version: number };
  expect(served).toMatchObject({ review_days: 12, version: 2 });

  // In Russian: a form schema the server cannot compile is refused at the schema's field, in
  // Russian; the type stays at version 2.
  const r = ru.adminCatalogue.editor;
  await chooseLanguage(page, 'kk', 'ru');
  await expect(page.getByTestId('type-facts')).toHaveText(fill(r.facts, { code: 'sketch-approval', version: 2 }));
  const schema = page.getByLabel(r.schema, { exact: true });
  await schema.fill(JSON.stringify({ type: 'object', properties: { floors: { type: 'nonsense' } } }, null, 2));
  await expect(preview).toContainText(ru.adminCatalogue.preview.empty);
  await page.getByLabel(r.reason, { exact: true }).fill('Проверка схемы');
  await page.getByRole('button', { name: r.submit }).click();
  await expect(page.getByRole('alert')).toContainText(ru.problems.types.validation);
  await expect(schema).toHaveAttribute('aria-invalid', 'true');
  await expect(schema).toHaveAccessibleDescription(/это не корректная JSON Schema/);
  await expect(schema).toBeFocused();
  await expect(page.getByTestId('type-facts')).toHaveText(fill(r.facts, { code: 'sketch-approval', version: 2 }));
  await expect(versions).toHaveCount(2);
  await expectNoAccessibilityViolations(page);

  // In English, the calendar: this year and the next two; a holiday added to next year.
  const cal = en.adminCatalogue.calendar;
  await chooseLanguage(page, 'ru', 'en');
  await page.getByRole('navigation', { name: en.admin.nav.label }).getByRole('link', { name: en.admin.nav.calendar }).click();
  await expect(page).toHaveURL('/admin/calendar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(cal.title);
  const astana = new Date(Date.now() + 5 * 3600 * 1000);
  const thisYear = astana.getUTCFullYear();
  const nextYear = thisYear + 1;
  await expect(page.getByTestId('calendar-year')).toHaveCount(3);
  await expect(page.getByTestId('calendar-year').first().getByRole('rowheader')).toHaveText(String(thisYear));
  // From 1 October the server asks for next year's checked calendar; the shipped files check
  // 2025 and 2026 only.
  const warned = astana.getUTCMonth() >= 9 && nextYear >= 2027;
  const warning = page.getByTestId('calendar-missing');
  if (warned) {
    await expect(warning).toContainText(fill(cal.missing, { year: nextYear }));
  } else {
    await expect(warning).toHaveCount(0);
    await page.getByRole('link', { name: fill(cal.edit, { year: nextYear }) }).click();
  }
  await expect(page.getByRole('heading', { level: 2, name: fill(cal.editing, { year: nextYear }) })).toBeVisible();
  await expect(page.getByText(cal.kept).first()).toBeVisible();
  const days = page.getByTestId('calendar-day');
  await expect(days.first()).toBeVisible();
  const before = await days.count();
  await expectNoAccessibilityViolations(page);

  await page.getByRole('button', { name: cal.add }).click();
  const number = before + 1;
  const label = (field: string) => fill(cal.field, { field, number });
  const names = (language: Language) => label(fill(en.adminCatalogue.editor.inLanguage[language], { label: cal.names }));
  const date = page.getByLabel(label(cal.date), { exact: true });
  await expect(date).toBeFocused();
  const holiday = `${nextYear}-06-15`;
  await date.fill(holiday);
  await expect(page.getByLabel(label(cal.kind), { exact: true })).toHaveValue('holiday');
  await page.getByLabel(names('kk'), { exact: true }).fill('Басқарманың демалыс күні');
  await page.getByLabel(names('ru'), { exact: true }).fill('Выходной день управления');
  await page.getByLabel(names('en'), { exact: true }).fill('Department day off');
  await page.getByRole('button', { name: fill(cal.submit, { year: nextYear }) }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(cal.saved, { year: nextYear, count: before + 1 }) })).toBeVisible();
  await expect(days).toHaveCount(before + 1);
  // Next year is checked now: the warning is gone.
  const nextRow = page.getByTestId('calendar-year').filter({ has: page.getByRole('rowheader', { name: String(nextYear) }) });
  await expect(nextRow.getByRole('cell').nth(1)).toHaveText(en.common.yes);
  await expect(nextRow.getByRole('cell').nth(2)).toHaveText('administrator');
  await expect(warning).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
  const saved = (await (await page.request.get(`/api/v1/calendar/${nextYear}`)).json()) as { date: string; kind: string }[];
  expect(saved).toContainEqual(expect.objectContaining({ date: holiday, kind: 'holiday' }));
});
