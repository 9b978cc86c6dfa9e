// A fresh install, against a server of its own that ships its agreements (the
// `first-start` project in playwright.config.ts): the user agreement and the personal-data
// consent are in force from the first start, so registration shows both and takes their
// acceptance, signed with the SIGN key, before the account exists. The browser asks for English:
// the first visit opens in English. On the first page the words are those of a first acceptance,
// not of "a new version".
import { join } from 'node:path';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { ACCOUNT_PASSWORD, KEY_PASSWORD, NCALAYER_PROBE } from './people';

const en = LOCALES.en;

const dataDir = process.env.SAULET_E2E_FIRST_START_DATA_DIR ?? '';
const users = join(dataDir, 'dev-pki', 'users');
const PERSON = { auth: join(users, 'individual-auth.p12'), sign: join(users, 'individual-sign.p12') };

/** The titles of the shipped documents (api/agreements/titles.json). */
const TERMS_TITLE = 'Agreement on the Use of the Internet Resource "Elektrondyq Säulet" (User Agreement)';
const CONSENT_TITLE = 'Consent to the Collection and Processing of Personal Data';

test.use({ locale: 'en-GB' });

test('on a first start the shipped agreement and consent are in force and registration takes their signed acceptance', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  consoleErrors.allow(NCALAYER_PROBE);

  // The agreements page lists both, in force, in the browser's language.
  await page.goto('/agreements');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: TERMS_TITLE })).toBeVisible();
  await expect(page.getByRole('link', { name: CONSENT_TITLE })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // Registration: the AUTH key, then both documents to accept with the SIGN key.
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 2, name: en.register.key.headingOfThree })).toBeVisible();
  await page.getByLabel(en.eds.file.label, { exact: true }).setInputFiles(PERSON.auth);
  await page.getByLabel(en.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: en.register.key.submit }).click();
  await expect(page.getByRole('heading', { level: 2, name: en.register.consents.heading })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: TERMS_TITLE })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: CONSENT_TITLE })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel(en.eds.signKey.label, { exact: true }).setInputFiles(PERSON.sign);
  await page.getByLabel(en.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: en.register.consents.submit }).click();
  await expect(page.getByRole('heading', { level: 2, name: en.register.details.headingOfThree })).toBeVisible();
  await page.getByLabel(en.register.details.email).fill(`aliya.${Date.now()}@example.kz`);
  await page.getByLabel(en.register.details.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByLabel(en.register.details.passwordRepeat).fill(ACCOUNT_PASSWORD);
  const registration = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/accounts') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: en.register.details.submit }).click();
  expect((await registration).status()).toBe(201);
  await expect(page).toHaveURL('/register/check-email');

  // Accepted at registration: nothing blocks the new account, and its consents list both.
  await page.goto('/account/consents');
  await expect(page).toHaveURL('/account/consents');
  await expect(page.getByText(TERMS_TITLE).first()).toBeVisible();
  await expect(page.getByText(CONSENT_TITLE).first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
