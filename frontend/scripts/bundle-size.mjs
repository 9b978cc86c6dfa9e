// The JavaScript a visitor's browser must fetch before the home page shows: the entry chunk of
// the Vite build and every chunk it imports statically (which index.html preloads), but none it
// imports dynamically (the other pages, the EDS signing code: fetched when needed). Prints the
// figure on one line, as JSON, and fails when its gzipped size is above the budget, so a change
// that pulls a page back into the first download is caught before it ships.
//
//   npm run build && npm run size
//
// The budget is 150 KB (153600 bytes) gzipped; SAULET_JS_BUDGET (bytes) overrides it. The build
// directory is `dist` unless given as the first argument. Reads Vite's manifest
// (`build.manifest` in vite.config.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

const DEFAULT_BUDGET = 150 * 1024;

function fail(message) {
  console.error(`bundle-size: ${message}`);
  process.exit(2);
}

const dist = process.argv[2] ?? 'dist';
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) fail(`${manifestPath} not found: run \`npm run build\` first`);

const budgetSetting = process.env.SAULET_JS_BUDGET;
const budget = budgetSetting === undefined || budgetSetting === '' ? DEFAULT_BUDGET : Number(budgetSetting);
if (!Number.isInteger(budget) || budget <= 0) fail(`SAULET_JS_BUDGET must be a whole number of bytes, not "${budgetSetting}"`);

/** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) fail(`expected one entry chunk in the manifest, found ${entries.length}`);
const [entryKey] = entries[0];

// The entry and its static imports, transitively; each chunk once.
const initial = new Set();
const pending = [entryKey];
while (pending.length > 0) {
  const key = pending.pop();
  if (initial.has(key)) continue;
  const chunk = manifest[key];
  if (!chunk) fail(`the manifest names ${key} but has no entry for it`);
  initial.add(key);
  pending.push(...(chunk.imports ?? []));
}

const files = [...initial].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file));
  raw += bytes.length;
  // Each chunk is a separate response, compressed on its own.
  gzip += gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
}

const withinBudget = gzip <= budget;
console.log(
  JSON.stringify({
    page: 'home',
    entry: entryKey,
    chunks: files.length,
    raw_bytes: raw,
    gzip_bytes: gzip,
    gzip_kb: Math.round((gzip / 1024) * 10) / 10,
    budget_bytes: budget,
    within_budget: withinBudget,
  }),
);
if (!withinBudget) {
  console.error(`bundle-size: the home page's initial JavaScript is ${gzip} bytes gzipped, over the budget of ${budget}`);
  process.exit(1);
}
