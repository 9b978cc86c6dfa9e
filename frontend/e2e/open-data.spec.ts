// Open data in the browser, against a server of its own (the `open-data` project in
// playwright.config.ts: its register and figures hold only what this story decides). A company's
// employee applies for a sketch approval in the Yesil district, and an individual for another in
// the Nura district. The department's reviewer accepts both, issues the company's permit, and
// refuses the individual's request: a signed preliminary refusal, the applicant's signed
// objection, then the signed refusal. A visitor who never signed in, whose browser asks for
// English, opens the register from the main menu: the company is named with its object and
// address, the individual is only "Individual" (no name, address or object anywhere on the page,
// nor in the CSV); filtered by outcome and by district (kept in the address); a row's check
// opens the signed permit's public check; the CSV link downloads the same entries. The
// performance page shows the month's figures in its tables and draws its charts (Chart.js,
// fetched only there), takes another range of months from the keyboard, and is read in Russian,
// at a phone's width too. Axe on both pages.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test, type Language } from './fixtures';
import { SKETCH, SKETCH_PDF } from './catalogue';
import { KEY_PASSWORD, NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;
const en = LOCALES.en;
const ru = LOCALES.ru;
const p = kk.permits;

/** The demo PKI of this spec's server (made by playwright.config.ts). */
const dataDir = process.env.SAULET_E2E_OPEN_DATA_DATA_DIR ?? '';
const users = join(dataDir, 'dev-pki', 'users');
// The employee's certificate names their company (a legal entity: named in the register); the
// individual's is a private person's (never named there). The reviewer's carries the
// department's BIN, which makes them its staff.
const COMPANY = {
  auth: join(users, 'employee-auth.p12'),
  sign: join(users, 'employee-sign.p12'),
  company: '«ТЕСТ ҚҰРЫЛЫС» ЖАУАПКЕРШІЛІГІ ШЕКТЕУЛІ СЕРІКТЕСТІГІ',
  employee: 'БЕКОВА',
};
const INDIVIDUAL = { auth: join(users, 'individual-auth.p12'), sign: join(users, 'individual-sign.p12'), name: 'АСАНОВ' };
const REVIEWER = { auth: join(users, 'reviewer-auth.p12'), sign: join(users, 'reviewer-sign.p12') };

/** The sketch approval form's district field (optional; api/catalogue/catalogue.json), in Kazakh. */
const DISTRICT = { label: /^Аудан(\s|$)/, yesil: 'Есіл ауданы', nura: 'Нұра ауданы' };
/** One of the sketch approval's refusal grounds, in Kazakh. */
const APZ_MISMATCH = 'Эскиз сәулет-жоспарлау тапсырмасының талаптарына сәйкес келмейді';

const COMPANY_OBJECT = { name: 'Тұрғын үй кешені «Көктем»', address: 'Астана, Есіл ауданы, Мәңгілік Ел даңғылы, 55' };
const INDIVIDUAL_OBJECT = { name: 'Жеке тұрғын үй «Шұғыла»', address: 'Астана, Нұра ауданы, Тұран даңғылы, 21' };

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

/** A person in a browser of their own; their console errors are kept to check at the end. */
async function personIn(browser: Browser, locale?: string) {
  const context = await browser.newContext(locale ? { locale } : {});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !NCALAYER_PROBE.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Signs with the SIGN key file in the page's (only) signing form. */
async function signWith(page: Page, keyFile: string, submit: string) {
  await page.getByLabel(kk.eds.signKey.label, { exact: true }).setInputFiles(keyFile);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

async function chooseLanguage(page: Page, from: Language, to: Language) {
  await page.getByRole('banner').getByLabel(LOCALES[from].language.label, { exact: true }).selectOption(to);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/** A sketch approval filled in (its district chosen), its sketch attached, signed and submitted: its number. */
async function submitSketch(page: Page, title: string, signKey: string, object: { name: string; address: string }, district: string) {
  await page.goto('/services/sketch-approval/apply');
  await page.getByLabel(p.fields.title).fill(title);
  await page.getByRole('button', { name: p.start.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]+\/edit$/);
  await page.getByLabel(SKETCH.objectName, { exact: true }).fill(object.name);
  await page.getByLabel(SKETCH.address, { exact: true }).fill(object.address);
  await page.getByRole('combobox', { name: DISTRICT.label }).selectOption({ label: district });
  await page.getByLabel(SKETCH.apzNumber, { exact: true }).fill('KZ-2026-0101');
  await page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();
  await expect(page).toHaveURL(/step=documents/);
  await page.getByLabel(fill(p.documents.fileFor, { name: SKETCH.slot }), { exact: true }).setInputFiles({
    name: 'sketch.pdf',
    mimeType: 'application/pdf',
    buffer: SKETCH_PDF,
  });
  await page.getByRole('button', { name: fill(p.documents.uploadTo, { name: SKETCH.slot }) }).click();
  await expect(page.getByRole('list', { name: fill(p.documents.filesOf, { name: SKETCH.slot }) })).toContainText('sketch.pdf');
  await page.getByRole('link', { name: p.editor.next }).click();
  await expect(page).toHaveURL(/step=sign/);
  await expect(page.getByTestId('form-summary')).toContainText(district);
  await signWith(page, signKey, p.sign.submit);
  const notice = page.getByRole('status').filter({ hasText: p.pages.request.submitted.split('{{number}}')[0]?.trim() ?? '' });
  await expect(notice).toBeVisible();
  const number = /(\S+)\.$/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(number).toMatch(/\d{4}-\d{6}$/);
  return number;
}

/** The reviewer opens the request from the queue, searched by its number, and accepts it. */
async function acceptFromQueue(page: Page, number: string, title: string) {
  await page.goto('/staff/requests');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.pages.queue.title);
  await page.getByLabel(p.queue.query).fill(number);
  await page.getByRole('button', { name: p.queue.submit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(p.queue.shown, { count: 1 }) })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByRole('button', { name: p.actions.accept, exact: true }).click();
  await page.getByRole('button', { name: p.actions.acceptSubmit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: p.actions.accepted })).toBeVisible();
  await expect(page.getByTestId('request-overview')).toContainText(p.status.in_review);
}

/** Prepares the decision's PDF (the request is read again after it) and signs its SHA-256. */
async function decide(page: Page, kind: 'permit' | 'refusal') {
  const requestApi = new URL(page.url()).pathname.replace(/^\/requests\//, '/api/v1/permit-requests/');
  const reread = page.waitForResponse((response) => response.request().method() === 'GET' && new URL(response.url()).pathname === requestApi);
  await page.getByRole('button', { name: kind === 'permit' ? p.decision.preparePermit : p.decision.prepareRefusal, exact: true }).click();
  await expect(page.getByTestId('pdf-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await reread;
  await signWith(page, REVIEWER.sign, kind === 'permit' ? p.decision.signPermit : p.decision.signRefusal);
}

/**
 * Saves a full-page screenshot: into SAULET_SCREENSHOTS_DIR when set (as `make screenshots` does
 * for the other specs), otherwise beside the test's other output.
 */
async function shoot(page: Page, name: string) {
  const dir = process.env.SAULET_SCREENSHOTS_DIR;
  await page.screenshot({ path: dir ? join(dir, name) : test.info().outputPath(name), fullPage: true });
}

/** Nothing on the page is wider than the window (a wide table scrolls in its own box). */
async function expectNoSidewaysScrolling(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'wider than the window').toBeLessThanOrEqual(0);
}

/** The current month in Astana (UTC+5), YYYY-MM: the month the story's figures are counted in. */
function astanaMonth(): string {
  return new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 7);
}

/** A table of figures: its rows, each as its cells' texts. */
async function rowsOf(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())));
}

test('decided requests reach the public register and the figures; an individual is never named', async ({ page, browser, consoleErrors }) => {
  test.setTimeout(300_000);
  consoleErrors.allow(NCALAYER_PROBE);
  const stamp = Date.now();
  const companyTitle = `Көктем ${stamp}`;
  const individualTitle = `Шұғыла ${stamp}`;

  // The company's employee applies, for the Yesil district.
  await register(page, COMPANY.auth, `aigul.${stamp}@example.kz`);
  const companyNumber = await submitSketch(page, companyTitle, COMPANY.sign, COMPANY_OBJECT, DISTRICT.yesil);

  // The individual applies, for the Nura district.
  const individual = await personIn(browser);
  await register(individual.page, INDIVIDUAL.auth, `asan.${stamp}@example.kz`);
  const individualNumber = await submitSketch(individual.page, individualTitle, INDIVIDUAL.sign, INDIVIDUAL_OBJECT, DISTRICT.nura);
  const individualRequest = new URL(individual.page.url()).pathname;

  // The department's reviewer (the role from the command line, as an operator gives the first ones).
  const reviewer = await personIn(browser);
  const reviewerEmail = `dinara.${stamp}@example.kz`;
  await register(reviewer.page, REVIEWER.auth, reviewerEmail);
  grantRole(reviewerEmail, 'reviewer', dataDir);
  await reviewer.page.reload();

  // The company's permit: accepted, prepared, signed, issued.
  await acceptFromQueue(reviewer.page, companyNumber, companyTitle);
  await reviewer.page.getByRole('button', { name: p.actions.approve, exact: true }).click();
  await decide(reviewer.page, 'permit');
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.actions.approved })).toBeVisible();
  await expect(reviewer.page.getByTestId('request-overview')).toContainText(p.status.issued);

  // The individual's request: accepted, then a signed preliminary refusal on a ground of the type.
  await acceptFromQueue(reviewer.page, individualNumber, individualTitle);
  await reviewer.page.getByRole('button', { name: p.actions.preliminaryRefusal, exact: true }).click();
  await reviewer.page.getByRole('checkbox', { name: APZ_MISMATCH }).check();
  await reviewer.page.getByLabel(p.refusal.text, { exact: true }).fill('Эскиздегі қабат саны СЖТ-да белгіленгеннен асады.');
  await reviewer.page.getByRole('button', { name: p.refusal.prepare, exact: true }).click();
  await expect(reviewer.page.getByTestId('statement-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await signWith(reviewer.page, REVIEWER.sign, p.refusal.sign);
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.actions.refusalAnnounced })).toBeVisible();
  const reviewerRequest = reviewer.page.url();

  // The applicant objects, signed, within the period (the refusal may then be signed at once).
  await individual.page.goto(individualRequest);
  await expect(individual.page.getByTestId('request-overview')).toContainText(p.status.preliminary_refusal);
  await individual.page.getByRole('button', { name: p.actions.object, exact: true }).click();
  await individual.page.getByLabel(p.actions.objection, { exact: true }).fill('Қабат саны СЖТ-ға сәйкес келеді деп санаймын.');
  await individual.page.getByRole('button', { name: p.objecting.prepare, exact: true }).click();
  await expect(individual.page.getByTestId('statement-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await signWith(individual.page, INDIVIDUAL.sign, p.objecting.sign);
  await expect(individual.page.getByRole('status').filter({ hasText: p.actions.objected })).toBeVisible();

  // The reviewer signs the reasoned refusal.
  await reviewer.page.goto(reviewerRequest);
  await reviewer.page.getByRole('button', { name: p.actions.refuse, exact: true }).click();
  await decide(reviewer.page, 'refusal');
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.actions.refused })).toBeVisible();
  await expect(reviewer.page.getByTestId('request-overview')).toContainText(p.status.refused);

  // A visitor, never signed in, whose browser asks for English, opens the register from the menu.
  const visitor = await personIn(browser, 'en-GB');
  const v = visitor.page;
  const o = en.openData;
  const chartRequests: string[] = [];
  v.on('request', (request) => {
    if (/chart-setup-[^/]*\.js$/.test(request.url())) chartRequests.push(v.url());
  });
  await v.goto('/');
  await expect(v.locator('html')).toHaveAttribute('lang', 'en');
  await v.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.openRegister }).click();
  await expect(v).toHaveURL('/open-data/register');
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(o.register.title);
  await expect(v.getByRole('status').filter({ hasText: fill(o.register.shown, { count: 2 }) })).toBeVisible();

  const companyRow = v.getByTestId('register-entry').filter({ hasText: companyNumber });
  const individualRow = v.getByTestId('register-entry').filter({ hasText: individualNumber });
  await expect(companyRow).toContainText(COMPANY.company);
  await expect(companyRow).toContainText(COMPANY_OBJECT.name);
  await expect(companyRow).toContainText(COMPANY_OBJECT.address);
  await expect(companyRow).toContainText(o.outcomes.issued);
  await expect(companyRow).toContainText(o.districts.yesil);
  await expect(companyRow).toContainText('Sketch design approval');
  await expect(individualRow).toContainText(o.register.individual);
  await expect(individualRow).toContainText(o.register.notPublished);
  await expect(individualRow).toContainText(o.outcomes.refused);
  await expect(individualRow).toContainText(o.districts.nura);
  // Nowhere on the page: the individual's name, object or address, nor the employee's own name.
  const body = v.locator('body');
  for (const withheld of [INDIVIDUAL.name, INDIVIDUAL_OBJECT.name, INDIVIDUAL_OBJECT.address, 'Тұран', COMPANY.employee]) {
    await expect(body).not.toContainText(withheld);
  }
  await expectNoAccessibilityViolations(v);
  await shoot(v, 'open-register.png');

  // Filtered by outcome: the permit issued only; the filter is in the address and in the CSV link.
  const search = v.getByRole('search', { name: o.register.filterLabel });
  await search.getByLabel(o.register.outcome, { exact: true }).selectOption('issued');
  await search.getByRole('button', { name: o.register.submit, exact: true }).click();
  await expect(v).toHaveURL('/open-data/register?outcome=issued');
  await expect(v.getByRole('status').filter({ hasText: fill(o.register.shown, { count: 1 }) })).toBeVisible();
  await expect(v.getByTestId('register-entry')).toHaveCount(1);
  await expect(companyRow).toBeVisible();
  const csvLink = v.getByRole('link', { name: o.register.csv });
  await expect(csvLink).toHaveAttribute('href', '/api/v1/register.csv?outcome=issued&limit=100');

  // The CSV of the same entries, downloaded through the link.
  const download = v.waitForEvent('download');
  await csvLink.click();
  const csv = (await readFile(await (await download).path())).toString('utf8');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header).toBe(
    'number,type,type_name,organisation,outcome,decided_on,district,holder_kind,holder_name,holder_bin,object_name,address,working_days,on_time,verify_url',
  );
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(companyNumber);
  expect(lines[0]).toContain(COMPANY.company.replaceAll('"', '""'));
  expect(lines[0]).toContain(',issued,');
  expect(lines[0]).toContain(',yesil,company,');

  // The whole register's CSV has the individual's entry, unnamed and without address or object.
  const everything = await v.request.get('/api/v1/register.csv?limit=100');
  const all = await everything.text();
  expect(all).toContain(individualNumber);
  for (const withheld of [INDIVIDUAL.name, INDIVIDUAL_OBJECT.name, 'Тұран', COMPANY.employee]) expect(all).not.toContain(withheld);

  // The company's entry opens the public check of its signed permit; "back" returns to the filter.
  await companyRow.getByRole('link', { name: new RegExp(companyNumber) }).click();
  await expect(v).toHaveURL(new RegExp(`/verify/${companyNumber}\\?code=[0-9a-f]{32}$`));
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(fill(en.permits.pages.verify.heading, { number: companyNumber }));
  await expect(v.getByTestId('verdict')).toContainText(en.permits.verify.genuine);
  await expect(v.getByTestId('verdict')).toContainText(en.permits.verify.inForce);
  await v.goBack();
  await expect(v).toHaveURL('/open-data/register?outcome=issued');
  await expect(v.getByRole('search', { name: o.register.filterLabel }).getByLabel(o.register.outcome, { exact: true })).toHaveValue('issued');

  // Filtered by district instead: the individual's refusal, still unnamed; its check asks for the
  // code printed on the holder's paper.
  await v.goto('/open-data/register?district=nura');
  await expect(v.getByRole('status').filter({ hasText: fill(o.register.shown, { count: 1 }) })).toBeVisible();
  await expect(individualRow).toContainText(o.register.individual);
  for (const withheld of [INDIVIDUAL.name, INDIVIDUAL_OBJECT.name, INDIVIDUAL_OBJECT.address]) {
    await expect(body).not.toContainText(withheld);
  }
  await expect(v.getByRole('link', { name: o.register.csv })).toHaveAttribute('href', '/api/v1/register.csv?district=nura&limit=100');
  await expectNoAccessibilityViolations(v);
  await individualRow.getByRole('link', { name: new RegExp(individualNumber) }).click();
  await expect(v).toHaveURL(`/verify/${individualNumber}`);
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(fill(en.permits.pages.verify.heading, { number: individualNumber }));
  // No chart code was fetched for the register or the check.
  expect(chartRequests).toEqual([]);

  // The performance page, from the menu: this month's figures in the tables.
  await v.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.performance }).click();
  await expect(v).toHaveURL('/open-data/performance');
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(o.performance.title);
  const month = astanaMonth();
  const monthInEnglish = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  await expect(v.getByTestId('total-received')).toContainText('2');
  await expect(v.getByTestId('total-decided')).toContainText(fill(o.performance.decidedNote, { issued: 1, refused: 1 }));
  await expect(v.getByTestId('total-on-time')).toContainText('100%');
  const decisions = await rowsOf(v, 'table-decisions');
  expect(decisions.at(-1)).toEqual([monthInEnglish, '2', '2', '1', '1']);
  // Every month before it (the API's default: the last twelve) counts nought.
  expect(decisions).toHaveLength(12);
  expect(decisions.slice(0, -1).every((row) => row.slice(1).every((cell) => cell === '0'))).toBe(true);
  const days = await rowsOf(v, 'table-days');
  expect(days.at(-1)?.[0]).toBe(monthInEnglish);
  expect(days.at(-1)?.[3]).toBe('100%');
  expect(await rowsOf(v, 'table-types')).toContainEqual(expect.arrayContaining(['Sketch design approval', '2', '2', '1', '1']));
  const organisations = await rowsOf(v, 'table-organisations');
  const department = organisations.find((row) => row[0]?.includes('Department'));
  expect(department?.slice(1, 5)).toEqual(['2', '2', '1', '1']);
  expect(department?.at(-1)).toBe('0');
  await expect(v.getByTestId('table-organisations').getByRole('columnheader', { name: en.openData.figures.deemed })).toBeVisible();

  // The charts: drawn by Chart.js, fetched for this page, each an image named by its summary,
  // with its table beside it.
  for (const chart of ['chart-decisions', 'chart-days', 'chart-types']) {
    const canvas = v.getByTestId(chart).getByRole('img');
    await expect(canvas).toHaveAttribute('aria-label', /\S/);
    await expect(canvas).toHaveAttribute('width', /^[1-9]\d*$/);
  }
  await expect(v.getByTestId('chart-decisions').getByRole('img')).toHaveAccessibleName(
    fill(o.charts.decisionsSummary, { from: decisions[0]?.[0] ?? '', to: monthInEnglish, decided: 2, peak: 2, month: monthInEnglish }),
  );
  expect(chartRequests).toEqual([`${new URL(v.url()).origin}/open-data/performance`]);
  await expectNoAccessibilityViolations(v);
  await shoot(v, 'performance.png');

  // Another range, from the keyboard: this month alone.
  const first = v.getByLabel(o.performance.from, { exact: true });
  await first.focus();
  await first.fill(month);
  await first.press('Enter');
  await expect(v).toHaveURL(new RegExp(`/open-data/performance\\?from=${month}&to=${month}$`));
  await expect(v.getByTestId('performance-period')).toHaveText(fill(o.performance.period, { from: monthInEnglish, to: monthInEnglish }));
  expect(await rowsOf(v, 'table-decisions')).toEqual([[monthInEnglish, '2', '2', '1', '1']]);
  // The figures' tables can be reached and scrolled with the keyboard.
  await v.getByTestId('table-decisions').locator('xpath=..').focus();
  await expect(v.getByTestId('table-decisions').locator('xpath=..')).toBeFocused();

  // In Russian: the months as Russians write them, the charts drawn again.
  await chooseLanguage(v, 'en', 'ru');
  const monthInRussian = `${month.slice(5, 7)}.${month.slice(0, 4)}`;
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(ru.openData.performance.title);
  await expect(v.getByTestId('table-decisions')).toContainText(monthInRussian);
  await expect(v.getByRole('table', { name: fill(ru.openData.charts.decisionsCaption, { from: monthInRussian, to: monthInRussian }) })).toBeVisible();
  await expect(v.getByTestId('chart-days').getByRole('img')).toHaveAttribute('aria-label', new RegExp(ru.openData.charts.daysSummary.slice(0, 20)));
  await expectNoAccessibilityViolations(v);

  // On a phone (390 px): the charts shrink, the tables scroll in their boxes, the page does not.
  await v.setViewportSize({ width: 390, height: 844 });
  await expect(v.getByTestId('chart-decisions').getByRole('img')).toHaveAttribute('width', /^[1-9]\d*$/);
  await expectNoSidewaysScrolling(v);
  await shoot(v, 'performance-390.png');
  await v.getByRole('navigation', { name: ru.nav.label }).getByRole('link', { name: ru.nav.openRegister }).click();
  await expect(v.getByRole('status').filter({ hasText: fill(ru.openData.register.shown, { count: 2 }) })).toBeVisible();
  await expectNoSidewaysScrolling(v);
  await expectNoAccessibilityViolations(v);

  for (const person of [individual, reviewer, visitor]) await person.context.close();
  expect(individual.errors, "console errors in the individual's browser").toEqual([]);
  expect(reviewer.errors, "console errors in the reviewer's browser").toEqual([]);
  expect(visitor.errors, "console errors in the visitor's browser").toEqual([]);
});
