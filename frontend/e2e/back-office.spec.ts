// The back office in the browser, against a server of its own (the `back-office` project in
// playwright.config.ts: the story needs four people of the demo PKI). An applicant submits a
// sketch approval; the department's reviewer finds it among the unassigned in the queue and takes
// it. An administrator gives the reviewer role to the team's lead (`lead`, another reviewer of
// the department) with a reason; the same role for a private person, whose certificate names no
// organisation, is refused at the role's field. The lead, reading Saulet in Russian, opens the
// team's page, follows the reviewer's requests to the queue and takes the request over with a
// reason (asked for before anything is sent); the team's figures follow. The administrator, in
// English, filters the audit log by the action `account.role`, finds the grant with its reason,
// exports the log as CSV, and opens the team's page for the department. Axe on every new page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test, type Language } from './fixtures';
import { SKETCH, SKETCH_PDF } from './catalogue';
import { KEY_PASSWORD, NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;
const ru = LOCALES.ru;
const en = LOCALES.en;

/** The demo PKI of this spec's server (made by playwright.config.ts). */
const dataDir = process.env.SAULET_E2E_BACK_OFFICE_DATA_DIR ?? '';
const users = join(dataDir, 'dev-pki', 'users');
const APPLICANT = { auth: join(users, 'individual-auth.p12'), sign: join(users, 'individual-sign.p12'), name: 'АСАНОВ АСАН АСАНҰЛЫ' };
// The reviewer's and the lead's certificates carry the department's BIN, which makes them its staff.
const REVIEWER = { auth: join(users, 'reviewer-auth.p12'), name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ' };
const LEAD = { auth: join(users, 'lead-auth.p12'), name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ' };
const ADMIN = { auth: join(users, 'admin-auth.p12'), name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ' };

/** Refusals the test provokes on purpose; Chromium logs each failed answer as a console error. */
const REVIEWER_WITHOUT_BIN = /status of 422/;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

/** A person in a browser of their own; their console errors are kept to check at the end. */
async function personIn(browser: Browser, allowed: RegExp[] = []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (![NCALAYER_PROBE, ...allowed].some((pattern) => pattern.test(text))) errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function chooseLanguage(page: Page, from: Language, to: Language) {
  await page.getByRole('banner').getByLabel(LOCALES[from].language.label, { exact: true }).selectOption(to);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/** The applicant's sketch approval, filled in, its sketch attached, signed and submitted: its number. */
async function submitSketch(page: Page, title: string): Promise<string> {
  const p = kk.permits;
  await page.goto('/services/sketch-approval/apply');
  await page.getByLabel(p.fields.title).fill(title);
  await page.getByRole('button', { name: p.start.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]+\/edit$/);
  await page.getByLabel(SKETCH.objectName, { exact: true }).fill('Тұрғын үй кешені «Шұғыла»');
  await page.getByLabel(SKETCH.address, { exact: true }).fill('Астана, Нұра ауданы, Тұран даңғылы, 21');
  await page.getByLabel(SKETCH.apzNumber, { exact: true }).fill('KZ-2026-0077');
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
  await page.getByLabel(kk.eds.signKey.label, { exact: true }).setInputFiles(APPLICANT.sign);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: p.sign.submit, exact: true }).click();
  const notice = page.getByRole('status').filter({ hasText: p.pages.request.submitted.split('{{number}}')[0]?.trim() ?? '' });
  await expect(notice).toBeVisible();
  const number = /(\S+)\.$/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(number).toMatch(/\d{4}-\d{6}$/);
  return number;
}

/**
 * Saves a full-page screenshot for docs/administration.md: into SAULET_SCREENSHOTS_DIR when set
 * (`make screenshots`), otherwise beside the test's other output.
 */
async function shoot(page: Page, name: string) {
  const dir = process.env.SAULET_SCREENSHOTS_DIR;
  await page.screenshot({ path: dir ? join(dir, name) : test.info().outputPath(name), fullPage: true });
}

/** The team page's row of one reviewer. */
function teamRow(page: Page, name: string) {
  return page.getByTestId('team-member').filter({ hasText: name });
}

/** The open requests a reviewer holds, as the team page counts them (the first figure). */
function openCount(page: Page, name: string) {
  return teamRow(page, name).getByRole('cell').first();
}

test('an administrator makes the lead a reviewer; the lead takes a request over from the team page; the audit log shows the grant', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(300_000);
  consoleErrors.allow(NCALAYER_PROBE);
  const stamp = Date.now();
  const title = `Эскиз ${stamp}`;
  const leadEmail = `timur.${stamp}@example.kz`;
  const applicantEmail = `asan.${stamp}@example.kz`;

  // The applicant submits a request.
  await register(page, APPLICANT.auth, applicantEmail);
  const number = await submitSketch(page, title);

  // The department's reviewer (the role from the command line, as an operator gives the first
  // ones) finds it among the unassigned and takes it.
  const reviewer = await personIn(browser);
  const reviewerEmail = `dinara.${stamp}@example.kz`;
  await register(reviewer.page, REVIEWER.auth, reviewerEmail);
  grantRole(reviewerEmail, 'reviewer', dataDir);
  await reviewer.page.reload();
  const q = kk.permits.queue;
  await reviewer.page.getByRole('banner').getByRole('link', { name: kk.accountMenu.queue }).click();
  const quick = reviewer.page.getByRole('navigation', { name: q.quickLabel });
  await quick.getByRole('link', { name: q.quick.unassigned, exact: true }).click();
  await expect(reviewer.page).toHaveURL(/\/staff\/requests\?assignee=none$/);
  await expect(quick.getByRole('link', { name: q.quick.unassigned, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(reviewer.page.getByLabel(kk.permits.fields.assignee)).toHaveValue('none');
  const row = reviewer.page.getByTestId('request-row').filter({ hasText: number });
  await expect(row).toContainText(q.unassigned);
  await expectNoAccessibilityViolations(reviewer.page);
  await row.getByRole('link', { name: title }).click();
  await expect(reviewer.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await reviewer.page.getByRole('button', { name: kk.permits.actions.assignToMe, exact: true }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: kk.permits.actions.assigned })).toBeVisible();
  await expect(reviewer.page.getByTestId('request-facts')).toContainText(REVIEWER.name);
  // "Mine" now lists it.
  await reviewer.page.goto('/staff/requests');
  await reviewer.page.getByRole('navigation', { name: q.quickLabel }).getByRole('link', { name: q.quick.mine, exact: true }).click();
  await expect(reviewer.page).toHaveURL(/\?assignee=me$/);
  await expect(reviewer.page.getByTestId('request-row').filter({ hasText: number })).toContainText(q.assignedToMe);

  // The lead registers: an applicant's account until an administrator says otherwise.
  const lead = await personIn(browser);
  await register(lead.page, LEAD.auth, leadEmail);
  await expect(lead.page.getByRole('banner').getByRole('link', { name: kk.accountMenu.requests })).toBeVisible();

  // The administrator gives the lead the reviewer role, with a reason.
  const admin = await personIn(browser, [REVIEWER_WITHOUT_BIN]);
  const adminEmail = `dauren.${stamp}@example.kz`;
  await register(admin.page, ADMIN.auth, adminEmail);
  grantRole(adminEmail, 'admin', dataDir);
  await admin.page.reload();
  const a = kk.admin;
  await admin.page.getByRole('banner').getByRole('link', { name: kk.accountMenu.admin }).click();
  await admin.page.getByLabel(a.search.query).fill(leadEmail);
  await admin.page.getByRole('button', { name: a.search.submit }).click();
  await admin.page.getByRole('link', { name: LEAD.name }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(LEAD.name);
  const role = admin.page.getByRole('region', { name: a.role.heading });
  await expect(role.getByTestId('current-role')).toHaveText(fill(a.role.current, { role: kk.roles.applicant }));
  await role.getByLabel(a.role.label).selectOption('reviewer');
  await role.getByRole('button', { name: a.role.submit }).click();
  // The reason is asked for before anything is sent.
  const reason = role.getByLabel(a.reason.label, { exact: true });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(new RegExp(a.reason.missing));
  await expect(reason).toBeFocused();
  await expectNoAccessibilityViolations(admin.page);
  const grantReason = `Топ жетекшісі ${stamp}: өтінімдерді бөледі`;
  await reason.fill(grantReason);
  await role.getByRole('button', { name: a.role.submit }).click();
  await expect(role.getByRole('status')).toHaveText(fill(a.role.done, { role: kk.roles.reviewer }));
  await expect(role.getByTestId('current-role')).toHaveText(fill(a.role.current, { role: kk.roles.reviewer }));
  const accountAudit = admin.page.getByRole('region', { name: a.audit.forAccount });
  await expect(accountAudit.getByRole('cell', { name: grantReason })).toBeVisible();
  await expectNoAccessibilityViolations(admin.page);
  await shoot(admin.page, 'admin-role.png');

  // A private person's certificate names no organisation: the role is refused at its field, in
  // the server's words.
  await admin.page.getByRole('link', { name: a.account.back }).click();
  await admin.page.getByLabel(a.search.query).fill(applicantEmail);
  await admin.page.getByRole('button', { name: a.search.submit }).click();
  await admin.page.getByRole('link', { name: APPLICANT.name }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(APPLICANT.name);
  const applicantRole = admin.page.getByRole('region', { name: a.role.heading });
  await applicantRole.getByLabel(a.role.label).selectOption('reviewer');
  await applicantRole.getByLabel(a.reason.label, { exact: true }).fill('Сынақ: ұйымсыз орындаушы');
  await applicantRole.getByRole('button', { name: a.role.submit }).click();
  await expect(applicantRole.getByRole('alert')).toBeVisible();
  const refusedRole = applicantRole.getByLabel(a.role.label);
  await expect(refusedRole).toHaveAttribute('aria-invalid', 'true');
  await expect(refusedRole).toHaveAccessibleDescription(/БСН/);
  await expect(applicantRole.getByTestId('current-role')).toHaveText(fill(a.role.current, { role: kk.roles.applicant }));
  await expectNoAccessibilityViolations(admin.page);

  // The lead, in Russian: the new role arrives with the next token (a reload renews the session).
  const r = ru.permits;
  await lead.page.reload();
  await chooseLanguage(lead.page, 'kk', 'ru');
  await lead.page.getByRole('banner').getByRole('link', { name: ru.accountMenu.team }).click();
  await expect(lead.page).toHaveURL('/staff/team');
  await expect(lead.page.getByRole('heading', { level: 1 })).toHaveText(r.pages.team.title);
  await expect(lead.page).toHaveTitle(`${r.pages.team.title} — Saulet`);
  await expect(openCount(lead.page, REVIEWER.name)).toHaveText('1');
  await expect(openCount(lead.page, LEAD.name)).toHaveText('0');
  await expect(teamRow(lead.page, LEAD.name)).toContainText(fill(r.team.you, { name: LEAD.name }));
  await expect(lead.page.getByTestId('team-unassigned')).toHaveText(fill(r.team.unassigned, { count: 0 }));
  await expectNoAccessibilityViolations(lead.page);

  // The reviewer's requests, in the queue.
  await teamRow(lead.page, REVIEWER.name).getByRole('link', { name: fill(r.team.requestsOf, { name: REVIEWER.name }) }).click();
  await expect(lead.page).toHaveURL(/\/staff\/requests\?assignee=[0-9a-f-]{36}$/);
  await expect(lead.page.getByLabel(r.fields.assignee)).toHaveValue(/^[0-9a-f-]{36}$/);
  const leadRow = lead.page.getByTestId('request-row').filter({ hasText: number });
  await expect(leadRow).toContainText(r.queue.assignedToOther);
  await expectNoAccessibilityViolations(lead.page);
  await leadRow.getByRole('link', { name: title }).click();

  // Taken over, with a reason: asked for in the page before anything is sent.
  await expect(lead.page.getByRole('heading', { level: 1 })).toHaveText(title);
  await lead.page.getByRole('button', { name: r.assign.toggle, exact: true }).click();
  const assignee = lead.page.getByLabel(r.assign.reviewer, { exact: true });
  await expect(assignee.locator('option:checked')).toHaveText(fill(r.team.you, { name: LEAD.name }));
  await expect(lead.page.getByText(fill(r.assign.introHandover, { name: REVIEWER.name }))).toBeVisible();
  await lead.page.getByRole('button', { name: r.assign.submit, exact: true }).click();
  const handover = lead.page.getByLabel(r.assign.reason);
  await expect(handover).toHaveAttribute('aria-invalid', 'true');
  await expect(handover).toHaveAccessibleDescription(new RegExp(r.assign.reasonMissing));
  await expectNoAccessibilityViolations(lead.page);
  await handover.fill('Динара в отпуске до конца недели');
  await lead.page.getByRole('button', { name: r.assign.submit, exact: true }).click();
  await expect(lead.page.getByRole('status').filter({ hasText: fill(r.assign.done, { name: LEAD.name }) })).toBeVisible();
  await expect(lead.page.getByTestId('request-facts')).toContainText(LEAD.name);
  await expect(lead.page.getByRole('list', { name: r.history.label })).toContainText('Динара в отпуске до конца недели');
  await expect(lead.page.getByText(r.actions.assignedToYou)).toBeVisible();
  await expectNoAccessibilityViolations(lead.page);

  // The team's figures follow.
  await lead.page.getByRole('banner').getByRole('link', { name: ru.accountMenu.team }).click();
  await expect(openCount(lead.page, LEAD.name)).toHaveText('1');
  await expect(openCount(lead.page, REVIEWER.name)).toHaveText('0');

  // The administrator, in English, finds the grant in the audit log by its action.
  const e = en.admin;
  await chooseLanguage(admin.page, 'kk', 'en');
  await admin.page.getByRole('navigation', { name: e.nav.label }).getByRole('link', { name: e.nav.audit }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(e.audit.title);
  const filter = admin.page.getByRole('search', { name: e.auditSearch.label });
  await filter.getByLabel(e.auditSearch.action).selectOption({ label: e.audit.actions.account.role });
  await filter.getByRole('button', { name: e.auditSearch.submit }).click();
  await expect(admin.page).toHaveURL(/\/admin\/audit\?action=account\.role$/);
  await expect(admin.page.getByRole('status').filter({ hasText: fill(e.auditSearch.shown, { count: 1 }) })).toBeVisible();
  const grant = admin.page.getByTestId('audit-event');
  await expect(grant).toHaveCount(1);
  await expect(grant).toContainText(e.audit.actions.account.role);
  await expect(grant).toContainText(fill(e.audit.roleChange, { from: en.roles.applicant, to: en.roles.reviewer }));
  await expect(grant.getByRole('link', { name: ADMIN.name })).toBeVisible();
  await expect(grant.getByRole('link', { name: LEAD.name })).toBeVisible();
  await expect(grant.getByRole('cell', { name: grantReason })).toBeVisible();
  await expectNoAccessibilityViolations(admin.page);
  await shoot(admin.page, 'admin-audit.png');

  // Exported with the same filter, as a CSV file.
  const download = admin.page.waitForEvent('download');
  await admin.page.getByRole('button', { name: e.auditSearch.export }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('saulet-audit.csv');
  const text = (await readFile(await csv.path())).toString('utf8');
  expect(text).toContain('account.role');
  expect(text).toContain(grantReason);
  expect(text).not.toContain('account.grant_role');
  await expect(admin.page.getByRole('status').filter({ hasText: fill(e.auditSearch.exported, { file: 'saulet-audit.csv' }) })).toBeVisible();

  // The team's page, for the administrator: any organisation, the department first.
  await admin.page.getByRole('navigation', { name: e.nav.label }).getByRole('link', { name: e.nav.team }).click();
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText(en.permits.pages.team.title);
  await expect(admin.page.getByLabel(en.permits.team.organisation, { exact: true })).toHaveValue('department');
  await expect(openCount(admin.page, LEAD.name)).toHaveText('1');
  await expectNoAccessibilityViolations(admin.page);
  await shoot(admin.page, 'admin-team.png');

  for (const person of [reviewer, lead, admin]) await person.context.close();
  expect(reviewer.errors, "console errors in the reviewer's browser").toEqual([]);
  expect(lead.errors, "console errors in the lead's browser").toEqual([]);
  expect(admin.errors, "console errors in the administrator's browser").toEqual([]);
});
