// Accounts and signing in with the EDS, in the browser against
// the real server: registering with a demo .p12 key signed in the page, confirming the address
// from the email the server wrote, signing out and in with the password and with the EDS, and
// axe on every page of the story.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test, type Language } from './fixtures';
import { ACCOUNT_PASSWORD, KEY_PASSWORD, NCALAYER_PROBE, grantRole } from './people';
import { linkIn, waitForEmail } from './mailbox';

const kk = LOCALES.kk;

/** The demo PKI the server trusts in this run (made by playwright.config.ts). */
const users = join(process.env.SAULET_E2E_DATA_DIR ?? '', 'dev-pki', 'users');
const INDIVIDUAL = { keyFile: join(users, 'individual-auth.p12'), name: 'АСАНОВ АСАН АСАНҰЛЫ', iin: '850314301834' };
const RENEWED_KEY = join(users, 'individual-renewed-auth.p12');
const SECOND = { keyFile: join(users, 'second-individual-auth.p12'), name: 'ЖҰМАБАЕВА ГҮЛНАР ЕРЛАНҚЫЗЫ', iin: '950917406404' };
const ADMIN = { keyFile: join(users, 'admin-auth.p12'), name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ' };

async function signWithKeyFile(
  scope: ReturnType<Page['locator']> | Page,
  t: typeof kk,
  submit: string,
  keyFile = INDIVIDUAL.keyFile,
) {
  await scope.getByLabel(t.eds.file.label, { exact: true }).setInputFiles(keyFile);
  await scope.getByLabel(t.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await scope.getByRole('button', { name: submit }).click();
}

async function signOut(page: Page, t: typeof kk) {
  await page.getByRole('banner').getByRole('button', { name: t.accountMenu.signOut }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner').getByRole('link', { name: t.accountMenu.signIn })).toBeVisible();
}

/** Registers through the two steps with a demo key; the person is signed in afterwards. */
async function register(page: Page, keyFile: string, email: string) {
  await page.goto('/register');
  await signWithKeyFile(page, kk, kk.register.key.submit, keyFile);
  await page.getByLabel(kk.register.details.email).fill(email);
  await page.getByLabel(kk.register.details.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByLabel(kk.register.details.passwordRepeat).fill(ACCOUNT_PASSWORD);
  await page.getByRole('button', { name: kk.register.details.submit }).click();
  await expect(page).toHaveURL('/register/check-email');
}

/** Opens one of the account's pages (profile, security, …) from the account's navigation. */
async function openAccountPage(page: Page, t: typeof kk, name: string, path: string) {
  await page.getByRole('navigation', { name: t.account.nav.label }).getByRole('link', { name }).click();
  await expect(page).toHaveURL(path);
}

async function chooseLanguage(page: Page, from: Language, to: Language) {
  await page.getByRole('banner').getByLabel(LOCALES[from].language.label, { exact: true }).selectOption(to);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('a person registers with the EDS key file, confirms the email, and signs in with the password and with the EDS', async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(NCALAYER_PROBE);
  const email = `asan.${Date.now()}@example.kz`;

  // Registration, step 1: the key file, signed in the page.
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.register.title);
  await expect(page).toHaveTitle(`${kk.register.title} — Saulet`);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(kk.register.key.heading);
  await expectNoAccessibilityViolations(page);
  await signWithKeyFile(page, kk, kk.register.key.submit);

  // Step 2: the certificate's holder is shown; contact details and the password.
  await expect(page.getByRole('heading', { level: 2, name: kk.register.details.heading })).toBeVisible();
  await expect(page.getByText(INDIVIDUAL.name, { exact: true })).toBeVisible();
  await expect(page.getByText(INDIVIDUAL.iin, { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel(kk.register.details.email).fill(email);
  await page.getByLabel(kk.register.details.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByLabel(kk.register.details.passwordRepeat).fill(ACCOUNT_PASSWORD);
  await page.getByLabel(kk.register.details.phone).fill('+7 701 234 56 78');
  await page.getByRole('button', { name: kk.register.details.submit }).click();

  // Registered, and signed in: now confirm the address.
  await expect(page).toHaveURL('/register/check-email');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.registered.title);
  await expect(page.getByTestId('signed-in-name')).toHaveText(INDIVIDUAL.name);

  const verification = await waitForEmail(email, (message) => message.text?.includes('/verify-email?token=') ?? false);
  const link = linkIn(verification, `${new URL(page.url()).origin}/verify-email?token=`);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.verifyEmail.title);
  await expect(page.getByTestId('email-confirmed')).toHaveText(kk.verifyEmail.confirmed.replace('{{email}}', email));
  await expectNoAccessibilityViolations(page);

  // Out, and in again with the password.
  await signOut(page, kk);
  await page.getByRole('banner').getByRole('link', { name: kk.accountMenu.signIn }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.signIn.title);
  await expectNoAccessibilityViolations(page);
  const withPassword = page.getByRole('region', { name: kk.signIn.password.heading });
  await withPassword.getByLabel(kk.signIn.password.login).fill(email);
  await withPassword.getByLabel(kk.signIn.password.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await withPassword.getByRole('button', { name: kk.signIn.password.submit }).click();

  await expect(page).toHaveURL('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.account.title);
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await expect(page.getByTestId('account-email-state')).toHaveText(kk.account.identity.emailConfirmed);
  await expectNoAccessibilityViolations(page);
  await openAccountPage(page, kk, kk.account.nav.security, '/account/security');
  await expect(page.getByText(kk.account.sessions.byPassword)).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // Out, and in again with the EDS key file.
  await signOut(page, kk);
  await page.goto('/login');
  await signWithKeyFile(page.getByRole('region', { name: kk.signIn.eds.heading }), kk, kk.signIn.eds.submit);

  await expect(page).toHaveURL('/account');
  await expect(page.getByTestId('account-name')).toHaveText(INDIVIDUAL.name);
  await expect(page.getByTestId('signed-in-name')).toHaveText(INDIVIDUAL.name);
  await openAccountPage(page, kk, kk.account.nav.security, '/account/security');
  const current = page.getByRole('listitem').filter({ hasText: kk.account.sessions.current });
  await expect(current).toContainText(kk.account.sessions.byEds);
  await expectNoAccessibilityViolations(page);

  // A reload keeps the session: the refresh cookie restores it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.account.title);
  await expect(page.getByTestId('signed-in-name')).toHaveText(INDIVIDUAL.name);

  // A new phone number, kept in the history of changes.
  await openAccountPage(page, kk, kk.account.nav.profile, '/account');
  const contacts = page.getByRole('region', { name: kk.account.profile.heading });
  await contacts.getByLabel(kk.account.profile.phone).fill('+7 702 000 11 22');
  await contacts.getByRole('button', { name: kk.account.profile.save }).click();
  await expect(contacts.getByText(kk.account.profile.saved)).toBeVisible();
  await openAccountPage(page, kk, kk.account.nav.security, '/account/security');
  const history = page.getByRole('region', { name: kk.account.history.heading });
  await expect(history.getByRole('cell', { name: '+7 702 000 11 22' })).toBeVisible();

  // The renewed certificate of the same person, bound with a challenge signed by its key.
  const renewal = page.getByRole('region', { name: kk.account.certificate.heading });
  await signWithKeyFile(renewal, kk, kk.account.certificate.submit, RENEWED_KEY);
  await expect(renewal.getByRole('status')).toHaveText(kk.account.certificate.bound.replace('{{name}}', INDIVIDUAL.name));
  await expect(history.getByRole('cell', { name: kk.account.history.fields.certificate })).toBeVisible();

  // The account page in the other languages.
  await chooseLanguage(page, 'kk', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LOCALES.ru.account.title);
  await expectNoAccessibilityViolations(page);
  await chooseLanguage(page, 'ru', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LOCALES.en.account.title);
  await expectNoAccessibilityViolations(page);

  // Closing the account, on its own page: the password again, and a tick.
  const en = LOCALES.en;
  await openAccountPage(page, en, en.account.nav.close, '/account/close');
  await expectNoAccessibilityViolations(page);
  const closing = page.getByRole('region', { name: en.account.close.heading });
  await closing.getByLabel(en.account.close.password).fill(ACCOUNT_PASSWORD);
  await closing.getByLabel(en.account.close.confirm).check();
  await closing.getByRole('button', { name: en.account.close.submit }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner').getByRole('link', { name: en.accountMenu.signIn })).toBeVisible();
});

for (const language of ['ru', 'en'] as const) {
  const t = LOCALES[language];

  test(`in ${language}: the registration and sign-in pages are translated and accessible`, async ({
    page,
    consoleErrors,
  }) => {
    consoleErrors.allow(NCALAYER_PROBE);
    await page.goto('/register');
    await chooseLanguage(page, 'kk', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.register.title);
    await expect(page).toHaveTitle(`${t.register.title} — Saulet`);
    await expectNoAccessibilityViolations(page);

    await page.getByRole('banner').getByRole('link', { name: t.accountMenu.signIn }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.signIn.title);
    await expect(page.getByRole('heading', { level: 2, name: t.signIn.eds.heading })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
}

test('a wrong key-file password is caught in the browser and shown at its field', async ({ page, consoleErrors }) => {
  consoleErrors.allow(NCALAYER_PROBE);
  await page.goto('/login');
  const withEds = page.getByRole('region', { name: kk.signIn.eds.heading });
  await withEds.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(INDIVIDUAL.keyFile);
  await withEds.getByLabel(kk.eds.password.label, { exact: true }).fill('not-the-password');
  await withEds.getByRole('button', { name: kk.signIn.eds.submit }).click();

  const password = withEds.getByLabel(kk.eds.password.label, { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(new RegExp(kk.eds.errors['wrong-password']));
  await expect(password).toBeFocused();
  await expectNoAccessibilityViolations(page);
});

test('the SIGN key file is refused in step 1 of registration and at sign-in, naming the AUTH file', async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(NCALAYER_PROBE);
  const signKey = join(users, 'individual-sign.p12');
  const registrations: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/accounts')) registrations.push(request.url());
  });

  await page.goto('/register');
  await page.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(signKey);
  // Its name already says it: a warning at once.
  await expect(page.getByTestId('key-file-warning')).toHaveText(kk.eds.keyFile.looksLikeSign);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: kk.register.key.submit }).click();
  // The certificate says it too, before the second step.
  await expect(page.getByRole('alert')).toHaveText(kk.eds.errors['not-auth-key']);
  await expect(page.getByRole('heading', { level: 2, name: kk.register.key.heading })).toBeVisible();
  await expect(page.getByLabel(kk.register.details.email)).toHaveCount(0);
  await expect(page.getByRole('link', { name: kk.eds.help.getEds })).toHaveAttribute('href', '/help#get-eds');
  await expectNoAccessibilityViolations(page);

  await page.goto('/login');
  const withEds = page.getByRole('region', { name: kk.signIn.eds.heading });
  await withEds.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(signKey);
  await withEds.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await withEds.getByRole('button', { name: kk.signIn.eds.submit }).click();
  await expect(withEds.getByRole('alert')).toHaveText(kk.eds.errors['not-auth-key']);
  expect(registrations).toEqual([]);
});

test('the account page sends a visitor to sign in', async ({ page, consoleErrors }) => {
  consoleErrors.allow(NCALAYER_PROBE);
  await page.goto('/account');
  await expect(page).toHaveURL('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.signIn.title);
});

test('an administrator finds an account, verifies it, blocks and unblocks it with a reason, and reads the audit log', async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(NCALAYER_PROBE);
  const stamp = Date.now();
  const applicantEmail = `gulnar.${stamp}@example.kz`;
  const adminEmail = `dauren.${stamp}@example.kz`;
  await register(page, SECOND.keyFile, applicantEmail);
  await signOut(page, kk);
  await register(page, ADMIN.keyFile, adminEmail);
  grantRole(adminEmail, 'admin');

  // The role arrives with the next token: a reload renews the session.
  await page.reload();
  await page.getByRole('banner').getByRole('link', { name: kk.accountMenu.admin }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.admin.accounts.title);
  await page.getByLabel(kk.admin.search.query).fill(SECOND.iin);
  await page.getByRole('button', { name: kk.admin.search.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: kk.admin.search.shown.replace('{{count}}', '1') })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole('link', { name: SECOND.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SECOND.name);
  await expectNoAccessibilityViolations(page);

  await page.getByRole('button', { name: kk.admin.verify.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: kk.verification.verified })).toBeVisible();

  // Blocking needs a reason, asked in a dialog.
  await page.getByRole('button', { name: kk.admin.decisions.block.action }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: kk.admin.decisions.block.action }).click();
  await expect(dialog.getByLabel(kk.admin.reason.label)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAccessibilityViolations(page);
  await dialog.getByLabel(kk.admin.reason.label).fill('Сынақ: куәлік иесінің шағымы');
  await dialog.getByRole('button', { name: kk.admin.decisions.block.action }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(kk.admin.decisions.block.done)).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: kk.statuses.blocked })).toBeVisible();

  await page.getByRole('button', { name: kk.admin.decisions.unblock.action }).click();
  await page.getByRole('dialog').getByLabel(kk.admin.reason.label).fill('Сынақ аяқталды');
  await page.getByRole('dialog').getByRole('button', { name: kk.admin.decisions.unblock.action }).click();
  await expect(page.getByText(kk.admin.decisions.unblock.done)).toBeVisible();

  const accountAudit = page.getByRole('region', { name: kk.admin.audit.forAccount });
  await expect(accountAudit.getByRole('row')).toHaveCount(4);
  await expect(accountAudit.getByRole('cell', { name: 'Сынақ: куәлік иесінің шағымы' })).toBeVisible();

  await page.getByRole('navigation', { name: kk.admin.nav.label }).getByRole('link', { name: kk.admin.nav.audit }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.admin.audit.title);
  await expect(page.getByRole('cell', { name: 'Сынақ аяқталды' })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
