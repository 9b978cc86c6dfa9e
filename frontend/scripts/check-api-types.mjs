// Fails when src/api/schema.d.ts is not what openapi-typescript generates from the committed
// spec, and says how to fix it. Run by `make test` (`npm run check:api`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'saulet-api-types-'));
const generated = join(scratch, 'schema.d.ts');
try {
  execFileSync('npx', ['--no-install', 'openapi-typescript', '../openapi/openapi.json', '-o', generated], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(generated, 'utf8') !== readFileSync('src/api/schema.d.ts', 'utf8')) {
    console.error('src/api/schema.d.ts is out of date with openapi/openapi.json: run `make openapi` and commit.');
    process.exit(1);
  }
  console.log('API types match openapi/openapi.json');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
