// End-to-end tests: the built SPA served by the real `saulet` server, driven by Debian's
// Chromium. Nothing is downloaded: the browser is the system one (CHROMIUM_PATH), the server
// is the workspace's binary (SAULET_BIN), and the SPA is `dist/` from `npm run build`.
//
// The server trusts a demo PKI made for the run (`saulet dev-pki`), so the specs register and sign
// in with its .p12 files; it writes its emails as .eml files under `<data dir>/mail/`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = fileURLToPath(new URL('.', import.meta.url));
const staticDir = resolve(here, 'dist');
const serverBinary = resolve(here, process.env.SAULET_BIN ?? '../target/debug/saulet');
// The demo PKIs' RSA keys come from the pool the Rust tests keep (making keys is the slow part of
// a PKI; certificates and dates are made anew for every run).
const keyPool = resolve(here, process.env.SAULET_E2E_KEY_POOL ?? '../target/test-keys');
const devPkiArgs = (dataDir: string) => ['dev-pki', '--out', join(dataDir, 'dev-pki'), '--key-pool', keyPool];
const port = Number(process.env.SAULET_E2E_PORT ?? 8199);
const origin = `http://127.0.0.1:${port}`;

if (!existsSync(join(staticDir, 'index.html'))) {
  throw new Error(`No built SPA in ${staticDir}: run \`npm run build\` before \`npm run e2e\`.`);
}

if (!existsSync(serverBinary)) {
  throw new Error(`No server binary at ${serverBinary}: run \`cargo build --bin saulet\` (or set SAULET_BIN).`);
}

// A fresh data directory (SQLite database, documents, mail, the demo PKI) for every run. The
// config is also loaded by the test workers; they inherit the variable and so share the runner's
// directory (and its PKI, made once, before the server starts).
if (!process.env.SAULET_E2E_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-'));
  process.env.SAULET_E2E_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const dataDir = process.env.SAULET_E2E_DATA_DIR;

// A second server for the consents spec: publishing an agreement gates every account on its
// server until they accept it, which would break the other specs. Its own data directory and PKI,
// and a notice period of seconds, so a new version takes effect during the test.
const consentsPort = Number(process.env.SAULET_E2E_CONSENTS_PORT ?? port + 1);
const consentsOrigin = `http://127.0.0.1:${consentsPort}`;
if (!process.env.SAULET_E2E_CONSENTS_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-consents-'));
  process.env.SAULET_E2E_CONSENTS_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const consentsDataDir = process.env.SAULET_E2E_CONSENTS_DATA_DIR;

// A third for the citizen spec: its story needs three people of the demo PKI (an applicant, a
// designer they invite and a reviewer of the department), and the other specs of the main server
// register every usable identity there (each may hold one account).
const citizenPort = Number(process.env.SAULET_E2E_CITIZEN_PORT ?? port + 2);
const citizenOrigin = `http://127.0.0.1:${citizenPort}`;
if (!process.env.SAULET_E2E_CITIZEN_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-citizen-'));
  process.env.SAULET_E2E_CITIZEN_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const citizenDataDir = process.env.SAULET_E2E_CITIZEN_DATA_DIR;

// A fourth as a fresh install: it ships its agreements into force at the first start, as
// `make run` does, so its registration asks for their acceptance.
const firstStartPort = Number(process.env.SAULET_E2E_FIRST_START_PORT ?? port + 3);
const firstStartOrigin = `http://127.0.0.1:${firstStartPort}`;
if (!process.env.SAULET_E2E_FIRST_START_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-first-start-'));
  process.env.SAULET_E2E_FIRST_START_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const firstStartDataDir = process.env.SAULET_E2E_FIRST_START_DATA_DIR;

// A fifth for the back office: its story needs four people of the demo PKI (an applicant, the
// department's reviewer, the team's lead and an administrator), and the other specs of the main
// server register most of them there.
const backOfficePort = Number(process.env.SAULET_E2E_BACK_OFFICE_PORT ?? port + 4);
const backOfficeOrigin = `http://127.0.0.1:${backOfficePort}`;
if (!process.env.SAULET_E2E_BACK_OFFICE_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-back-office-'));
  process.env.SAULET_E2E_BACK_OFFICE_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const backOfficeDataDir = process.env.SAULET_E2E_BACK_OFFICE_DATA_DIR;

// A sixth for open data: its story needs decided requests (a company's permit issued, an
// individual's refused), and its register and figures must hold only what the story decided,
// whatever the other specs do.
const openDataPort = Number(process.env.SAULET_E2E_OPEN_DATA_PORT ?? port + 5);
const openDataOrigin = `http://127.0.0.1:${openDataPort}`;
if (!process.env.SAULET_E2E_OPEN_DATA_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-open-data-'));
  process.env.SAULET_E2E_OPEN_DATA_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const openDataDataDir = process.env.SAULET_E2E_OPEN_DATA_DATA_DIR;

// A seventh for the catalogue and the calendar: the administrator's edits (a permit type's
// periods, next year's holidays) would change the periods and due dates the other specs count on.
const catalogueAdminPort = Number(process.env.SAULET_E2E_CATALOGUE_PORT ?? port + 6);
const catalogueAdminOrigin = `http://127.0.0.1:${catalogueAdminPort}`;
if (!process.env.SAULET_E2E_CATALOGUE_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'saulet-e2e-catalogue-'));
  process.env.SAULET_E2E_CATALOGUE_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  execFileSync(serverBinary, devPkiArgs(created), { stdio: 'ignore' });
}
const catalogueAdminDataDir = process.env.SAULET_E2E_CATALOGUE_DATA_DIR;

/** The environment of a test server on `serverPort` over `serverDataDir`. */
function serverEnv(serverPort: number, serverDataDir: string): Record<string, string> {
  const serverOrigin = `http://127.0.0.1:${serverPort}`;
  const serverPki = join(serverDataDir, 'dev-pki');
  return {
    SAULET_SERVER__HOST: '127.0.0.1',
    SAULET_SERVER__PORT: String(serverPort),
    SAULET_DATA_DIR: serverDataDir,
    SAULET_SERVER__STATIC_DIR: staticDir,
    // Sign-ins and registrations come quickly from one address in a test run.
    SAULET_SERVER__AUTH_RATE_LIMIT: '1000',
    // The specs publish the agreements they need; none is shipped into force.
    SAULET_CONSENTS__SHIP_AGREEMENTS: 'false',
    SAULET_EDS__ANCHORS: JSON.stringify([join(serverPki, 'ca/root.pem'), join(serverPki, 'ca/issuing.pem')]),
    SAULET_EDS__CRLS: JSON.stringify([join(serverPki, 'ca/crl.pem')]),
    // Links in emails point at the test server; the default file transport writes them to
    // <data dir>/mail/, where the specs read them.
    SAULET_MAIL__PUBLIC_URL: serverOrigin,
    SAULET_MAIL__POLL_INTERVAL_MS: '100',
    // The API clients spec subscribes a receiver it runs itself, at an http:// address on
    // 127.0.0.1, and waits for its test ping to be delivered.
    SAULET_WEBHOOKS__ALLOW_INSECURE_HTTP: 'true',
    SAULET_WEBHOOKS__POLL_INTERVAL_MS: '200',
  };
}

const CONSENTS_SPEC = /consents\.spec\.ts$/;
const CITIZEN_SPEC = /citizen\.spec\.ts$/;
const FIRST_START_SPEC = /first-start\.spec\.ts$/;
const BACK_OFFICE_SPEC = /back-office\.spec\.ts$/;
const OPEN_DATA_SPEC = /open-data\.spec\.ts$/;
const CATALOGUE_ADMIN_SPEC = /catalogue-admin\.spec\.ts$/;

export default defineConfig({
  testDir: './e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: origin,
    // The browser asks for Kazakh, as most of the city's do: a first visit opens in the language
    // the browser asks for, and the specs start from Kazakh pages.
    locale: 'kk-KZ',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'main',
      testIgnore: [CONSENTS_SPEC, CITIZEN_SPEC, FIRST_START_SPEC, BACK_OFFICE_SPEC, OPEN_DATA_SPEC, CATALOGUE_ADMIN_SPEC],
    },
    { name: 'consents', testMatch: CONSENTS_SPEC, use: { baseURL: consentsOrigin } },
    { name: 'citizen', testMatch: CITIZEN_SPEC, use: { baseURL: citizenOrigin } },
    { name: 'first-start', testMatch: FIRST_START_SPEC, use: { baseURL: firstStartOrigin } },
    { name: 'back-office', testMatch: BACK_OFFICE_SPEC, use: { baseURL: backOfficeOrigin } },
    { name: 'open-data', testMatch: OPEN_DATA_SPEC, use: { baseURL: openDataOrigin } },
    { name: 'catalogue-admin', testMatch: CATALOGUE_ADMIN_SPEC, use: { baseURL: catalogueAdminOrigin } },
  ],
  webServer: [
    {
      command: `"${serverBinary}" serve`,
      url: `${origin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: serverEnv(port, dataDir),
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${consentsOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: { ...serverEnv(consentsPort, consentsDataDir), SAULET_CONSENTS__NOTICE_PERIOD_SECS: '5' },
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${citizenOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: serverEnv(citizenPort, citizenDataDir),
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${firstStartOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: { ...serverEnv(firstStartPort, firstStartDataDir), SAULET_CONSENTS__SHIP_AGREEMENTS: 'true' },
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${backOfficeOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: serverEnv(backOfficePort, backOfficeDataDir),
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${openDataOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: serverEnv(openDataPort, openDataDataDir),
    },
    {
      command: `"${serverBinary}" serve`,
      url: `${catalogueAdminOrigin}/api/v1/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stderr: 'pipe',
      env: serverEnv(catalogueAdminPort, catalogueAdminDataDir),
    },
  ],
});
