#!/usr/bin/env node
// `npm run lint:arch`: the layering rules (dependency-cruiser with
// .dependency-cruiser.cjs, over src/ and plugins/) and the size limits
// (scripts/check-size.mjs). Both always run, so one report shows every
// problem; the exit code is non-zero if either failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  ['scripts/arch/depcruise.mjs', '--config', '.dependency-cruiser.cjs', 'src', 'plugins'],
  ['scripts/check-size.mjs'],
];
let failed = 0;
for (const args of steps) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
