#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.mjs in turn (they need the peers:
// apt-get install miller jq gojq). Arguments are passed on (e.g. --quick).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const f of readdirSync(here).filter((n) => n.endsWith('.bench.mjs')).sort()) {
  console.log(`\n# ${f}\n`);
  const r = spawnSync(process.execPath, [join(here, f), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
