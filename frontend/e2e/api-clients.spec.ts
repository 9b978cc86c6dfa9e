// API clients and their webhooks (docs/integrators.md) in the browser against the real server: the
// head of a company registers, signs in again with the organisation's EDS (issuing credentials
// needs it), opens Account → API clients and registers a client, whose secret is shown and copied
// once and is gone after a reload. Then a webhook to a receiver the test runs itself (an http://
// address on 127.0.0.1, which this test server allows), a test ping, and the delivery log read
// again until the server's worker has delivered it; the receiver got it with the Standard
// Webhooks headers, signed with the webhook's secret. Axe on the page at each step.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOCALES, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { KEY_PASSWORD, NCALAYER_PROBE, register } from './people';

const kk = LOCALES.kk;
const a = kk.apiClients;
const w = a.webhooks;

/** The demo PKI the server trusts in this run (made by playwright.config.ts). */
const users = join(process.env.SAULET_E2E_DATA_DIR ?? '', 'dev-pki', 'users');
// The company's head: a legal entity's representative, whose key no other spec registers (each
// identity may hold one account).
const HEAD = { auth: join(users, 'head-auth.p12'), name: 'ТОҚТАРОВ ЕРЛАН МАРАТҰЛЫ' };

/** A request the receiver got. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 at a free port: answers 200 to everything, and keeps what came. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/saulet-hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        // The server's HTTP client may keep its connection open: close it too.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Standard Webhooks signature: HMAC-SHA256 over `<id>.<timestamp>.<body>` with the secret's bytes. */
function signature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

async function signInWithEds(page: Page, keyFile: string) {
  await page.goto('/login');
  const withEds = page.getByRole('region', { name: kk.signIn.eds.heading });
  await withEds.getByLabel(kk.eds.file.label, { exact: true }).setInputFiles(keyFile);
  await withEds.getByLabel(kk.eds.password.label, { exact: true }).fill(KEY_PASSWORD);
  await withEds.getByRole('button', { name: kk.signIn.eds.submit }).click();
  await expect(page).toHaveURL('/account');
}

test('a company registers an API client, sees its secret once, and gets a test ping at its webhook receiver', async ({
  page,
  context,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  consoleErrors.allow(NCALAYER_PROBE);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const receiver = await startReceiver();
  try {
    const stamp = Date.now();
    const clientName = `ERP ${stamp}`;

    // Registered (which signs in with the password), then in again with the organisation's EDS.
    await register(page, HEAD.auth, `erlan.${stamp}@example.kz`);
    await page.getByRole('banner').getByRole('button', { name: kk.accountMenu.signOut }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: kk.accountMenu.signIn })).toBeVisible();
    await signInWithEds(page, HEAD.auth);
    await expect(page.getByTestId('signed-in-name')).toHaveText(HEAD.name);

    // Account → API clients.
    await page.getByRole('link', { name: kk.account.apiClients.link }).click();
    await expect(page).toHaveURL('/account/api-clients');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(a.title);
    await expect(page.getByTestId('api-clients-empty')).toBeVisible();
    await expectNoAccessibilityViolations(page);

    // A client with a secret: shown once, copied.
    const form = page.getByTestId('api-client-form');
    await form.getByLabel(a.form.name).fill(clientName);
    await form.getByRole('checkbox', { name: a.scopes.permitsRead.label }).check();
    await form.getByRole('checkbox', { name: a.scopes.webhooksManage.label }).check();
    await form.getByRole('button', { name: a.form.submit }).click();

    const issued = page.getByTestId('api-client-secret');
    await expect(issued).toBeFocused();
    await expect(issued.getByTestId('api-client-secret-warning')).toHaveText(a.issued.warning);
    const secret = (await issued.getByTestId('api-client-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^\S{20,}$/);
    await expectNoAccessibilityViolations(page);
    await issued.getByRole('button', { name: a.copy.secret }).click();
    await expect(issued.getByText(a.copy.done)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // After a reload the secret is nowhere: the server keeps only its hash.
    await page.reload();
    const row = page.getByTestId('api-client-row').filter({ hasText: clientName });
    await expect(row).toHaveAttribute('data-status', 'active');
    await expect(page.getByTestId('api-client-secret')).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    // A webhook to the test's receiver, for status changes; its signing secret, shown once.
    const toggle = row.getByRole('button', { name: `${w.toggle} (${clientName})` });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const webhooks = row.getByRole('region', { name: w.heading });
    await expect(webhooks.getByTestId('webhooks-empty')).toBeVisible();
    const hookForm = webhooks.getByTestId('webhook-form');
    await hookForm.getByLabel(w.form.url).fill(receiver.url);
    await hookForm.getByRole('checkbox', { name: w.eventTypes.statusChanged.label }).check();
    await hookForm.getByRole('button', { name: w.form.submit }).click();

    const signing = webhooks.getByTestId('webhook-secret');
    await expect(signing).toBeFocused();
    await expect(signing.getByRole('heading', { name: fill(w.secret.createdHeading, { url: receiver.url }) })).toBeVisible();
    await expect(signing.getByTestId('webhook-secret-warning')).toHaveText(w.secret.warning);
    const signingSecret = (await signing.getByTestId('webhook-secret-value').textContent()) ?? '';
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const hook = webhooks.getByTestId('webhook-row');
    await expect(hook.getByTestId('webhook-url')).toHaveText(receiver.url);
    await expect(hook.getByTestId('webhook-state')).toHaveText(w.list.enabled);
    await expectNoAccessibilityViolations(page);
    await signing.getByRole('button', { name: w.secret.dismiss }).click();
    await expect(page.getByText(signingSecret)).toHaveCount(0);

    // A test ping: pending in the log at first, delivered once the server's worker has sent it.
    await hook.getByRole('button', { name: `${w.actions.ping} (${receiver.url})` }).click();
    await expect(hook.getByText(w.pinged)).toBeVisible();
    const log = hook.getByTestId('webhook-log');
    const ping = log.getByTestId('webhook-delivery').first();
    await expect(ping).toContainText(w.eventTypes.ping);
    await expect(async () => {
      await log.getByRole('button', { name: w.log.refresh }).click();
      await expect(ping).toHaveAttribute('data-status', 'delivered', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(ping.getByTestId('webhook-delivery-status')).toHaveText(w.log.statuses.delivered);
    await expect(ping).toContainText(fill(w.log.httpStatus, { status: 200 }));
    await expectNoAccessibilityViolations(page);

    // The receiver got it: a POST with the Standard Webhooks headers, signed with the secret.
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/saulet-hook');
    const id = String(got?.headers['webhook-id'] ?? '');
    const timestamp = String(got?.headers['webhook-timestamp'] ?? '');
    const signatures = String(got?.headers['webhook-signature'] ?? '');
    expect(id).not.toBe('');
    expect(timestamp).toMatch(/^\d+$/);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    expect(signatures.split(' ')).toContain(signature(signingSecret, id, timestamp, got?.body ?? ''));
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ type: 'webhook.ping' });
  } finally {
    await receiver.close();
  }
});
