// What a citizen and a reviewer are told, in the browser against a server of its own (the
// `citizen` project in playwright.config.ts: the story needs three people of the demo PKI).
//
// An applicant starts a sketch approval and invites a designer (registered, their address
// confirmed) to prepare it; an invitation to a second address is taken back after a confirmation.
// The designer opens the draft from their notice, is told that the applicant signs, fills in the
// APZ number and attaches the sketch; the applicant signs and submits what they made. A reviewer
// finds it marked "Updated" in the queue and asks for a correction; the applicant's notice lists
// the item and the day to answer, and leads to the request, which says "Answer by" that day. The
// applicant asks for five more working days; the reviewer grants them, and the day on the page
// moves on. The applicant corrects, signs and resubmits; the reviewer's inbox has the notice of
// the corrected version, and the queue marks the request again. Axe on every new view.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { SKETCH, SKETCH_PDF } from './catalogue';
import { linkIn, waitForEmail } from './mailbox';
import { KEY_PASSWORD, NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;
const p = kk.permits;

/** The demo PKI of this spec's server (made by playwright.config.ts). */
const dataDir = process.env.SAULET_E2E_CITIZEN_DATA_DIR ?? '';
const users = join(dataDir, 'dev-pki', 'users');
const APPLICANT = { auth: join(users, 'individual-auth.p12'), sign: join(users, 'individual-sign.p12') };
const DESIGNER = { auth: join(users, 'second-individual-auth.p12') };
// The reviewer's certificate carries the department's BIN, which makes them its staff.
const REVIEWER = { auth: join(users, 'reviewer-auth.p12') };


const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

/** dd.mm.yyyy (as kk writes a day) as a time, to compare two days. */
function dayValue(text: string): number {
  const [, day, month, year] = /(\d{2})\.(\d{2})\.(\d{4})/.exec(text) ?? [];
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/** The day the request's page says to answer by. */
async function answerByOn(page: Page): Promise<string> {
  const text = (await page.getByTestId('answer-by').textContent()) ?? '';
  return /\d{2}\.\d{2}\.\d{4}/.exec(text)?.[0] ?? '';
}

/** A second person, in a browser of their own; their console errors are kept to check at the end. */
async function personIn(browser: Browser) {
  const context = await browser.newContext();
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

/** The inbox's notice that contains `text`. */
async function noticeWith(page: Page, text: string) {
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);
  return page.getByTestId('notification').filter({ hasText: text });
}

/** The queue, searched for one number: its one row. */
async function queueRow(page: Page, number: string) {
  await page.goto('/staff/requests');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.pages.queue.title);
  await page.getByLabel(p.queue.query).fill(number);
  await page.getByRole('button', { name: p.queue.submit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(p.queue.shown, { count: 1 }) })).toBeVisible();
  return page.getByTestId('request-row').filter({ hasText: number });
}

test('a co-applicant prepares the draft, corrections come with a day to answer, more time moves it', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(300_000);
  consoleErrors.allow(NCALAYER_PROBE);
  // The second invitation of the same address is refused on purpose: Chromium logs the 409.
  consoleErrors.allow(/status of 409/);
  const stamp = Date.now();
  const title = `Эскиз ${stamp}`;
  const designerEmail = `gulnar.${stamp}@example.kz`;
  const correction = 'СЖТ нөмірі қате: KZ-2026-0043 болуы керек.';

  // The designer registers and confirms their address; the reviewer is made staff.
  const designer = await personIn(browser);
  await register(designer.page, DESIGNER.auth, designerEmail);
  const verification = await waitForEmail(
    designerEmail,
    (message) => message.text?.includes('/verify-email?token=') ?? false,
    15_000,
    dataDir,
  );
  await designer.page.goto(linkIn(verification, `${new URL(designer.page.url()).origin}/verify-email?token=`));
  await expect(designer.page.getByTestId('email-confirmed')).toBeVisible();

  const reviewer = await personIn(browser);
  const reviewerEmail = `dinara.${stamp}@example.kz`;
  await register(reviewer.page, REVIEWER.auth, reviewerEmail);
  grantRole(reviewerEmail, 'reviewer', dataDir);
  // The role arrives with the next token: a reload renews the session.
  await reviewer.page.reload();

  // The applicant starts the draft and saves what they know.
  await register(page, APPLICANT.auth, `asan.${stamp}@example.kz`);
  await page.goto('/services/sketch-approval/apply');
  await page.getByLabel(p.fields.title).fill(title);
  await page.getByRole('button', { name: p.start.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]+\/edit$/);
  const requestPath = new URL(page.url()).pathname.replace(/\/edit$/, '');
  await page.getByLabel(SKETCH.objectName, { exact: true }).fill('Тұрғын үй кешені «Көктем»');
  await page.getByLabel(SKETCH.address, { exact: true }).fill('Астана, Есіл ауданы, Мәңгілік Ел даңғылы, 55');
  await page.getByRole('button', { name: p.editor.saveDraft, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: p.editor.saved })).toBeVisible();

  // (d) On the request's page, the people preparing it: the designer is invited; a second
  // invitation is taken back once confirmed.
  await page.goto(requestPath);
  const people = page.getByRole('region', { name: p.coApplicants.heading });
  await expect(people).toContainText(p.coApplicants.intro);
  await expect(people).toContainText(p.coApplicants.none);
  const inviteEmail = people.getByRole('textbox', { name: p.coApplicants.email });
  const invite = people.getByRole('button', { name: p.coApplicants.inviteSubmit, exact: true });
  await inviteEmail.fill('not an address');
  await invite.click();
  await expect(inviteEmail).toHaveAttribute('aria-invalid', 'true');
  await expect(inviteEmail).toHaveAccessibleDescription(new RegExp(kk.fieldErrors.email.slice(0, 30)));
  await expectNoAccessibilityViolations(page);
  await inviteEmail.fill(designerEmail);
  await invite.click();
  await expect(page.getByRole('status').filter({ hasText: fill(p.coApplicants.invited, { email: designerEmail }) })).toBeVisible();
  const architect = `architect.${stamp}@example.kz`;
  await inviteEmail.fill(architect);
  await invite.click();
  const invited = people.getByRole('list', { name: p.coApplicants.listLabel });
  await expect(invited.getByRole('listitem')).toHaveCount(2);
  // Invited twice: the server's refusal, in the page's language (its own words, from the API).
  await inviteEmail.fill(designerEmail);
  await invite.click();
  await expect(people.getByText('Бұл мекенжай өтінімге бұрын шақырылған.')).toBeVisible();
  await expect(invited.getByRole('listitem')).toHaveCount(2);
  await invited.getByRole('button', { name: fill(p.coApplicants.removeOf, { email: architect }) }).click();
  const question = invited.getByRole('group', { name: fill(p.coApplicants.removeQuestion, { email: architect }) });
  await expect(question.getByRole('button', { name: p.coApplicants.removeConfirm })).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await question.getByRole('button', { name: p.coApplicants.removeConfirm }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(p.coApplicants.removed, { email: architect }) })).toBeVisible();
  await expect(invited.getByRole('listitem')).toHaveCount(1);
  await expect(invited).toContainText(designerEmail);

  // The designer opens the draft from their notice, is told who signs, and fills in the rest.
  const invitation = await noticeWith(designer.page, title);
  await expect(invitation).toBeVisible();
  await expectNoAccessibilityViolations(designer.page);
  await invitation.getByRole('link').click();
  await expect(designer.page).toHaveURL(requestPath);
  await expect(designer.page.getByTestId('co-applicant-notice')).toHaveText(p.coApplicants.youAreInvited);
  await expect(designer.page.getByRole('link', { name: p.actions.submit })).toHaveCount(0);
  await expectNoAccessibilityViolations(designer.page);
  await designer.page.getByRole('link', { name: p.actions.edit }).click();
  await designer.page.getByLabel(SKETCH.apzNumber, { exact: true }).fill('KZ-2026-0042');
  await designer.page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();
  await expect(designer.page).toHaveURL(/step=documents/);
  await designer.page
    .getByLabel(fill(p.documents.fileFor, { name: SKETCH.slot }), { exact: true })
    .setInputFiles({ name: 'sketch.pdf', mimeType: 'application/pdf', buffer: SKETCH_PDF });
  await designer.page.getByRole('button', { name: fill(p.documents.uploadTo, { name: SKETCH.slot }) }).click();
  await expect(designer.page.getByRole('list', { name: fill(p.documents.filesOf, { name: SKETCH.slot }) })).toContainText(
    'sketch.pdf',
  );

  // The applicant signs and submits what the designer made.
  await page.reload();
  await page.getByRole('link', { name: p.actions.submit }).click();
  await expect(page).toHaveURL(/step=sign/);
  await expect(page.getByTestId('form-summary')).toContainText('KZ-2026-0042');
  await signWith(page, APPLICANT.sign, p.sign.submit);
  await expect(page).toHaveURL(requestPath);
  const submitted = page.getByRole('status').filter({ hasText: p.pages.request.submitted.split('{{number}}')[0]?.trim() ?? '' });
  await expect(submitted).toBeVisible();
  const number = /(\S+)\.$/.exec((await submitted.textContent()) ?? '')?.[1] ?? '';
  expect(number).toMatch(/\d{4}-\d{6}$/);

  // (a) The reviewer's queue marks the new request; they accept it and ask for a correction.
  const row = await queueRow(reviewer.page, number);
  await expect(row.getByTestId('updated-mark')).toHaveText(`${p.queue.updated} ${p.queue.updatedMeaning}`);
  await expectNoAccessibilityViolations(reviewer.page);
  await row.getByRole('link', { name: title }).click();
  await expect(reviewer.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await reviewer.page.getByRole('button', { name: p.actions.accept, exact: true }).click();
  await reviewer.page.getByRole('button', { name: p.actions.acceptSubmit, exact: true }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.actions.accepted })).toBeVisible();
  await reviewer.page.getByRole('button', { name: p.actions.requestCorrections, exact: true }).click();
  const item = reviewer.page.getByRole('group', { name: fill(p.corrections.editor.item, { number: 1 }) });
  await item.getByLabel(p.corrections.editor.target).selectOption({ label: SKETCH.apzNumber });
  await item.getByLabel(p.corrections.editor.message).fill(correction);
  await reviewer.page.getByRole('button', { name: p.corrections.editor.submit, exact: true }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.actions.correctionsRequested })).toBeVisible();

  // The applicant's notice lists the item and the day to answer, and leads to the request.
  const told = await noticeWith(page, correction);
  await expect(told).toBeVisible();
  const noticeText = (await told.textContent()) ?? '';
  const firstDue = /(\d{2}\.\d{2}\.\d{4}) дейін/.exec(noticeText)?.[1] ?? '';
  expect(firstDue, noticeText).not.toBe('');
  await expectNoAccessibilityViolations(page);
  await told.getByRole('link').click();
  await expect(page).toHaveURL(requestPath);
  await expect(page.getByTestId('corrections')).toContainText('KZ-2026-0043 болуы керек');
  const moreTime = page.getByRole('region', { name: p.moreTime.heading });
  await expect(moreTime.getByTestId('answer-by')).toHaveText(fill(p.moreTime.answerBy, { day: firstDue }));

  // (b) The applicant asks for five more working days: the day stays until a reviewer grants them.
  const ask = moreTime.getByRole('form', { name: p.moreTime.askHeading });
  await expect(ask).toContainText(p.moreTime.askIntro);
  await ask.getByRole('button', { name: p.moreTime.askSubmit }).click();
  await expect(ask.getByRole('spinbutton', { name: p.moreTime.days })).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await ask.getByRole('spinbutton', { name: p.moreTime.days }).fill('5');
  await ask.getByRole('textbox', { name: p.moreTime.reason }).fill('Геодезист келесі аптада келеді');
  await ask.getByRole('button', { name: p.moreTime.askSubmit }).click();
  await expect(page.getByRole('status').filter({ hasText: p.moreTime.asked })).toBeVisible();
  await expect(moreTime).toContainText(fill(p.moreTime.waiting, { count: 5 }));
  await expect(moreTime.getByTestId('extension')).toContainText(p.moreTime.outcome.pending);
  expect(await answerByOn(page)).toBe(firstDue);
  await expectNoAccessibilityViolations(page);

  await reviewer.page.reload();
  const pending = reviewer.page.getByRole('form', { name: p.moreTime.decideHeading });
  await expect(pending).toContainText('Геодезист келесі аптада келеді');
  await expect(pending).toContainText(`${p.moreTime.daysAsked}5`);
  await expectNoAccessibilityViolations(reviewer.page);
  await pending.getByRole('button', { name: p.moreTime.grant }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: p.moreTime.granted.split('{{day}}')[0] ?? '' })).toBeVisible();
  await expect(pending).toHaveCount(0);

  await page.reload();
  await expect(moreTime.getByTestId('extension')).toContainText(p.moreTime.outcome.granted);
  const newDue = await answerByOn(page);
  expect(dayValue(newDue), `${firstDue} → ${newDue}`).toBeGreaterThanOrEqual(dayValue(firstDue) + 5 * 86_400_000);
  await expect(reviewer.page.getByTestId('answer-by')).toHaveText(fill(p.moreTime.answerBy, { day: newDue }));
  await expectNoAccessibilityViolations(page);

  // (c) The applicant corrects, signs and resubmits; the reviewer hears of the corrected version.
  await page.getByRole('link', { name: p.actions.answerCorrections }).click();
  await page.getByLabel(SKETCH.apzNumber, { exact: true }).fill('KZ-2026-0043');
  await page.getByRole('button', { name: p.editor.saveAndContinue, exact: true }).click();
  await expect(page).toHaveURL(/step=documents/);
  await page.getByRole('link', { name: p.editor.next }).click();
  await expect(page.getByTestId('form-summary')).toContainText('KZ-2026-0043');
  await signWith(page, APPLICANT.sign, p.sign.submitAgain);
  await expect(page).toHaveURL(requestPath);
  await expect(page.getByTestId('request-overview')).toContainText(p.status.in_review);
  await expect(page.getByTestId('more-time')).not.toContainText(p.moreTime.answerBy.split('{{day}}')[0] ?? '');

  const again = await queueRow(reviewer.page, number);
  await expect(again.getByTestId('updated-mark')).toBeVisible();
  const arrived = await noticeWith(reviewer.page, `${number}: түзетілген нұсқа келді`);
  await expect(arrived).toBeVisible();
  await expect(arrived).toContainText(kk.notifications.inbox.unread);
  await expectNoAccessibilityViolations(reviewer.page);
  await arrived.getByRole('link').click();
  await expect(reviewer.page).toHaveURL(requestPath);
  await expect(reviewer.page.getByTestId('request-overview')).toContainText(p.status.in_review);

  await designer.context.close();
  await reviewer.context.close();
  expect(designer.errors, "console errors in the designer's browser").toEqual([]);
  expect(reviewer.errors, "console errors in the reviewer's browser").toEqual([]);
});
