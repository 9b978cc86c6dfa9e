// Permits in the browser against the real server, the whole story of one request: a
// company's employee registers, finds "sketch approval" in the catalogue, fills the form made
// from the service's JSON Schema, attaches the sketch (a file of another type is refused first),
// signs the digest with the SIGN key and submits. A reviewer of the department (granted the role
// with `saulet accounts grant-role`) finds it in the queue, accepts it and asks for a correction
// of one field; the applicant corrects it, signs and resubmits, and sees what changed between the
// versions. The reviewer prepares the permit (twice: the second draft replaces the first),
// downloads the draft, signs its SHA-256 with the SIGN key and issues it; the applicant downloads
// the signed PDF and opens the public verify page from the request, which says the permit is
// genuine and in force. My requests and the queue are also seen at a phone's width (cards, the
// header's menu button). Axe on every new page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { SKETCH, SKETCH_PDF } from './catalogue';
import { KEY_PASSWORD, NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;
const p = kk.permits;

/** The demo PKI the server trusts in this run (made by playwright.config.ts). */
const users = join(process.env.SAULET_E2E_DATA_DIR ?? '', 'dev-pki', 'users');
// Keys no other spec of this server registers (each identity may hold one account). The
// reviewer's certificate carries the department's BIN, which makes them its staff.
const APPLICANT = { auth: join(users, 'employee-auth.p12'), sign: join(users, 'employee-sign.p12') };
const REVIEWER = { auth: join(users, 'reviewer-auth.p12'), sign: join(users, 'reviewer-sign.p12') };


/** A phone's width, and the configured desktop viewport to return to. */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

/** Nothing on the page is wider than the window. */
async function expectNoSidewaysScrolling(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'wider than the window').toBeLessThanOrEqual(0);
}

/**
 * Saves a full-page screenshot: into SAULET_SCREENSHOTS_DIR when set (`make screenshots` writes
 * docs/screenshots/ that way), otherwise beside the test's other output.
 */
async function shoot(page: Page, name: string) {
  const dir = process.env.SAULET_SCREENSHOTS_DIR;
  await page.screenshot({ path: dir ? join(dir, name) : test.info().outputPath(name), fullPage: true });
}

/** Refusals the test provokes on purpose; Chromium logs each failed answer as a console error. */
const WRONG_FILE_TYPE = /status of 415/;

/** Signs with the SIGN key file in the page's (only) signing form. */
async function signWith(page: Page, keyFile: string, submit: string) {
  await page.getByLabel(kk.eds.signKey.label, { exact: true }).setInputFiles(keyFile);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

test('a permit from application to the public check: corrections, resubmission, signed decision', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(240_000);
  consoleErrors.allow(NCALAYER_PROBE);
  consoleErrors.allow(WRONG_FILE_TYPE);
  const stamp = Date.now();
  const title = `Эскиз ${stamp}`;

  // The applicant registers and finds the service in the catalogue, linked from the header.
  await register(page, APPLICANT.auth, `aigul.${stamp}@example.kz`);
  await page.getByRole('navigation', { name: kk.nav.label }).getByRole('link', { name: kk.nav.services }).click();
  await expect(page).toHaveURL('/services');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.pages.services.title);
  const service = page.getByRole('article', { name: SKETCH.name });
  await expect(service).toContainText(SKETCH.slot);
  await expectNoAccessibilityViolations(page);
  await service.getByRole('link', { name: fill(p.catalogue.applyFor, { name: SKETCH.name }) }).click();

  // A draft, named by the applicant.
  await expect(page).toHaveURL('/services/sketch-approval/apply');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fill(p.pages.apply.heading, { name: SKETCH.name }));
  await expectNoAccessibilityViolations(page);
  await page.getByLabel(p.fields.title).fill(title);
  await page.getByRole('button', { name: p.start.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]+\/edit$/);
  const requestPath = new URL(page.url()).pathname.replace(/\/edit$/, '');

  // Step 1: the form from the schema; empty required fields are caught in the page.
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(p.editor.steps.form) })).toBeVisible();
  await page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();
  const objectName = page.getByLabel(SKETCH.objectName, { exact: true });
  await expect(objectName).toHaveAttribute('aria-invalid', 'true');
  await expect(objectName).toBeFocused();
  await expect(objectName).toHaveAccessibleDescription(new RegExp(p.form.errors.required));
  await expectNoAccessibilityViolations(page);
  await objectName.fill('Тұрғын үй кешені «Көктем»');
  await page.getByLabel(SKETCH.address, { exact: true }).fill('Астана, Есіл ауданы, Мәңгілік Ел даңғылы, 55');
  await page.getByLabel(SKETCH.apzNumber, { exact: true }).fill('KZ-2026-0042');
  await page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();

  // Step 2: the checklist. A text file is refused by its content; the PDF is taken.
  await expect(page).toHaveURL(/step=documents/);
  const sketchFile = page.getByLabel(fill(p.documents.fileFor, { name: SKETCH.slot }), { exact: true });
  const upload = page.getByRole('button', { name: fill(p.documents.uploadTo, { name: SKETCH.slot }) });
  await sketchFile.setInputFiles({ name: 'sketch.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a PDF at all') });
  await upload.click();
  await expect(sketchFile).toHaveAccessibleDescription(new RegExp(fill(p.documents.errors.wrongType, { types: 'PDF' }).slice(0, 40)));
  await expect(sketchFile).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await sketchFile.setInputFiles({ name: 'sketch.pdf', mimeType: 'application/pdf', buffer: SKETCH_PDF });
  await upload.click();
  await expect(page.getByRole('status').filter({ hasText: fill(p.documents.uploaded, { file: 'sketch.pdf', slot: SKETCH.slot }) })).toBeAttached();
  await expect(page.getByRole('list', { name: fill(p.documents.filesOf, { name: SKETCH.slot }) })).toContainText('sketch.pdf');
  await page.getByRole('link', { name: p.editor.next }).click();

  // Step 3: the review, and the signature over the digest with the SIGN key.
  await expect(page).toHaveURL(/step=sign/);
  await expect(page.getByTestId('form-summary')).toContainText('KZ-2026-0042');
  await expect(page.getByTestId('digest')).toHaveText(/^[0-9a-f]{64}$/);
  await expectNoAccessibilityViolations(page);
  await signWith(page, APPLICANT.sign, p.sign.submit);

  // Submitted: the request's page with its registration number.
  await expect(page).toHaveURL(requestPath);
  const notice = page.getByRole('status').filter({ hasText: p.pages.request.submitted.split('{{number}}')[0]?.trim() ?? '' });
  await expect(notice).toBeVisible();
  const number = /(\S+)\.$/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(number).toMatch(/\d{4}-\d{6}$/);
  // Where the request stands heads its page: the status, in words.
  const standing = page.getByTestId('request-overview');
  await expect(standing).toContainText(p.status.submitted);
  await expect(standing).toContainText(p.meaning.applicant.submitted);
  await expectNoAccessibilityViolations(page);

  // My requests lists it.
  await page.getByRole('banner').getByRole('link', { name: kk.accountMenu.requests }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.pages.mine.title);
  const mine = page.getByTestId('request-row').filter({ hasText: number });
  await expect(mine).toContainText(title);
  await expect(mine).toContainText(p.status.submitted);
  await expectNoAccessibilityViolations(page);

  // On a phone (390 px): the requests are cards, nothing is cut off, and the signed-in header
  // folds behind a menu button that opens, takes the focus in, and closes on Escape.
  await page.setViewportSize(PHONE);
  await expect(mine).toHaveCSS('display', 'flex');
  await expectNoSidewaysScrolling(page);
  const menu = page.getByRole('banner').getByRole('button', { name: kk.accountMenu.menu });
  const account = page.getByRole('banner').getByRole('link', { name: kk.accountMenu.account });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(account).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(account).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(account).toBeHidden();
  await expect(menu).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await shoot(page, 'my-requests-390.png');
  // The request page and the home page on a phone: status, due date and actions first, nothing
  // cut off.
  await mine.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectNoSidewaysScrolling(page);
  await shoot(page, 'request-390.png');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScrolling(page);
  await shoot(page, 'home-390.png');
  await page.goto('/requests');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.pages.mine.title);
  await page.setViewportSize(DESKTOP);
  await expect(menu).toBeHidden();
  await expect(mine).toHaveCSS('display', 'table-row');

  // The reviewer, in a browser of their own, made staff with the role.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  const reviewerErrors: string[] = [];
  reviewer.on('console', (message) => {
    if (message.type() === 'error' && !NCALAYER_PROBE.test(message.text())) reviewerErrors.push(message.text());
  });
  reviewer.on('pageerror', (error) => reviewerErrors.push(error.message));
  const reviewerEmail = `dinara.${stamp}@example.kz`;
  await register(reviewer, REVIEWER.auth, reviewerEmail);
  grantRole(reviewerEmail, 'reviewer');
  // The role arrives with the next token: a reload renews the session.
  await reviewer.reload();
  await reviewer.getByRole('banner').getByRole('link', { name: kk.accountMenu.queue }).click();
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(p.pages.queue.title);
  await reviewer.getByLabel(p.queue.query).fill(number);
  await reviewer.getByRole('button', { name: p.queue.submit, exact: true }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: fill(p.queue.shown, { count: 1 }) })).toBeVisible();
  await expectNoAccessibilityViolations(reviewer);
  // The queue on a phone: cards, not a cut-off table.
  await reviewer.setViewportSize(PHONE);
  await expect(reviewer.getByTestId('request-row')).toHaveCSS('display', 'flex');
  await expectNoSidewaysScrolling(reviewer);
  await reviewer.setViewportSize(DESKTOP);
  await reviewer.getByRole('link', { name: title }).click();

  // Accepted into review (and so assigned to the reviewer).
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectNoAccessibilityViolations(reviewer);
  await reviewer.getByRole('button', { name: p.actions.accept, exact: true }).click();
  await reviewer.getByRole('button', { name: p.actions.acceptSubmit, exact: true }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: p.actions.accepted })).toBeVisible();
  const reviewerStanding = reviewer.getByTestId('request-overview');
  await expect(reviewerStanding).toContainText(p.status.in_review);
  await expect(reviewer.getByTestId('request-facts')).toContainText('НҰРЛАНОВА ДИНАРА');

  // A correction of one field, itemised.
  await reviewer.getByRole('button', { name: p.actions.requestCorrections, exact: true }).click();
  const item = reviewer.getByRole('group', { name: fill(p.corrections.editor.item, { number: 1 }) });
  await item.getByLabel(p.corrections.editor.target).selectOption({ label: SKETCH.apzNumber });
  await item.getByLabel(p.corrections.editor.message).fill('СЖТ нөмірі қате: KZ-2026-0043 болуы керек.');
  await expectNoAccessibilityViolations(reviewer);
  await reviewer.getByRole('button', { name: p.corrections.editor.submit, exact: true }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: p.actions.correctionsRequested })).toBeVisible();
  await expect(reviewerStanding).toContainText(p.status.corrections_requested);
  await expect(reviewerStanding).toContainText(p.due.paused);

  // The applicant sees the item, corrects the field, signs and resubmits.
  await page.goto(requestPath);
  const corrections = page.getByTestId('corrections');
  await expect(corrections).toContainText(fill(p.corrections.field, { name: SKETCH.apzNumber }));
  await expect(corrections).toContainText('KZ-2026-0043');
  await expectNoAccessibilityViolations(page);
  await page.getByRole('link', { name: p.actions.answerCorrections }).click();
  const apzNumber = page.getByLabel(SKETCH.apzNumber, { exact: true });
  await expect(apzNumber).toHaveAccessibleDescription(/KZ-2026-0043 болуы керек/);
  await expectNoAccessibilityViolations(page);
  await apzNumber.fill('KZ-2026-0043');
  await page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();
  await expect(page).toHaveURL(/step=documents/);
  await page.getByRole('link', { name: p.editor.next }).click();
  await expect(page.getByTestId('form-summary')).toContainText('KZ-2026-0043');
  await signWith(page, APPLICANT.sign, p.sign.submitAgain);
  await expect(page).toHaveURL(requestPath);
  await expect(standing).toContainText(p.status.in_review);

  // The versions: what changed from the first to the second.
  const changes = page.getByRole('table', {
    name: fill(p.versions.changesCaption, { number: 2, previous: 1 }),
  });
  const changedRow = changes.getByRole('row', { name: new RegExp(SKETCH.apzNumber) });
  await expect(changedRow.getByRole('cell').nth(0)).toHaveText('KZ-2026-0042');
  await expect(changedRow.getByRole('cell').nth(1)).toHaveText('KZ-2026-0043');
  await expectNoAccessibilityViolations(page);

  // The reviewer prepares the permit, checks the draft PDF, signs its SHA-256 and issues it.
  await reviewer.reload();
  await expect(reviewerStanding).toContainText(p.status.in_review);
  // Each draft prepared is followed by a fresh read of the request (its list of decisions).
  const requestApi = `/api/v1/permit-requests/${requestPath.split('/').pop() ?? ''}`;
  const prepareDraft = async () => {
    const reread = reviewer.waitForResponse(
      (response) => response.request().method() === 'GET' && new URL(response.url()).pathname === requestApi,
    );
    await reviewer.getByRole('button', { name: p.decision.preparePermit, exact: true }).click();
    await expect(reviewer.getByTestId('pdf-sha256')).toHaveText(/^[0-9a-f]{64}$/);
    await reread;
  };
  const approveToggle = reviewer.getByRole('button', { name: p.actions.approve, exact: true });
  await approveToggle.click();
  await prepareDraft();
  // Prepared again (the form closed and opened): the new draft replaces the first, and the
  // request lists only it.
  await approveToggle.click();
  await approveToggle.click();
  await prepareDraft();
  const reviewerDecisions = reviewer.getByTestId('decision');
  await expect(reviewerDecisions).toHaveCount(1);
  await expect(reviewerDecisions).toContainText(p.decision.unsigned);
  const draftDownload = reviewer.waitForEvent('download');
  await reviewer.getByRole('button', { name: p.decision.preview, exact: true }).click();
  const draft = await draftDownload;
  expect(draft.suggestedFilename()).toBe(`${number}-permit.pdf`);
  expect((await bytesOf(draft)).subarray(0, 5).toString()).toBe('%PDF-');
  await expectNoAccessibilityViolations(reviewer);
  await signWith(reviewer, REVIEWER.sign, p.decision.signPermit);
  await expect(reviewer.getByRole('status').filter({ hasText: p.actions.approved })).toBeVisible();
  await expect(reviewerStanding).toContainText(p.status.issued);
  await reviewerContext.close();
  expect(reviewerErrors, "console errors in the reviewer's browser").toEqual([]);

  // The applicant downloads the signed permit and opens its public check.
  await page.reload();
  await expect(standing).toContainText(p.status.issued);
  const decision = page.getByTestId('decision');
  await expect(decision).toContainText(number);
  const permitDownload = page.waitForEvent('download');
  await decision.getByRole('button', { name: fill(p.decision.downloadOf, { title: p.decision.permit, number }) }).click();
  const permit = await permitDownload;
  expect(permit.suggestedFilename()).toBe(`${number}-permit.pdf`);
  expect((await bytesOf(permit)).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByRole('list', { name: p.history.label })).toContainText(p.history.actions.issue);
  await expectNoAccessibilityViolations(page);

  await decision.getByRole('link', { name: p.decision.verifyLink }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${number}\\?code=[0-9a-f]{32}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fill(p.pages.verify.heading, { number }));
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText(p.verify.genuine);
  await expect(verdict).toContainText(p.verify.inForce);
  await expect(page.getByTestId('verification')).toContainText(SKETCH.name);
  await expectNoAccessibilityViolations(page);
  const verifyUrl = page.url();

  // A visitor (no session) sees the same; a wrong code is "not found".
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(verifyUrl);
  await expect(visitor.getByTestId('verdict')).toContainText(p.verify.inForce);
  await visitor.goto(`/verify/${number}?code=${'0'.repeat(32)}`);
  await expect(visitor.getByTestId('verdict')).toContainText(p.verify.notFoundBody);
  await expectNoAccessibilityViolations(visitor);
  await visitorContext.close();

  // Someone holding the paper, whose browser asks for Russian: the site opens in Russian, and the
  // check by number (in the navigation) takes the number and the code printed on the document.
  const code = new URL(verifyUrl).searchParams.get('code') ?? '';
  const ru = LOCALES.ru;
  const readerContext = await browser.newContext({ locale: 'ru-RU' });
  const reader = await readerContext.newPage();
  await reader.goto('/');
  await expect(reader.locator('html')).toHaveAttribute('lang', 'ru');
  await reader.getByRole('link', { name: ru.nav.checkPermit, exact: true }).click();
  await reader.getByLabel(ru.permits.check.number).fill(number);
  await reader.getByLabel(ru.permits.verify.code).fill('not a code');
  await reader.getByRole('button', { name: ru.permits.verify.submit, exact: true }).click();
  await expect(reader.getByText(ru.permits.check.codeFormat)).toBeVisible();
  await reader.getByLabel(ru.permits.verify.code).fill(code);
  await reader.getByRole('button', { name: ru.permits.verify.submit, exact: true }).click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(fill(ru.permits.pages.verify.heading, { number }));
  await expect(reader.getByTestId('verdict')).toContainText(ru.permits.verify.inForce);
  await expectNoAccessibilityViolations(reader);
  await readerContext.close();
});
