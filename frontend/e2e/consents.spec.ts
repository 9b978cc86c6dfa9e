// The agreements and the gate in the browser, against a server of
// their own (the `consents` project in playwright.config.ts: its own data directory and demo PKI,
// and a notice period of 5 s), because a published agreement gates every account on its server.
//
// A person registers while there is no agreement yet; an administrator publishes version 1 (in
// force at once) and accepts it on the blocking page, as does the person; the administrator then
// publishes version 2, which takes effect 5 s later; the person works on until it does, is then
// shown the blocking page, signs the acceptance with the SIGN key and carries on where they were.
// While version 1 is in force, a new person registers: the register page shows it and takes their
// SIGN-key acceptance with the registration, so nothing blocks them afterwards.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { ACCOUNT_PASSWORD, KEY_PASSWORD, NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;

const dataDir = process.env.SAULET_E2E_CONSENTS_DATA_DIR ?? '';
const users = join(dataDir, 'dev-pki', 'users');
const PERSON = { auth: join(users, 'individual-auth.p12'), sign: join(users, 'individual-sign.p12') };
const ADMIN = { auth: join(users, 'admin-auth.p12'), sign: join(users, 'admin-sign.p12') };
const NEWCOMER = {
  auth: join(users, 'second-individual-auth.p12'),
  sign: join(users, 'second-individual-sign.p12'),
};

/** The gate's refusals: Chromium logs each 403 answer as a console error. */
const GATE_REFUSAL = /status of 403/;

/**
 * Publishes `version` of the terms, confirmed after its review. The first takes effect at once and
 * the notice of it may take the administrator to the blocking page straight away, so its
 * confirmation is not waited for.
 */
async function publish(page: Page, version: number) {
  await page.goto('/admin/agreements');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.consents.publish.pageTitle);
  for (const [language, autonym] of [
    ['kk', 'Қазақша'],
    ['ru', 'Русский'],
    ['en', 'English'],
  ] as const) {
    const fieldset = page.getByRole('group', { name: kk.consents.publish.textIn.replace('{{language}}', autonym) });
    await fieldset.locator('input').fill(`Terms v${version} (${language})`);
    await fieldset.locator('textarea').fill(`1. Saulet (${language}).\n2. Version ${version}.\n3. End.`);
  }
  // The earliest allowed: at once for the first version, after this server's short notice period
  // for the next (the form proposes three days ahead).
  await page.getByLabel(kk.consents.publish.effectiveAt).fill('');
  await page.getByRole('button', { name: kk.consents.publish.submit }).click();
  // Shown whole, to be confirmed.
  await expect(page.getByRole('heading', { level: 3, name: `Terms v${version} (ru)` })).toBeVisible();
  const answer = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/admin/agreements') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: kk.consents.publish.review.confirm }).click();
  expect((await answer).status()).toBe(201);
  if (version > 1) await expect(page.getByRole('status').filter({ hasText: `${version}-нұсқа` })).toBeVisible();
}

/** On the blocking page: the text of `version`, then the SIGN key's signature; back to `returnTo`. */
async function acceptOnBlockingPage(page: Page, version: number, signKey: string, returnTo: string) {
  await expect(page).toHaveURL('/agreements/accept');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.consents.accept.title);
  await expect(page.getByRole('heading', { level: 2, name: `Terms v${version} (kk)` })).toBeVisible();
  await expect(page.getByText(`2. Version ${version}.`)).toBeVisible();
  await page.getByLabel(kk.eds.signKey.label, { exact: true }).setInputFiles(signKey);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: kk.consents.accept.submit }).click();
  await expect(page).toHaveURL(returnTo);
}

test('published agreements gate every account until it accepts them with the SIGN key', async ({
  browser,
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  consoleErrors.allow(NCALAYER_PROBE);
  consoleErrors.allow(GATE_REFUSAL);
  const stamp = Date.now();

  // No agreement yet: registration is as it always was, and nothing blocks.
  await page.goto('/agreements');
  await expect(page.getByText(kk.consents.list.empty)).toBeVisible();
  await register(page, PERSON.auth, `asan.${stamp}@example.kz`);
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);

  // The administrator, in a browser of their own.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminErrors: string[] = [];
  admin.on('pageerror', (error) => adminErrors.push(error.message));
  const adminEmail = `admin.${stamp}@example.kz`;
  await register(admin, ADMIN.auth, adminEmail);
  grantRole(adminEmail, 'admin', dataDir);
  await admin.reload();

  // Version 1 takes effect at once (the first of its kind): the administrator is gated too.
  await publish(admin, 1);
  await admin.goto('/notifications');
  await expect(admin).toHaveURL('/agreements/accept');
  await expectNoAccessibilityViolations(admin);
  // Before deciding, the administrator can take their data as a JSON file.
  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: kk.account.export.button }).click();
  expect((await download).suggestedFilename()).toMatch(/^saulet-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(admin.getByText(kk.account.export.saved)).toBeVisible();
  await acceptOnBlockingPage(admin, 1, ADMIN.sign, '/notifications');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);

  // The person's next step is refused and they accept version 1 as well.
  await page.reload();
  await acceptOnBlockingPage(page, 1, PERSON.sign, '/notifications');

  // The public pages list version 1; its page passes axe.
  await page.goto('/agreements');
  await page.getByRole('link', { name: 'Terms v1 (kk)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Terms v1 (kk)' })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A new person registers while version 1 is in force: after the AUTH key, the register page
  // shows it and takes the acceptance signed with the SIGN key, sent with the registration.
  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  const newcomerErrors: string[] = [];
  newcomer.on('pageerror', (error) => newcomerErrors.push(error.message));
  await newcomer.goto('/register');
  await expect(newcomer.getByRole('heading', { level: 2, name: kk.register.key.headingOfThree })).toBeVisible();
  await newcomer.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(NEWCOMER.auth);
  await newcomer.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await newcomer.getByRole('button', { name: kk.register.key.submit }).click();
  await expect(newcomer.getByRole('heading', { level: 2, name: kk.register.consents.heading })).toBeVisible();
  await expect(newcomer.getByRole('heading', { level: 3, name: 'Terms v1 (kk)' })).toBeVisible();
  await expect(newcomer.getByText('2. Version 1.')).toBeVisible();
  await expectNoAccessibilityViolations(newcomer);
  await newcomer.getByLabel(kk.eds.signKey.label, { exact: true }).setInputFiles(NEWCOMER.sign);
  await newcomer.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await newcomer.getByRole('button', { name: kk.register.consents.submit }).click();
  await expect(newcomer.getByRole('heading', { level: 2, name: kk.register.details.headingOfThree })).toBeVisible();
  await newcomer.getByLabel(kk.register.details.email).fill(`gulnar.${stamp}@example.kz`);
  await newcomer.getByLabel(kk.register.details.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await newcomer.getByLabel(kk.register.details.passwordRepeat).fill(ACCOUNT_PASSWORD);
  const registration = newcomer.waitForResponse(
    (response) => response.url().endsWith('/api/v1/accounts') && response.request().method() === 'POST',
  );
  await newcomer.getByRole('button', { name: kk.register.details.submit }).click();
  expect((await registration).status()).toBe(201);
  await expect(newcomer).toHaveURL('/register/check-email');
  await expect(newcomer.getByRole('banner')).toContainText('ЖҰМАБАЕВА ГҮЛНАР');
  // Signed in, and not blocked: the next signed-in page opens.
  await newcomer.goto('/notifications');
  await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);
  await expect(newcomer).toHaveURL('/notifications');
  await newcomerContext.close();
  expect(newcomerErrors).toEqual([]);

  // The administrators' page counts the acceptances of version 1: the administrator's, the
  // person's and the newcomer's; none withdrawn.
  await admin.goto('/admin/agreements');
  const tallies = admin.getByRole('table', { name: kk.consents.tallies.caption });
  const versionOne = tallies.getByRole('row', { name: new RegExp(`^${kk.consents.kinds.terms}, 1-нұсқа`) });
  await expect(versionOne.getByRole('cell')).toHaveText(['3', '0']);

  // Version 2 waits for its notice period (5 s here); meanwhile the person works on.
  await publish(admin, 2);
  const published = Date.now();
  await page.goto('/agreements');
  await page.getByRole('link', { name: 'Terms v2 (kk)' }).click();
  // The upcoming version shows what changed since the one in force.
  await expect(page.getByRole('list', { name: kk.consents.diff.label })).toContainText('Version 2.');
  await expectNoAccessibilityViolations(page);
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);
  expect(Date.now() - published, 'the person worked before version 2 took effect').toBeLessThan(5_000);

  // Once it is in force, the next step of theirs is refused: the blocking page, then back.
  await expect(async () => {
    await page.goto('/notifications/preferences');
    await expect(page).toHaveURL('/agreements/accept', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 2, name: 'Terms v2 (kk)' })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await acceptOnBlockingPage(page, 2, PERSON.sign, '/notifications/preferences');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.preferences.title);

  await adminContext.close();
  expect(adminErrors).toEqual([]);
});
