// The demo PKI's people in the browser tests: registering one with a key file, and giving an
// account a role with the server's own command, as an operator would.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect } from './fixtures';

const kk = LOCALES.kk;

/** The password of every key file `saulet dev-pki` makes. */
export const KEY_PASSWORD = 'Qwerty12';
/** The account password the specs register with (it passes the password policy). */
export const ACCOUNT_PASSWORD = 'Көктем-қаласы-2026';
/**
 * Every signing form looks for NCALayer at its local address, which nothing answers here;
 * Chromium logs the refused connection as a console error.
 */
export const NCALAYER_PROBE = /wss:\/\/127\.0\.0\.1:13579/;

/** Registers through the two steps with a demo key file (in Kazakh, the default language). */
export async function register(page: Page, keyFile: string, email: string) {
  await page.goto('/register');
  await page.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(keyFile);
  await page.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await page.getByRole('button', { name: kk.register.key.submit }).click();
  await page.getByLabel(kk.register.details.email).fill(email);
  await page.getByLabel(kk.register.details.password, { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByLabel(kk.register.details.passwordRepeat).fill(ACCOUNT_PASSWORD);
  await page.getByRole('button', { name: kk.register.details.submit }).click();
  await expect(page).toHaveURL('/register/check-email');
}

/** `saulet accounts grant-role` against the database of the test server over `dataDir`. */
export function grantRole(
  email: string,
  role: 'admin' | 'reviewer',
  dataDir = process.env.SAULET_E2E_DATA_DIR,
) {
  const binary = resolve(process.env.SAULET_BIN ?? '../target/debug/saulet');
  execFileSync(binary, ['accounts', 'grant-role', '--email', email, '--role', role], {
    env: { ...process.env, SAULET_DATA_DIR: dataDir },
    stdio: 'ignore',
  });
}
