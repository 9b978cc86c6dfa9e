// The JavaScript a visitor's browser must fetch before the home page shows: the entry chunk of
// the Vite build and every chunk it imports statically (which index.html preloads), plus the
// chunk of one interface language (src/i18n/locales/*.json, imported dynamically by the initial
// chunks: main.tsx renders only once the first language's translations have arrived), counted at
// the largest of them, as a visitor may be shown any. Nothing else imported dynamically counts
// (the other pages, the EDS signing code: fetched when needed). Prints the figure on one line, as
// JSON, naming the language chunk counted, and fails when its gzipped size is above the budget,
// so a change that pulls a page back into the first download is caught before it ships.
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

/** @type {Record<string, { file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) fail(`expected one entry chunk in the manifest, found ${entries.length}`);
const [entryKey] = entries[0];

/** `key` and the chunks it imports statically, transitively; each chunk once. */
function withStaticImports(key) {
  const found = new Set();
  const pending = [key];
  while (pending.length > 0) {
    const next = pending.pop();
    if (found.has(next)) continue;
    const chunk = manifest[next];
    if (!chunk) fail(`the manifest names ${next} but has no entry for it`);
    found.add(next);
    pending.push(...(chunk.imports ?? []));
  }
  return found;
}

/** Each chunk is a separate response, compressed on its own. */
function sizes(keys) {
  let raw = 0;
  let gzip = 0;
  const files = [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  }
  return { files, raw, gzip };
}

const initial = withStaticImports(entryKey);

// The language chunks: the translation files the initial chunks import dynamically.
const LOCALE = /(^|\/)i18n\/locales\/([^/]+)\.json$/;
const localeKeys = [...new Set([...initial].flatMap((key) => manifest[key].dynamicImports ?? []))].filter((key) =>
  LOCALE.test(manifest[key]?.src ?? key),
);
if (localeKeys.length === 0) fail('found no language chunk (src/i18n/locales/*.json) among the dynamic imports of the initial chunks');

// The largest language, with whatever it imports that the initial chunks do not already bring.
const languages = localeKeys
  .map((key) => {
    const extra = [...withStaticImports(key)].filter((k) => !initial.has(k));
    return { key, language: LOCALE.exec(manifest[key].src ?? key)[2], ...sizes(extra) };
  })
  .sort((a, b) => b.gzip - a.gzip || b.raw - a.raw);
const language = languages[0];

const base = sizes(initial);
const files = [...base.files, ...language.files];
const raw = base.raw + language.raw;
const gzip = base.gzip + language.gzip;

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
    language: language.language,
    language_chunk: manifest[language.key].file,
    language_gzip_bytes: language.gzip,
    languages: Object.fromEntries(languages.map((l) => [l.language, l.gzip])),
    initial_gzip_bytes: base.gzip,
  }),
);
if (!withinBudget) {
  console.error(
    `bundle-size: the home page's initial JavaScript is ${gzip} bytes gzipped (${base.gzip} for the entry and ` +
      `its static imports, ${language.gzip} for the ${language.language} translations), over the budget of ${budget}`,
  );
  process.exit(1);
}
