// The SPA shell as a visitor meets it, served by the real `saulet` server: the three pages in
// each interface language, the footer help link on every page, accessibility (axe),
// the status page against the live API, unknown addresses, and the API documentation.
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test, type Language } from './fixtures';

const kk = LOCALES.kk;

async function expectFooterHelpLink(page: Page, language: Language) {
  const link = page.getByRole('contentinfo').getByRole('link', { name: LOCALES[language].footer.help });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', '/help');
}

for (const language of ['kk', 'ru', 'en'] as const) {
  const t = LOCALES[language];

  test(`in ${language}: home, help and status are translated, linked to help and accessible`, async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.home.heading);

    // Choose the language with the visible switcher (labelled in the current language: Kazakh).
    await page.getByLabel(kk.language.label).selectOption(language);

    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.home.heading);
    await expect(page).toHaveTitle(`${t.home.title} — Saulet`);
    await expect(page.getByLabel(t.language.label)).toHaveValue(language);
    await expectFooterHelpLink(page, language);
    await expectNoAccessibilityViolations(page);

    // To the help page through the main navigation.
    await page.getByRole('navigation', { name: t.nav.label }).getByRole('link', { name: t.nav.help }).click();
    await expect(page).toHaveURL('/help');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.help.title);
    await expect(page.getByRole('heading', { level: 2, name: t.help.register.heading })).toBeVisible();
    await expect(page).toHaveTitle(`${t.help.title} — Saulet`);
    await expectFooterHelpLink(page, language);
    await expectNoAccessibilityViolations(page);

    // A fresh page load keeps the chosen language; the status page checks the live API.
    await page.goto('/status');
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.status.title);
    await expect(page).toHaveTitle(`${t.status.title} — Saulet`);
    await expect(page.getByRole('status')).toHaveText(t.status.summary.ok);
    await expectFooterHelpLink(page, language);
    await expectNoAccessibilityViolations(page);
  });
}

test('the status page shows the API as healthy, database included', async ({ page }) => {
  const probes = [
    page.waitForResponse('**/api/v1/health/live'),
    page.waitForResponse('**/api/v1/health/ready'),
  ];
  await page.goto('/status');
  for (const response of await Promise.all(probes)) expect(response.status()).toBe(200);

  await expect(page.getByRole('status')).toHaveText(kk.status.summary.ok);
  const readiness = page.locator('.probe', { hasText: kk.status.probes.ready });
  await expect(readiness.getByText(kk.status.components.database)).toBeVisible();
  await expect(readiness.getByText(kk.status.state.ok)).toHaveCount(2);

  await page.getByRole('button', { name: kk.status.refresh }).click();
  await expect(page.getByRole('status')).toHaveText(kk.status.summary.ok);
});

test('the status page says clearly when the API is not ready or cannot be reached', async ({
  page,
  consoleErrors,
}) => {
  // The real server is healthy; the browser is made to see it otherwise.
  consoleErrors.allow(/status of 503|net::ERR_FAILED/);
  await page.route('**/api/v1/health/ready', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'The database is unreachable',
        request_id: '01936a52-3c4e-7d2a-9a53-1f0c2b9d4e11',
      }),
    }),
  );
  await page.goto('/status');

  await expect(page.getByRole('status')).toHaveText(kk.status.summary.notReady);
  const readiness = page.locator('.probe', { hasText: kk.status.probes.ready });
  await expect(readiness.getByText(kk.status.state.notReady)).toBeVisible();
  await expect(readiness.getByText('The database is unreachable')).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.route('**/api/v1/health/**', (route) => route.abort('failed'));
  await page.getByRole('button', { name: kk.status.refresh }).click();

  await expect(page.getByRole('status')).toHaveText(kk.status.summary.unreachable);
  await expect(page.getByText(kk.status.state.unreachable)).toHaveCount(2);
  await expectNoAccessibilityViolations(page);
});

test('an unknown address shows the not-found page inside the site frame', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(200);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.notFound.title);
  await expect(page).toHaveTitle(`${kk.notFound.title} — Saulet`);
  await expectFooterHelpLink(page, 'kk');
  await expectNoAccessibilityViolations(page);

  await page.getByRole('link', { name: kk.notFound.home }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.home.heading);
});

test('the skip link is the first stop for keyboard users and leads to the main content', async ({
  page,
}) => {
  await page.goto('/help');
  // The page must have rendered before the first key press, as it has for a person.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kk.help.title);
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: kk.skipLink });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the footer links to the API documentation, where Swagger UI shows the Saulet API', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: kk.footer.apiDocs }).click();

  await expect(page).toHaveURL(/\/docs\/?/);
  await expect(page.getByText('Saulet API').first()).toBeVisible();
});
