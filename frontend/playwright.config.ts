// End-to-end tests: the built SPA served by the real `saulet` server, driven by Debian's
// Chromium. Nothing is downloaded: the browser is the system one (CHROMIUM_PATH), the server
// is the workspace's binary (SAULET_BIN), and the SPA is `dist/` from `npm run build`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = fileURLToPath(new URL('.', import.meta.url));
const staticDir = resolve(here, 'dist');
const serverBinary = resolve(here, process.env.SAULET_BIN ?? '../target/debug/saulet');
const port = Number(process.env.SAULET_E2E_PORT ?? 8199);
const origin = `http://127.0.0.1:${port}`;

if (!existsSync(join(staticDir, 'index.html'))) {
  throw new Error(`No built SPA in ${staticDir}: run \`npm run build\` before \`npm run e2e\`.`);
}

// A fresh data directory (SQLite database, documents, mail) for every run. The config is also
// loaded by the test workers; they inherit the variable and so share the runner's directory.
if (!process.env.SAULET_E2E_DATA_DIR) {
  const dataDir = mkdtempSync(join(tmpdir(), 'saulet-e2e-'));
  process.env.SAULET_E2E_DATA_DIR = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: './e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: origin,
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
  webServer: {
    command: `"${serverBinary}" serve`,
    url: `${origin}/api/v1/health/ready`,
    reuseExistingServer: false,
    timeout: 60_000,
    stderr: 'pipe',
    env: {
      SAULET_SERVER__HOST: '127.0.0.1',
      SAULET_SERVER__PORT: String(port),
      SAULET_DATA_DIR: process.env.SAULET_E2E_DATA_DIR,
      SAULET_SERVER__STATIC_DIR: staticDir,
    },
  },
});
