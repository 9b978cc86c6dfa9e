// Notifications in the browser against the real server: a signed-in
// person's bell at 0; an administrator, in a second browser, publishes an announcement; the
// person's bell rises to 1 live (no reload) and the banner shows it; the person opens the inbox,
// marks the notice read and the bell falls to 0. Axe on the inbox, the preferences and the
// announcement editor.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { NCALAYER_PROBE, grantRole, register } from './people';

const kk = LOCALES.kk;

/** The demo PKI the server trusts in this run (made by playwright.config.ts). */
const users = join(process.env.SAULET_E2E_DATA_DIR ?? '', 'dev-pki', 'users');
// Keys no other spec registers: each identity (IIN and BIN) may hold one account. (The permits
// spec registers `employee` and `reviewer`; only the reviewer's BIN is the department's.)
const PERSON_KEY = join(users, 'water-engineer-auth.p12');
const ADMIN_KEY = join(users, 'power-engineer-auth.p12');

const bellNamed = (page: Page, count: number) =>
  page.getByRole('banner').getByRole('link', {
    name: kk.notifications.bell.labelWithCount.replace('{{count}}', String(count)),
    exact: true,
  });

test('an announcement reaches a signed-in person live: the bell, the banner and the inbox', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  consoleErrors.allow(NCALAYER_PROBE);
  const stamp = Date.now();
  const personEmail = `dinara.${stamp}@example.kz`;
  const adminEmail = `aigul.${stamp}@example.kz`;
  const title = { kk: `Жаңа қызмет ${stamp}`, ru: `Новая услуга ${stamp}`, en: `A new service ${stamp}` };
  const body = {
    kk: 'Енді рұқсаттарды онлайн алуға болады.',
    ru: 'Теперь разрешения можно получить онлайн.',
    en: 'Permits can now be obtained online.',
  };

  // The person, signed in after registering: the bell at 0.
  await register(page, PERSON_KEY, personEmail);
  await expect(bellNamed(page, 0)).toBeVisible();

  // The administrator, in a browser of their own.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminErrors: string[] = [];
  admin.on('console', (message) => {
    if (message.type() === 'error' && !NCALAYER_PROBE.test(message.text())) adminErrors.push(message.text());
  });
  await register(admin, ADMIN_KEY, adminEmail);
  grantRole(adminEmail, 'admin');
  // The role arrives with the next token: a reload renews the session.
  await admin.reload();
  await admin.getByRole('banner').getByRole('link', { name: kk.accountMenu.admin }).click();
  await admin
    .getByRole('navigation', { name: kk.admin.nav.label })
    .getByRole('link', { name: kk.admin.nav.announcements })
    .click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(kk.announcements.editor.pageTitle);
  await expect(admin).toHaveTitle(`${kk.announcements.editor.pageTitle} — Saulet`);
  await expectNoAccessibilityViolations(admin);

  // Submitting with nothing written shows the fields to fill.
  await admin.getByRole('button', { name: kk.announcements.editor.submit }).click();
  const titleKk = admin.getByLabel(kk.announcements.editor.title.replace('{{language}}', 'Қазақша'));
  await expect(titleKk).toHaveAttribute('aria-invalid', 'true');
  await expect(titleKk).toBeFocused();

  // Written in the three languages, previewed in each.
  const autonyms = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;
  for (const language of ['kk', 'ru', 'en'] as const) {
    await admin.getByLabel(kk.announcements.editor.title.replace('{{language}}', autonyms[language])).fill(title[language]);
    await admin.getByLabel(kk.announcements.editor.body.replace('{{language}}', autonyms[language])).fill(body[language]);
    await expect(admin.getByTestId(`preview-${language}`)).toContainText(title[language]);
  }
  await expect(admin.getByTestId('preview-en')).toContainText(`${LOCALES.en.announcements.kinds.info}: ${title.en}`);
  await expectNoAccessibilityViolations(admin);
  await admin.getByRole('button', { name: kk.announcements.editor.submit }).click();
  await expect(
    admin.getByRole('status').filter({ hasText: kk.announcements.editor.published.replace('{{title}}', title.kk) }),
  ).toBeVisible();

  // The person's bell rises live, without a reload, and the banner shows the announcement.
  await expect(bellNamed(page, 1)).toBeVisible({ timeout: 15_000 });
  const banner = page.getByRole('complementary', { name: kk.announcements.label });
  await expect(banner).toContainText(`${kk.announcements.kinds.info}: ${title.kk}`);
  await expect(banner).toContainText(body.kk);

  // The inbox: the notice, unread; marked read, the bell falls to 0.
  await bellNamed(page, 1).click();
  await expect(page).toHaveURL('/notifications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.inbox.title);
  const notice = page.getByTestId('notification').filter({ hasText: title.kk });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(kk.notifications.inbox.unread);
  await expectNoAccessibilityViolations(page);
  await notice.getByRole('button', { name: `${kk.notifications.inbox.markRead}: ${title.kk}` }).click();
  await expect(bellNamed(page, 0)).toBeVisible();
  await expect(notice).not.toContainText(kk.notifications.inbox.unread);

  // "Unread only" now shows none.
  await page.getByLabel(kk.notifications.inbox.unreadOnly).check();
  await expect(page.getByText(kk.notifications.inbox.emptyUnread)).toBeVisible();

  // The preferences: mandatory categories on and locked.
  await page.getByRole('link', { name: kk.notifications.inbox.preferencesLink }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notifications.preferences.title);
  const securityEmail = page.getByRole('checkbox', {
    name: `${kk.notifications.categories.security}: ${kk.notifications.channels.email}`,
  });
  await expect(securityEmail).toBeChecked();
  await expect(securityEmail).toBeDisabled();
  const announcementsEmail = page.getByRole('checkbox', {
    name: `${kk.notifications.categories.announcements}: ${kk.notifications.channels.email}`,
  });
  await announcementsEmail.uncheck();
  await page.getByRole('button', { name: kk.notifications.preferences.save }).click();
  await expect(page.getByRole('status').filter({ hasText: kk.notifications.preferences.saved })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.reload();
  await expect(announcementsEmail).not.toBeChecked();

  // The banner can be hidden for the session.
  await page.getByRole('button', { name: `${kk.announcements.dismiss}: ${title.kk}` }).click();
  await expect(page.getByRole('complementary', { name: kk.announcements.label })).toHaveCount(0);

  await adminContext.close();
  expect(adminErrors, 'console errors in the administrator\'s browser').toEqual([]);
});
