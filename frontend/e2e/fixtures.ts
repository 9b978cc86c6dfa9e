// Shared fixtures of the end-to-end tests.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import en from '../src/i18n/locales/en.json' with { type: 'json' };
import kk from '../src/i18n/locales/kk.json' with { type: 'json' };
import ru from '../src/i18n/locales/ru.json' with { type: 'json' };

export const LOCALES = { kk, ru, en } as const;
export type Language = keyof typeof LOCALES;

/** Console errors a test expects, e.g. the browser's note on a 503 the test provokes. */
export interface ConsoleErrors {
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  // Every test fails if the page logged an error: a Content-Security-Policy violation, a failed
  // request (a missing asset or favicon) or an uncaught exception all show up here.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use({ allow: (pattern) => allowed.push(pattern) });
      const unexpected = errors.filter((error) => !allowed.some((pattern) => pattern.test(error)));
      expect(unexpected, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Runs axe over the whole page and expects no violation at all. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((violation) => {
    const where = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    return `${violation.id}: ${violation.help} (${where})`;
  });
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
